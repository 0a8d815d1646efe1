/**
 * Cron sweep for the outbox. Enqueueing follows the D1 commit and queue messages can be lost (a
 * Worker evicted before `waitUntil` finished, a failed send, a consumer that died holding a
 * lease), so rows still pending or retrying well past their due time with no live lease are
 * enqueued again. The sweep moves their next_attempt_at to now, so one row is re-enqueued at most
 * once per SWEEP_GRACE_MS; a duplicate message is harmless (the consumer's claim admits one).
 */
import type { Db } from "../db/client";
import { outbox } from "../db/schema";
import { enqueueOutbox, type ForwardMessage } from "./enqueue";
import { updateUnheld } from "./outbox-claim";

/** How overdue a row must be before the sweep assumes its message was lost. */
export const SWEEP_GRACE_MS = 2 * 60_000;
/**
 * Rows per sweep, most overdue first: 20 queue sends (100 messages each) per cron run, well
 * inside a Worker's limits, and 24,000 rows an hour for a large backfill (backfill.ts).
 */
export const SWEEP_BATCH = 2000;

/** Re-enqueues stuck rows; returns their ids. */
export async function sweepOutbox(
  db: Db,
  queue: Queue<ForwardMessage> | undefined,
  now = Date.now(),
): Promise<string[]> {
  const rows = await updateUnheld(db, {
    now,
    dueBy: now - SWEEP_GRACE_MS,
    limit: SWEEP_BATCH,
    set: { nextAttemptAt: now },
  })
    .returning({ id: outbox.id })
    .all();
  const ids = rows.map((r) => r.id);
  await enqueueOutbox(queue, ids);
  return ids;
}
