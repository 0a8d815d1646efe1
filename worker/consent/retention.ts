/**
 * Retention (run by the cron, worker/index.ts `scheduled`):
 * - clicks that never became leads are deleted once older than the site's
 *   `click_retention_days` (default 90). A click bound to a contact, or referenced by a lead or a
 *   touch, is never deleted;
 * - raw deliveries are deleted a while after they were processed (default 30 days; an
 *   unprocessed one is kept until it is processed). messages.delivery_id is nulled first.
 * Each run deletes at most `batch` rows of each kind; the next run continues.
 */
import { and, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { clicks, deliveries, leads, messages, sites, touches } from "../db/schema";

export const DEFAULT_CLICK_RETENTION_DAYS = 90;
export const DEFAULT_DELIVERY_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** Retention settings; the defaults apply to what is not given. */
export interface RetentionOptions {
  /** Days a processed raw delivery is kept. */
  deliveryDays?: number;
  /** Rows deleted per kind and run. */
  batch?: number;
  now?: number;
}

/** Deletes expired unmatched clicks and processed deliveries; returns how many of each. */
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
  const expired = and(
    isNotNull(deliveries.processedAt),
    lt(deliveries.processedAt, now - deliveryDays * DAY_MS),
  );
  const expiredDeliveries = db.select({ id: deliveries.id }).from(deliveries).where(expired);
  // One transaction; messages of every expired delivery are unlinked, then a batch is deleted.
  const [clickResult, , deliveryResult] = await db.batch([
    db.delete(clicks).where(inArray(clicks.id, expiredClicks)),
    db
      .update(messages)
      .set({ deliveryId: null })
      .where(inArray(messages.deliveryId, expiredDeliveries)),
    db.delete(deliveries).where(inArray(deliveries.id, expiredDeliveries.limit(batch))),
  ]);
  return {
    clicks: (clickResult as D1Result).meta.changes,
    deliveries: (deliveryResult as D1Result).meta.changes,
  };
}

/** Days from the optional `DELIVERY_RETENTION_DAYS` var (1–3650), else the default. */
export function deliveryRetentionDays(env: object): number {
  const raw = (env as { DELIVERY_RETENTION_DAYS?: unknown }).DELIVERY_RETENTION_DAYS;
  const days = Number(raw);
  return Number.isInteger(days) && days >= 1 && days <= 3650
    ? days
    : DEFAULT_DELIVERY_RETENTION_DAYS;
}

/** The cron runs every few minutes; retention runs in the first run of each hour. */
export function retentionDue(scheduledTime: number): boolean {
  return new Date(scheduledTime).getUTCMinutes() < 5;
}
