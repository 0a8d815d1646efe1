/** The stored messages of a contact, read back by the ingestion and erasure tests. */
import { eq } from "drizzle-orm";
import { contacts, messages } from "../../worker/db/schema";
import { db } from "./helpers";

/** The message rows of contact `contactId` (none when it is undefined). */
export const messagesOf = (contactId: number | undefined) =>
  db()
    .select()
    .from(messages)
    .where(eq(messages.contactId, contactId ?? -1))
    .all();

/** The message rows of the contact whose WhatsApp phone is `phone`. */
export async function messagesFrom(phone: string) {
  const contact = await db().select().from(contacts).where(eq(contacts.waId, phone)).get();
  return messagesOf(contact?.id);
}
