/**
 * Erasure of a contact's personal data (`DELETE /api/v1/contacts/:id`), in one D1 batch:
 * the phone number (wa_id becomes `erased:<public id>`), the profile name, the texts of its
 * messages and their WhatsApp ids (a wamid embeds the number), the raw deliveries of the site's number that carry its wa_id (deleted once processed,
 * the wa_id blanked in any not yet processed), and the forward payloads of its lead (rows not yet
 * sent are skipped). What stays is anonymous: the contact and lead rows, message rows without
 * text, touches, the consent ledger (keywords and text versions; events that came from a message
 * lose the message id and get an `erased:` dedupe key), and the counts. An audit row records who erased what, with counts only.
 */
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  auditLog,
  consentEvents,
  contacts,
  deliveries,
  leads,
  messages,
  outbox,
  sites,
  touches,
} from "../db/schema";

/** What an erasure changed. */
export interface ErasureResult {
  erasedAt: number;
  messages: number;
  deliveriesDeleted: number;
  deliveriesRedacted: number;
  outboxRows: number;
}

/**
 * Erases the contact with this public id in `siteId`. Returns null when there is no such contact,
 * and the earlier erasure time (all counts 0) when it was already erased.
 */
export async function eraseContact(
  db: Db,
  siteId: string,
  publicId: string,
  actor: string | null,
  now = Date.now(),
): Promise<ErasureResult | null> {
  const row = await db
    .select({
      id: contacts.id,
      waId: contacts.waId,
      erasedAt: contacts.erasedAt,
      phoneNumberId: sites.phoneNumberId,
    })
    .from(contacts)
    .innerJoin(sites, eq(sites.id, contacts.siteId))
    .where(and(eq(contacts.siteId, siteId), eq(contacts.publicId, publicId)))
    .get();
  if (!row) return null;
  const none = { messages: 0, deliveriesDeleted: 0, deliveriesRedacted: 0, outboxRows: 0 };
  if (row.erasedAt) return { erasedAt: row.erasedAt, ...none };

  // Raw bodies are JSON: the wa_id is always a quoted string, and the site's number id too.
  const quoted = JSON.stringify(row.waId);
  const carries = and(
    sql`instr(${deliveries.body}, ${quoted}) > 0`,
    sql`instr(${deliveries.body}, ${JSON.stringify(row.phoneNumberId)}) > 0`,
  );
  const processed = and(carries, isNotNull(deliveries.processedAt));
  const leadIds = db.select({ id: leads.id }).from(leads).where(eq(leads.contactId, row.id));
  const results = await db.batch([
    // WhatsApp message ids (wamid.…) are base64 that embeds the sender's number: replaced too.
    db
      .update(messages)
      .set({ body: null, providerMessageId: sql`'erased:' || ${messages.id}` })
      .where(eq(messages.contactId, row.id)),
    db
      .update(messages)
      .set({ deliveryId: null })
      .where(
        inArray(
          messages.deliveryId,
          db.select({ id: deliveries.id }).from(deliveries).where(processed),
        ),
      ),
    db.delete(deliveries).where(processed),
    db
      .update(deliveries)
      .set({ body: sql`replace(${deliveries.body}, ${quoted}, '"erased"')` })
      .where(and(carries, isNull(deliveries.processedAt))),
    db
      .update(outbox)
      .set({
        payload: null,
        status: sql`case when ${outbox.status} in ('pending', 'retrying') then 'skipped' else ${outbox.status} end`,
        lastError: sql`case when ${outbox.status} in ('pending', 'retrying') then 'contact erased' else ${outbox.lastError} end`,
        nextAttemptAt: null,
        updatedAt: now,
      })
      .where(inArray(outbox.leadId, leadIds)),
    db
      .update(contacts)
      .set({ waId: sql`'erased:' || ${contacts.publicId}`, name: null, erasedAt: now })
      .where(eq(contacts.id, row.id)),
    // In the same transaction, so an erasure never happens without its audit row.
    db
      .insert(auditLog)
      .values({ siteId, action: "contact.erase", target: publicId, actor, at: now }),
    db
      .update(leads)
      .set({ firstMessageId: sql`'erased:' || ${leads.id}` })
      .where(eq(leads.contactId, row.id)),
    db
      .update(touches)
      .set({ messageId: sql`'erased:' || ${touches.id}` })
      .where(inArray(touches.leadId, leadIds)),
    db
      .update(consentEvents)
      .set({ messageId: null, dedupeKey: sql`'erased:' || ${consentEvents.id}` })
      .where(
        and(eq(consentEvents.contactId, row.id), sql`${consentEvents.dedupeKey} like 'msg:%'`),
      ),
  ]);
  const changes = (i: number) => (results[i] as D1Result).meta.changes;
  const result: ErasureResult = {
    erasedAt: now,
    messages: changes(0),
    deliveriesDeleted: changes(2),
    deliveriesRedacted: changes(3),
    outboxRows: changes(4),
  };
  const { erasedAt: _, ...counts } = result;
  const auditId = (results[6] as D1Result).meta.last_row_id;
  await db
    .update(auditLog)
    .set({ detail: JSON.stringify(counts) })
    .where(eq(auditLog.id, auditId))
    .run();
  return result;
}
