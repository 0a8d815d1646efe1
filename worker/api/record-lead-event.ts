/**
 * Records a sale event of a lead and its outbox rows in one D1 batch, then enqueues the rows.
 * Idempotent per (lead, type, external id): UNIQUE + ON CONFLICT DO NOTHING, then the stored row
 * is read in the same batch, so concurrent identical requests all answer the one first result.
 * Erasure wins: the insert is conditional on the lead's contact not being erased, in the same
 * statement, so an event arriving during or after an erasure records nothing (409).
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { contacts, leadEvents, leads } from "../db/schema";
import { enqueueNewOutbox } from "../forward/enqueue";
import { SALE_OUTBOX_SQL } from "../forward/sale-outbox";
import { ApiError } from "../http/errors";
import { findContactId } from "./contact-json";
import { FUTURE_SKEW_MS, type LookupEventBody, type SaleEventBody } from "./lead-event-body";

const INSERT_SQL = `insert into lead_events (id, site_id, lead_id, type, external_id,
    value_micros, currency, occurred_at, created_at)
  select ?1, l.site_id, l.id, ?3, ?4, ?5, ?6, ?7, ?8
  from leads l join contacts c on c.id = l.contact_id
  where l.id = ?2 and l.site_id = ?9 and c.erased_at is null
  on conflict (lead_id, type, external_id) do nothing`;

/** What a recording answers: the stored event, and whether this call inserted it. */
export interface Recorded {
  row: typeof leadEvents.$inferSelect;
  recorded: boolean;
}

/** When the event happened: the caller's time (not ahead of ours), else now. */
function occurredAt(body: SaleEventBody, now: number): number {
  if (body.occurred_at === undefined) return now;
  const at = Date.parse(body.occurred_at);
  if (at > now + FUTURE_SKEW_MS)
    throw new ApiError(400, "validation_failed", "occurred_at is in the future");
  return at;
}

/**
 * Records `body` for lead `leadId` of `siteId` (404 when the site has no such lead, 409 when its
 * contact is erased) and enqueues the destinations' rows.
 */
export async function recordLeadEvent(
  db: Db,
  queue: Queue<{ id: string }> | undefined,
  siteId: string,
  leadId: string,
  body: SaleEventBody,
  now = Date.now(),
): Promise<Recorded> {
  const d1 = db.$client;
  const externalId = body.external_id ?? body.type;
  const id = newId("lev", now);
  const value = body.value === undefined ? null : Math.round(body.value * 1e6);
  const when = occurredAt(body, now);
  const [insert, outbox] = await d1.batch([
    d1
      .prepare(INSERT_SQL)
      .bind(id, leadId, body.type, externalId, value, body.currency ?? null, when, now, siteId),
    d1.prepare(SALE_OUTBOX_SQL).bind(id, now),
  ]);
  const row = await db
    .select()
    .from(leadEvents)
    .where(
      and(
        eq(leadEvents.siteId, siteId),
        eq(leadEvents.leadId, leadId),
        eq(leadEvents.type, body.type),
        eq(leadEvents.externalId, externalId),
      ),
    )
    .get();
  if (!row) throw await missing(db, siteId, leadId);
  const ids = (outbox?.results ?? []).map((r) => (r as { id: string }).id);
  await enqueueNewOutbox(queue, ids);
  return { row, recorded: (insert?.meta.changes ?? 0) > 0 };
}

/** Why nothing was recorded: no such lead (404), or its contact is erased (409). */
async function missing(db: Db, siteId: string, leadId: string): Promise<ApiError> {
  const lead = await db.$client
    .prepare(
      "select c.erased_at as erased from leads l join contacts c on c.id = l.contact_id where l.id = ?1 and l.site_id = ?2",
    )
    .bind(leadId, siteId)
    .first<{ erased: number | null }>();
  if (!lead) return new ApiError(404, "not_found", `No lead ${leadId}`);
  return new ApiError(
    409,
    "conflict",
    "The lead's contact was erased: no events are recorded for it",
  );
}

/** The lead of the contact with public id `contactId`, or a 404. */
export async function leadOfContact(db: Db, siteId: string, contactId: string): Promise<string> {
  const row = await db
    .select({ id: leads.id })
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .where(and(eq(leads.siteId, siteId), eq(contacts.publicId, contactId)))
    .get();
  if (!row) throw new ApiError(404, "not_found", `No lead for contact ${contactId}`);
  return row.id;
}

/**
 * Records the event of `POST /api/v1/events` (and a CRM hook's): the lead found by exactly one of
 * lead id, contact id, phone (`wa_id`) or BSUID (`user_id`); 404 when none names a lead.
 */
export async function recordFoundEvent(
  c: { var: { db: Db }; env: { FORWARD_QUEUE?: Queue<{ id: string }> } },
  siteId: string,
  { lead_id, contact_id, wa_id, user_id, ...body }: LookupEventBody,
): Promise<Recorded> {
  const db = c.var.db;
  let leadId = lead_id;
  if (!leadId) {
    const contact =
      contact_id ??
      (user_id
        ? await findContactId(db, siteId, "wa_user", user_id)
        : await findContactId(db, siteId, "wa_phone", (wa_id ?? "").replace(/^\+/, "")));
    if (!contact) throw new ApiError(404, "not_found", "No contact with that phone or BSUID");
    leadId = await leadOfContact(db, siteId, contact);
  }
  return recordLeadEvent(db, c.env.FORWARD_QUEUE, siteId, leadId, body);
}
