/**
 * What Meta's Conversions API needs of a Messenger or Instagram lead besides the read model: the
 * sender's page-scoped (`fb_psid`) or Instagram-scoped (`ig_sid`) id, from the contact's
 * identities, and the Page / Instagram account the chat is with, from the lead's first message id
 * (`<account id>:<mid>`, adapters/meta-messaging/messaging.ts).
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { contactIdentities } from "../db/schema";
import type { LeadRow } from "../read-model/lead-json";

/** A Messenger / Instagram lead's sender and account ids. */
export interface MetaAppUser {
  /** The PSID or IGSID. */
  userId: string;
  /** The Page id or Instagram account id. */
  accountId: string;
}

const KIND = { messenger: "fb_psid", instagram: "ig_sid" } as const;

/** The lead's Messenger / Instagram ids; null for other chat apps or when they are gone (erased). */
export async function metaAppUserOf(db: Db, lead: LeadRow["lead"]): Promise<MetaAppUser | null> {
  if (lead.chatApp !== "messenger" && lead.chatApp !== "instagram") return null;
  const accountId = /^([0-9]{1,20}):/.exec(lead.firstMessageId)?.[1];
  if (!accountId) return null;
  const identity = await db
    .select({ value: contactIdentities.value })
    .from(contactIdentities)
    .where(
      and(
        eq(contactIdentities.contactId, lead.contactId),
        eq(contactIdentities.kind, KIND[lead.chatApp]),
      ),
    )
    .get();
  return identity ? { userId: identity.value, accountId } : null;
}
