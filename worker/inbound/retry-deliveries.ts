/**
 * Cron sweep: re-processes stored deliveries that were never marked processed (the Worker was
 * evicted mid-`waitUntil`, D1 was briefly unavailable, …). Processing is idempotent, so a retry
 * of a partly processed delivery is safe.
 */
import { and, asc, isNull, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { deliveries } from "../db/schema";
import { processStoredDelivery } from "./process-delivery";
import { parseWhatsAppDelivery } from "./whatsapp-payload";

/** Deliveries younger than this are left to their own `waitUntil`. */
export const RETRY_AFTER_MS = 2 * 60_000;
/** At most this many deliveries per sweep, oldest first. */
export const RETRY_BATCH = 50;

export async function retryUnprocessedDeliveries(
  db: Db,
  queue: Queue | undefined,
  now = Date.now(),
): Promise<number> {
  const stale = await db
    .select()
    .from(deliveries)
    .where(and(isNull(deliveries.processedAt), lt(deliveries.receivedAt, now - RETRY_AFTER_MS)))
    .orderBy(asc(deliveries.receivedAt))
    .limit(RETRY_BATCH)
    .all();
  let done = 0;
  for (const row of stale) {
    // Stored bodies were verified and parsed once already.
    const parsed = parseWhatsAppDelivery(JSON.parse(row.body));
    if (!parsed) continue;
    try {
      await processStoredDelivery(db, queue, row.id, parsed);
      done++;
    } catch {
      // Recorded on the row by processStoredDelivery; the next sweep tries again.
    }
  }
  return done;
}
