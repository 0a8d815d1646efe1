/**
 * Retention (run by the cron, worker/index.ts `scheduled`):
 * - clicks that never became leads are deleted once older than the site's
 *   `click_retention_days` (default 90). A click bound to a contact, or referenced by a lead or a
 *   touch, is never deleted;
 * - raw deliveries are deleted a while after they were processed, or set aside by the sweep
 *   after their last failed attempt (default 30 days; an unprocessed one is kept until then).
 *   messages.delivery_id is nulled first;
 * - forward outbox rows: `sent` ones 30 days after they were sent (`sent_at`), `dead` and
 *   `skipped` ones 90 days after they became final (`updated_at`). `pending` and `retrying`
 *   rows are never deleted.
 * Each run deletes at most `batch` rows of each kind; the next run continues.
 */
import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { clicks, deliveries, leads, messages, outbox, sites, touches } from "../db/schema";

export const DEFAULT_CLICK_RETENTION_DAYS = 90;
export const DEFAULT_DELIVERY_RETENTION_DAYS = 30;
/** Days a sent outbox row is kept after it was sent. */
export const OUTBOX_SENT_RETENTION_DAYS = 30;
/** Days a dead or skipped outbox row is kept after it became final. */
export const OUTBOX_FINAL_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

/** Retention settings; the defaults apply to what is not given. */
export interface RetentionOptions {
  /** Days a processed raw delivery is kept. */
  deliveryDays?: number;
  /** Rows deleted per kind and run. */
  batch?: number;
  now?: number;
}

/**
 * Deletes expired unmatched clicks, processed deliveries and finished outbox rows; returns how
 * many of each (`{ clicks, deliveries, outbox }`).
 */
export async function runRetention(db: Db, options: RetentionOptions = {}) {
  const now = options.now ?? Date.now();
  const batch = options.batch ?? 5000;
  const deliveryDays = options.deliveryDays ?? DEFAULT_DELIVERY_RETENTION_DAYS;
  const days = sql`coalesce((select ${sites.clickRetentionDays} from ${sites} where ${sites.id} = ${clicks.siteId}), ${DEFAULT_CLICK_RETENTION_DAYS})`;
  const expiredClicks = db
    .select({ id: clicks.id })
    .from(clicks)
    .where(
      and(
        isNull(clicks.contactId),
        sql`${clicks.createdAt} < ${now} - ${days} * ${DAY_MS}`,
        sql`not exists (select 1 from ${leads} where ${leads.clickId} = ${clicks.id})`,
        sql`not exists (select 1 from ${touches} where ${touches.clickId} = ${clicks.id})`,
      ),
    )
    .limit(batch);
  // Processed deliveries, and those the sweep set aside (inbound/retry-deliveries.ts), alike.
  const expired = or(
    and(isNotNull(deliveries.processedAt), lt(deliveries.processedAt, now - deliveryDays * DAY_MS)),
    and(isNotNull(deliveries.failedAt), lt(deliveries.failedAt, now - deliveryDays * DAY_MS)),
  );
  const expiredDeliveries = db.select({ id: deliveries.id }).from(deliveries).where(expired);
  const expiredOutbox = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      or(
        and(
          eq(outbox.status, "sent"),
          lt(outbox.sentAt, now - OUTBOX_SENT_RETENTION_DAYS * DAY_MS),
        ),
        and(
          inArray(outbox.status, ["dead", "skipped"]),
          lt(outbox.updatedAt, now - OUTBOX_FINAL_RETENTION_DAYS * DAY_MS),
        ),
      ),
    )
    .limit(batch);
  // One transaction; messages of every expired delivery are unlinked, then a batch is deleted.
  const [clickResult, , deliveryResult, outboxResult] = await db.batch([
    db.delete(clicks).where(inArray(clicks.id, expiredClicks)),
    db
      .update(messages)
      .set({ deliveryId: null })
      .where(inArray(messages.deliveryId, expiredDeliveries)),
    db.delete(deliveries).where(inArray(deliveries.id, expiredDeliveries.limit(batch))),
    db.delete(outbox).where(inArray(outbox.id, expiredOutbox)),
  ]);
  return {
    clicks: (clickResult as D1Result).meta.changes,
    deliveries: (deliveryResult as D1Result).meta.changes,
    outbox: (outboxResult as D1Result).meta.changes,
  };
}

/** Days from the optional `DELIVERY_RETENTION_DAYS` var (1–3650), else the default. */
export function deliveryRetentionDays(env: { DELIVERY_RETENTION_DAYS?: string }): number {
  const days = Number(env.DELIVERY_RETENTION_DAYS);
  return Number.isInteger(days) && days >= 1 && days <= 3650
    ? days
    : DEFAULT_DELIVERY_RETENTION_DAYS;
}

/** The cron runs every few minutes; retention runs in the first run of each hour. */
export function retentionDue(scheduledTime: number): boolean {
  return new Date(scheduledTime).getUTCMinutes() < 5;
}
