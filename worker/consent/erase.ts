/**
 * Erasure of a contact's personal data (`DELETE /api/v1/contacts/:id`), in one D1 batch: every
 * identifier of the person (phone, BSUID, parent BSUID, username, and the aliases in
 * contact_identities, which are deleted so nothing finds the contact again), the profile name,
 * the texts of its messages and their WhatsApp ids (a wamid embeds the number), the raw deliveries
 * of the site's numbers and accounts that name any identifier (deleted once processed; a delivery
 * not yet processed loses the person's items — adapters/stored-formats.ts — so it cannot bring
 * them back), the identifiers of pending merges, and the forward payloads of its lead (rows not
 * yet sent are skipped). What stays is anonymous: the contact and lead rows, message rows without
 * text, touches, the consent ledger (keywords and text versions; events that came from a message
 * lose the message id and get an `erased:` dedupe key; a widget opt-in's page loses its query),
 * and the counts. An audit row records who erased what, with counts only.
 */

import {
  and,
  eq,
  inArray,
  isNotNull,
  isNull,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from "drizzle-orm";
import { redactStored } from "../adapters/stored-formats";
import type { Db } from "../db/client";
import {
  auditLog,
  channelConnections,
  clicks,
  consentEvents,
  contactIdentities,
  contactMerges,
  contacts,
  deliveries,
  leadEvents,
  leads,
  messages,
  outbox,
  sites,
  touches,
} from "../db/schema";
import { erasedIdsSql } from "./erased-messages";

/** A stored URL up to its query, which may carry click ids (gclid, fbclid …). */
const withoutQuery = (url: SQLWrapper) =>
  sql<string>`substr(${url}, 1, instr(${url} || '?', '?') - 1)`;

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
      userId: contacts.userId,
      parentUserId: contacts.parentUserId,
      username: contacts.username,
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

  const aliases = await db
    .select({ value: contactIdentities.value })
    .from(contactIdentities)
    .where(eq(contactIdentities.contactId, row.id))
    .all();
  // The identifiers that find the person in raw bodies. Not the username: it is a word anyone
  // may write (another person's waiting "hello" would be stripped, their processed bodies
  // deleted), and every body naming it names the person's BSUID or app id beside it.
  const ids = [
    ...new Set(
      [row.waId, row.userId, row.parentUserId, ...aliases.map((a) => a.value)].filter(
        (v): v is string => !!v,
      ),
    ),
  ];
  // Raw bodies are JSON: a WhatsApp identifier is always a quoted string, and the site's number
  // id too; a Telegram user id is a bare number, in the updates of the site's bots.
  const names = (column: SQL | typeof deliveries.body) =>
    or(
      ...ids.flatMap((id) => [
        sql`instr(${column}, ${JSON.stringify(id)}) > 0`,
        ...(/^[0-9]+$/.test(id)
          ? [sql`instr(${column}, ${`:${id},`}) > 0`, sql`instr(${column}, ${`:${id}}`}) > 0`]
          : []),
      ]),
    ) ?? sql`0`;
  const botsOfSite = db
    .select({
      provider: sql`${channelConnections.provider} || ':' || ${channelConnections.accountId}`,
    })
    .from(channelConnections)
    .where(eq(channelConnections.siteId, siteId));
  // Cloud API deliveries are all stored as provider `whatsapp`: the site's are those naming its
  // own number id or one of its further Cloud API numbers (agents' `whatsapp` connections).
  const namesFurtherNumber = sql`exists (select 1 from "channel_connections" "n"
    where "n"."site_id" = ${siteId} and "n"."provider" = 'whatsapp'
      and instr(${deliveries.body}, '"' || "n"."account_id" || '"') > 0)`;
  const carries = and(
    names(deliveries.body),
    or(
      sql`instr(${deliveries.body}, ${JSON.stringify(row.phoneNumberId)}) > 0`,
      namesFurtherNumber,
      inArray(deliveries.provider, botsOfSite),
    ),
  );
  const processed = and(carries, isNotNull(deliveries.processedAt));
  const waiting = ids.length
    ? await db
        .select({ id: deliveries.id, provider: deliveries.provider, body: deliveries.body })
        .from(deliveries)
        .where(and(carries, isNull(deliveries.processedAt)))
        .all()
    : [];
  const redactions = waiting.flatMap((d) => {
    const body = redactStored(d.provider, d.body, ids);
    return body === null
      ? []
      : [
          db
            .update(deliveries)
            .set({ body })
            .where(and(eq(deliveries.id, d.id), isNull(deliveries.processedAt))),
        ];
  });
  const leadIds = db.select({ id: leads.id }).from(leads).where(eq(leads.contactId, row.id));
  const erasedIds = await erasedIdsSql(db, row.id);
  const results = await db.batch([
    // WhatsApp message ids (wamid.…) are base64 that embeds the sender's number: replaced by
    // their hashes, which still recognise a redelivery (erased-messages.ts).
    db
      .update(messages)
      .set({ body: null, providerMessageId: erasedIds })
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
    // Pending merges naming the person: completed as they are, their identifiers forgotten.
    db
      .update(contactMerges)
      .set({ completedAt: now, valueA: null, valueB: null })
      .where(
        and(
          isNull(contactMerges.completedAt),
          eq(contactMerges.siteId, siteId),
          or(inArray(contactMerges.valueA, ids), inArray(contactMerges.valueB, ids)),
        ),
      ),
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
      .set({
        waId: null,
        userId: null,
        parentUserId: null,
        username: null,
        name: null,
        erasedAt: now,
      })
      .where(eq(contacts.id, row.id)),
    db.delete(contactIdentities).where(eq(contactIdentities.contactId, row.id)),
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
    // The clicks that led to the contact's lead keep their counts and dimensions (source,
    // medium, campaign, landing page), not the identifiers that single out the visitor: click
    // ids, analytics cookies, GA4 sessions, the first touch, and the URLs' queries (which carry
    // click ids too).
    db
      .update(clicks)
      .set({
        gclid: null,
        gbraid: null,
        wbraid: null,
        fbclid: null,
        ttclid: null,
        msclkid: null,
        yclid: null,
        gaClientId: null,
        fbp: null,
        fbc: null,
        ymUid: null,
        gaSessions: null,
        firstTouch: null,
        landingUrl: withoutQuery(clicks.landingUrl),
        pageUrl: withoutQuery(clicks.pageUrl),
      })
      .where(
        or(
          inArray(
            clicks.id,
            db.select({ id: leads.clickId }).from(leads).where(eq(leads.contactId, row.id)),
          ),
          inArray(
            clicks.id,
            db
              .select({ id: touches.clickId })
              .from(touches)
              .where(inArray(touches.leadId, leadIds)),
          ),
        ),
      ),
    // A CRM's deal or order id may name the person: sale events keep their type and value only.
    db
      .update(leadEvents)
      .set({ externalId: sql`'erased:' || ${leadEvents.id}` })
      .where(inArray(leadEvents.leadId, leadIds)),
    db
      .update(consentEvents)
      .set({ messageId: null, dedupeKey: sql`'erased:' || ${consentEvents.id}` })
      .where(
        and(eq(consentEvents.contactId, row.id), sql`${consentEvents.dedupeKey} like 'msg:%'`),
      ),
    // A widget opt-in keeps the page it was given on, not the query naming the visit.
    db
      .update(consentEvents)
      .set({ pageUrl: withoutQuery(consentEvents.pageUrl) })
      .where(and(eq(consentEvents.contactId, row.id), isNotNull(consentEvents.pageUrl))),
    ...redactions,
  ]);
  const changes = (i: number) => (results[i] as D1Result).meta.changes;
  const redacted = results.slice(results.length - redactions.length);
  const result: ErasureResult = {
    erasedAt: now,
    messages: changes(0),
    deliveriesDeleted: changes(2),
    deliveriesRedacted: redacted.reduce((n, r) => n + (r as D1Result).meta.changes, 0),
    outboxRows: changes(4),
  };
  const { erasedAt: _, ...counts } = result;
  const auditId = (results[7] as D1Result).meta.last_row_id;
  await db.update(auditLog).set({ detail: counts }).where(eq(auditLog.id, auditId)).run();
  return result;
}
