/**
 * Backfill: `lead.created` outbox rows for a destination added after the leads
 * (`POST /api/v1/destinations/:id/backfill`). Normal rows are written in the lead's own batch
 * (outbox-insert.ts), for the destinations live at that moment; this writes the missing ones for
 * the leads of a site created in [since, until).
 *
 * - Chunks of BACKFILL_CHUNK leads by keyset over (created_at, id), each one D1 batch (one
 *   transaction): count the chunk, INSERT … SELECT its rows with ON CONFLICT DO NOTHING on
 *   UNIQUE(destination_id, event_id), read where the next chunk starts. No read decides a write:
 *   leads that already have the row (forwarded with the lead, or by an earlier backfill) insert
 *   nothing, so calling it twice, or concurrently with new leads, converges.
 * - Rows the destination can never take are written final, with the reason the consumer gives
 *   (deliver.ts / the formats), so the log shows the truth at once and no queue message is spent
 *   on them: leads older than the destination's window (GA4 72 h, Meta 7 days, Google Ads 90
 *   days; webhooks have none), and leads whose contact was erased (consent/erase.ts skips their unsent rows the same
 *   way). Every other row is pending; the delivery-time checks still apply to it (a window can
 *   close before its turn, a lead may lack a GA client id).
 * - Enqueueing: the first BACKFILL_ENQUEUE_MAX pending rows (oldest leads first, the nearest to
 *   leaving a window) are put on the queue before the answer; the rest stay pending, due now, and
 *   the cron sweep (sweep.ts) enqueues them, SWEEP_BATCH per run. A failed send loses nothing:
 *   the sweep covers it too. This bounds the subrequests of one call whatever the range holds.
 */
import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { contacts, type DestinationKind, leads, outbox } from "../db/schema";
import { enqueueOutbox, type ForwardMessage } from "./enqueue";
import { GA4_BACKDATE_MS, GA4_TOO_OLD } from "./ga4";
import { GOOGLE_ADS_TOO_OLD, GOOGLE_ADS_WINDOW_MS } from "./google-ads";
import { META_MAX_AGE_MS, META_TOO_OLD } from "./meta-capi";
import { MICROSOFT_ADS_TOO_OLD, MICROSOFT_ADS_WINDOW_MS } from "./microsoft-ads";
import { MAX_ATTEMPTS } from "./outbox-insert";
import { TIKTOK_TOO_OLD, TIKTOK_WINDOW_MS } from "./tiktok";
import { YANDEX_TOO_OLD, YANDEX_WINDOW_MS } from "./yandex-csv";

/** Leads per statement. */
export const BACKFILL_CHUNK = 5_000;
/** Pending rows enqueued by the call itself (100 per sendBatch); the sweep takes the rest. */
export const BACKFILL_ENQUEUE_MAX = 1_000;
/** The widest range one call accepts. */
export const BACKFILL_MAX_RANGE_MS = 400 * 24 * 3600_000;
/** The reason erasure gives the unsent rows of an erased contact (consent/erase.ts). */
export const ERASED_REASON = "contact erased";

/** How old a lead a destination kind takes (the formats' skip rule), and why an older one is skipped. */
export const BACKFILL_WINDOWS: Record<DestinationKind, { ms: number; reason: string } | null> = {
  ga4: { ms: GA4_BACKDATE_MS, reason: GA4_TOO_OLD },
  meta_capi: { ms: META_MAX_AGE_MS, reason: META_TOO_OLD },
  webhook: null,
  // From the click, at delivery; here the first message stands in (never earlier than the click).
  google_ads: { ms: GOOGLE_ADS_WINDOW_MS, reason: GOOGLE_ADS_TOO_OLD },
  tiktok: { ms: TIKTOK_WINDOW_MS, reason: TIKTOK_TOO_OLD },
  yandex_metrica: { ms: YANDEX_WINDOW_MS, reason: YANDEX_TOO_OLD },
  // The longest window; a destination set shorter skips the rest at delivery with its reason.
  microsoft_ads: { ms: MICROSOFT_ADS_WINDOW_MS, reason: MICROSOFT_ADS_TOO_OLD },
};

export interface BackfillInput {
  siteId: string;
  /** Without `includeInferred`, leads attributed by inference are not in its range at all. */
  destination: { id: string; kind: DestinationKind; includeInferred?: boolean };
  /** created_at ≥ since, ms. */
  since: number;
  /** created_at < until, ms. */
  until: number;
  dryRun: boolean;
  now?: number;
}

/** The counts of a backfill: leads_in_range = already_present + queued + outside_window + erased. */
export interface BackfillCounts {
  leadsInRange: number;
  /** Leads that already had their lead.created row for this destination. */
  alreadyPresent: number;
  /** Rows written pending (with dry_run: that would be). */
  queued: number;
  /** Rows written skipped: the lead is older than the destination's window. */
  outsideWindow: number;
  /** Rows written skipped: the contact was erased. */
  erased: number;
  /** Pending rows put on the queue by this call (the sweep enqueues the others). */
  enqueued: number;
}

interface Position {
  createdAt: number;
  id: string;
}

/** One chunk's leads, those with the row already, and those the insert writes skipped. */
interface ChunkCounts {
  leads: number;
  present: number;
  erased: number;
  outside: number;
}

/** Writes (or, dry, counts) the missing lead.created rows of one destination. */
export async function backfillDestination(
  db: Db,
  queue: Queue<ForwardMessage> | undefined,
  input: BackfillInput,
): Promise<BackfillCounts> {
  const { siteId, destination, since, until, dryRun } = input;
  const now = input.now ?? Date.now();
  const window = BACKFILL_WINDOWS[destination.kind];
  const eventId = (leadId: unknown) => sql`${leadId} || '.created'`;

  /** The leads of one chunk: after `after`, before `until`, in keyset order. */
  const inChunk = (after: Position) =>
    and(
      eq(leads.siteId, siteId),
      sql`(${leads.createdAt}, ${leads.id}) > (${after.createdAt}, ${after.id})`,
      lt(leads.createdAt, until),
      destination.includeInferred ? undefined : sql`${leads.attribution} <> 'inferred'`,
    );
  const chunkOf = (after: Position) =>
    db
      .select({
        leadId: sql<string>`${leads.id}`.as("chunk_lead_id"),
        contactId: sql<number>`${leads.contactId}`.as("chunk_contact_id"),
        firstMessageAt: sql<number>`${leads.firstMessageAt}`.as("chunk_first_message_at"),
      })
      .from(leads)
      .where(inChunk(after))
      .orderBy(asc(leads.createdAt), asc(leads.id))
      .limit(BACKFILL_CHUNK)
      .as("chunk");

  const totals: BackfillCounts = {
    leadsInRange: 0,
    alreadyPresent: 0,
    queued: 0,
    outsideWindow: 0,
    erased: 0,
    enqueued: 0,
  };
  const pending: string[] = [];
  let after: Position | null = { createdAt: since, id: "" };
  while (after) {
    const chunk = chunkOf(after);
    const erased = sql`(${contacts.erasedAt} is not null)`;
    const outside = window ? sql`(${chunk.firstMessageAt} < ${now - window.ms})` : sql`0`;
    // The chunk's counts, read in the same transaction as its insert: they describe exactly what
    // the insert does (a row per lead without one; skipped when erased or outside the window).
    const count = db
      .select({
        leads: sql<number>`count(*)`,
        present: sql<number>`count(${outbox.id})`,
        erased: sql<number>`coalesce(sum(${outbox.id} is null and ${erased}), 0)`,
        outside: sql<number>`coalesce(sum(${outbox.id} is null and not ${erased} and ${outside}), 0)`,
      })
      .from(chunk)
      .innerJoin(contacts, eq(contacts.id, chunk.contactId))
      .leftJoin(
        outbox,
        and(eq(outbox.destinationId, destination.id), eq(outbox.eventId, eventId(chunk.leadId))),
      );
    const next = db
      .select({ createdAt: leads.createdAt, id: leads.id })
      .from(leads)
      .where(inChunk(after))
      .orderBy(asc(leads.createdAt), asc(leads.id))
      .limit(1)
      .offset(BACKFILL_CHUNK - 1);
    let counts: ChunkCounts | undefined;
    let boundary: Position | undefined;
    if (dryRun) {
      const [c, n]: [ChunkCounts[], Position[]] = await db.batch([count, next]);
      counts = c[0];
      boundary = n[0];
    } else {
      const skipReason = sql`(case when ${erased} then ${ERASED_REASON}
        when ${outside} then ${window?.reason ?? null} else null end)`;
      const skipped = sql`(${erased} or ${outside})`;
      const insert = db
        .insert(outbox)
        .select(
          // insert … select takes every column in table order (as outbox-insert.ts).
          db
            .select({
              id: sql<string>`'fwd_' || lower(hex(randomblob(10)))`.as("id"),
              siteId: sql<string>`${siteId}`.as("site_id"),
              destinationId: sql<string>`${destination.id}`.as("destination_id"),
              leadId: sql<string>`${chunk.leadId}`.as("lead_id"),
              event: sql<"lead.created">`'lead.created'`.as("event"),
              eventId: sql<string>`${eventId(chunk.leadId)}`.as("event_id"),
              status: sql<"pending" | "skipped">`(case when ${skipped} then 'skipped'
                else 'pending' end)`.as("status"),
              attempts: sql<number>`0`.as("attempts"),
              maxAttempts: sql<number>`${sql.raw(String(MAX_ATTEMPTS))}`.as("max_attempts"),
              nextAttemptAt: sql<number | null>`(case when ${skipped} then null
                else ${now} end)`.as("next_attempt_at"),
              leaseUntil: sql<null>`null`.as("lease_until"),
              lastError: sql<string | null>`${skipReason}`.as("last_error"),
              responseStatus: sql<null>`null`.as("response_status"),
              payload: sql<null>`null`.as("payload"),
              createdAt: sql<number>`${now}`.as("created_at"),
              updatedAt: sql<number>`${now}`.as("updated_at"),
              lastAttemptAt: sql<null>`null`.as("last_attempt_at"),
              sentAt: sql<null>`null`.as("sent_at"),
            })
            .from(chunk)
            .innerJoin(contacts, eq(contacts.id, chunk.contactId))
            // A WHERE before ON CONFLICT, so SQLite does not read it as the join's ON.
            .where(sql`true`),
        )
        .onConflictDoNothing({ target: [outbox.destinationId, outbox.eventId] })
        .returning({ id: outbox.id, status: outbox.status });
      const [c, inserted, n]: [ChunkCounts[], { id: string; status: string }[], Position[]] =
        await db.batch([count, insert, next]);
      counts = c[0];
      boundary = n[0];
      for (const row of inserted)
        if (row.status === "pending" && pending.length < BACKFILL_ENQUEUE_MAX) pending.push(row.id);
    }
    if (counts) {
      totals.leadsInRange += counts.leads;
      totals.alreadyPresent += counts.present;
      totals.erased += counts.erased;
      totals.outsideWindow += counts.outside;
      totals.queued += counts.leads - counts.present - counts.erased - counts.outside;
    }
    after = boundary ?? null;
  }

  if (!dryRun) {
    try {
      await enqueueOutbox(queue, pending);
      totals.enqueued = pending.length;
    } catch (err) {
      // The rows are pending and due: the cron sweep enqueues them.
      console.error(
        "forward: backfill enqueue failed; the sweep will send",
        pending.length,
        err instanceof Error ? err.message : "unknown error",
      );
    }
  }
  return totals;
}
