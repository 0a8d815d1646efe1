/**
 * Records one inbound message and its attribution in a single D1 batch (one transaction).
 * Every statement is idempotent, so duplicate or concurrent deliveries converge on the same rows:
 * exactly one contact, one message row, one lead per (site, contact), one touch per message.
 *
 * A lead's attribution is that of the contact's earliest message: a matched ref, else a
 * Click-to-WhatsApp referral, else none. A message delivered late but sent earlier takes over
 * the first touch; later messages only add touches.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { clicks, contacts, leads, messages, touches } from "../db/schema";
import type { InboundMessage } from "../inbound/whatsapp-payload";
import { findRefCandidates } from "./ref-matcher";

export const PROVIDER_WHATSAPP = "whatsapp";

/** What happened to a message. */
export type RecordOutcome = "duplicate" | "recorded";

/** Picks the first candidate ref (in text order) that is an unmatched click of this site, or this contact's. */
async function findClick(db: Db, siteId: string, msg: InboundMessage): Promise<number | null> {
  const candidates = msg.text ? findRefCandidates(msg.text) : [];
  if (!candidates.length) return null;
  const rows = await db
    .select({ id: clicks.id, ref: clicks.ref, contactId: clicks.contactId, waId: contacts.waId })
    .from(clicks)
    .leftJoin(contacts, eq(contacts.id, clicks.contactId))
    .where(and(eq(clicks.siteId, siteId), inArray(clicks.ref, candidates)))
    .all();
  for (const ref of candidates) {
    const row = rows.find((r) => r.ref === ref && (r.contactId === null || r.waId === msg.waId));
    if (row) return row.id;
  }
  return null;
}

export async function recordMessage(
  db: Db,
  siteId: string,
  msg: InboundMessage,
  deliveryId: number | null,
  now = Date.now(),
): Promise<RecordOutcome> {
  // A cheap read to skip known duplicates; correctness comes from the constraints below.
  const seen = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(eq(messages.provider, PROVIDER_WHATSAPP), eq(messages.providerMessageId, msg.messageId)),
    )
    .get();
  if (seen) return "duplicate";

  const clickId = await findClick(db, siteId, msg);
  const ctwa = msg.referral;
  const contactId = sql`(select id from contacts where site_id = ${siteId} and wa_id = ${msg.waId})`;
  // The click counts only once it is bound to this contact (statement 3), so a ref already matched
  // into another contact's lead is never attributed twice.
  const matchedClick = sql`(select id from clicks where id = ${clickId} and contact_id = ${contactId})`;

  await db.batch([
    db
      .insert(contacts)
      .values({
        siteId,
        waId: msg.waId,
        name: msg.name,
        firstSeenAt: msg.sentAt,
        lastInboundAt: msg.sentAt,
      })
      .onConflictDoUpdate({
        target: [contacts.siteId, contacts.waId],
        set: {
          name: sql`coalesce(excluded.name, ${contacts.name})`,
          firstSeenAt: sql`min(${contacts.firstSeenAt}, excluded.first_seen_at)`,
          lastInboundAt: sql`max(${contacts.lastInboundAt}, excluded.last_inbound_at)`,
        },
      }),
    db
      .insert(messages)
      .values({
        provider: PROVIDER_WHATSAPP,
        providerMessageId: msg.messageId,
        siteId,
        contactId,
        deliveryId,
        type: msg.type,
        body: msg.text,
        sentAt: msg.sentAt,
        receivedAt: now,
      })
      .onConflictDoNothing(),
    db
      .update(clicks)
      .set({ contactId, matchedAt: now })
      .where(and(eq(clicks.id, clickId ?? -1), isNull(clicks.contactId))),
    db
      .insert(leads)
      .values({
        id: newId("lead", now),
        siteId,
        contactId,
        attribution: sql`case when ${matchedClick} is not null then 'ref' when ${ctwa ? 1 : 0} then 'ctwa' else 'none' end`,
        clickId: matchedClick,
        ctwaClid: ctwa?.ctwa_clid ?? null,
        ctwaSourceId: ctwa?.source_id ?? null,
        ctwaSourceUrl: ctwa?.source_url ?? null,
        ctwaSourceType: ctwa?.source_type ?? null,
        ctwaHeadline: ctwa?.headline ?? null,
        firstMessageId: msg.messageId,
        firstMessageAt: msg.sentAt,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [leads.siteId, leads.contactId],
        set: {
          attribution: sql`excluded.attribution`,
          clickId: sql`excluded.click_id`,
          ctwaClid: sql`excluded.ctwa_clid`,
          ctwaSourceId: sql`excluded.ctwa_source_id`,
          ctwaSourceUrl: sql`excluded.ctwa_source_url`,
          ctwaSourceType: sql`excluded.ctwa_source_type`,
          ctwaHeadline: sql`excluded.ctwa_headline`,
          firstMessageId: sql`excluded.first_message_id`,
          firstMessageAt: sql`excluded.first_message_at`,
          updatedAt: sql`excluded.updated_at`,
        },
        setWhere: sql`excluded.first_message_at < ${leads.firstMessageAt}`,
      }),
    db
      .insert(touches)
      .select(
        db
          .select({
            // insert … select takes every column in table order; a null id is assigned by SQLite.
            id: sql<number>`null`.as("id"),
            siteId: leads.siteId,
            leadId: leads.id,
            kind: sql<
              "ref" | "ctwa"
            >`case when ${clicks.id} is not null then 'ref' else 'ctwa' end`.as("kind"),
            clickId: clicks.id,
            ctwaClid: sql`${ctwa?.ctwa_clid ?? null}`.as("ctwa_clid"),
            ctwaSourceId: sql`${ctwa?.source_id ?? null}`.as("ctwa_source_id"),
            ctwaSourceUrl: sql`${ctwa?.source_url ?? null}`.as("ctwa_source_url"),
            ctwaSourceType: sql`${ctwa?.source_type ?? null}`.as("ctwa_source_type"),
            ctwaHeadline: sql`${ctwa?.headline ?? null}`.as("ctwa_headline"),
            messageId: sql`${msg.messageId}`.as("message_id"),
            occurredAt: sql`${msg.sentAt}`.as("occurred_at"),
          })
          .from(leads)
          .leftJoin(
            clicks,
            and(eq(clicks.id, clickId ?? -1), eq(clicks.contactId, leads.contactId)),
          )
          .where(
            and(
              eq(leads.siteId, siteId),
              eq(leads.contactId, contactId),
              sql`(${clicks.id} is not null or ${ctwa ? 1 : 0})`,
            ),
          ),
      )
      .onConflictDoNothing(),
  ]);
  return "recorded";
}
