/**
 * The outbox rows of a sale event (api/record-lead-event.ts): one per live destination of the
 * lead's site that takes `lead.<type>` (a destination that asked for it; kind-events.ts
 * `KIND_EVENTS`), event id = the sale event's id, so a repeated event inserts nothing and
 * receivers de-duplicate on it. Appended to the batch that inserts the event, after it: when that
 * insert did nothing (the same event again), no row names the id and this inserts nothing too.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { type LeadEvent, leadEvents } from "../db/schema";
import type { SaleEvent } from "./format";
import { MAX_ATTEMPTS } from "./outbox-insert";

/** ?1 the sale event's id, ?2 the time. Returns the inserted outbox ids (to enqueue). */
export const SALE_OUTBOX_SQL = `insert into outbox (id, site_id, destination_id, lead_id, event,
    event_id, status, attempts, max_attempts, next_attempt_at, created_at, updated_at)
  select 'fwd_' || lower(hex(randomblob(10))), e.site_id, d.id, e.lead_id, 'lead.' || e.type,
    e.id, 'pending', 0, ${MAX_ATTEMPTS}, ?2, ?2, ?2
  from lead_events e
  join destinations d on d.site_id = e.site_id
  where e.id = ?1 and d.disabled_at is null
    and instr(' ' || d.events || ' ', ' lead.' || e.type || ' ') > 0
    -- A lead attributed by inference only where the destination opted in (include_inferred).
    and (d.include_inferred = 1 or (select l.attribution from leads l where l.id = e.lead_id) <> 'inferred')
  on conflict (destination_id, event_id) do nothing
  returning id`;

/** Whether an outbox row delivers a sale event (its event id is then a `lead_events` id). */
export const isSaleRow = (row: { event: LeadEvent }) =>
  row.event !== "lead.created" && row.event !== "lead.updated";

/** The sale event an outbox row delivers (null for the lead's own events, or when it is gone). */
export async function saleEventOf(
  db: Db,
  row: { event: LeadEvent; eventId: string },
): Promise<SaleEvent | null> {
  if (!isSaleRow(row)) return null;
  return (await db.select().from(leadEvents).where(eq(leadEvents.id, row.eventId)).get()) ?? null;
}
