/**
 * Erasure wins over forwarding (consent/erase.ts skips a contact's unsent rows and clears their
 * payloads in one batch). A delivery that was in flight when that batch ran, or a retry asked for
 * afterwards, must not undo it: the conditions here let deliver.ts record an outcome and the
 * retry route reschedule a row only while the lead's contact is not erased, in the same statement.
 */
import { and, eq, inArray, not, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { contacts, leads, type OutboxStatus, outbox } from "../db/schema";

/** SQL true when the lead whose id is in `leadId` belongs to an erased contact. */
export function leadErased(leadId: SQLiteColumn): SQL {
  return sql`exists (select 1 from ${leads} inner join ${contacts} on ${contacts.id} = ${leads.contactId} where ${leads.id} = ${leadId} and ${contacts.erasedAt} is not null)`;
}

/** Whether lead `id` belongs to an erased contact (false when there is no such lead). */
export async function isLeadErased(db: Db, id: string): Promise<boolean> {
  const row = await db
    .select({ erasedAt: contacts.erasedAt })
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .where(eq(leads.id, id))
    .get();
  return row?.erasedAt != null;
}

/** What an attempt records on its outbox row. */
export type Finish = Partial<typeof outbox.$inferInsert> & { status: OutboxStatus };

/**
 * The UPDATE that records an attempt's outcome on outbox row `id` and frees it: only while the
 * claim `lease` still holds it and it is still pending or retrying, and (unless it is a skip,
 * which writes no payload) while its contact is not erased, so an erasure during the request
 * (which turns unsent rows skipped and clears payloads) wins. Run alone (deliver.ts) or batched
 * (yandex-record.ts).
 */
export function outcomeUpdate(db: Db, id: string, lease: number, set: Finish) {
  return db
    .update(outbox)
    .set({ leaseUntil: null, updatedAt: Date.now(), ...set })
    .where(
      and(
        eq(outbox.id, id),
        eq(outbox.leaseUntil, lease),
        inArray(outbox.status, ["pending", "retrying"]),
        set.status === "skipped" ? undefined : not(leadErased(outbox.leadId)),
      ),
    );
}
