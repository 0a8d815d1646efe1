/**
 * Cron sweep: re-processes stored deliveries that were never marked processed (the Worker was
 * evicted mid-`waitUntil`, D1 was briefly unavailable, …). Processing is idempotent, so a retry
 * of a partly processed delivery is safe.
 *
 * It never stalls: each run takes a bounded batch of deliveries that are due, fewest attempts
 * first (a poison delivery that failed before never goes ahead of a fresh one), and claims them
 * before processing — `attempts + 1` and the next try after a backoff (forward/backoff.ts) — so
 * even a delivery that kills the isolate is counted. Each delivery is processed inside its own
 * try/catch; a failure records the error on the row. After MAX_DELIVERY_ATTEMPTS the delivery is
 * set aside (`failed_at`, with its `error`) and no longer tried; it stays in the table for a
 * person to look at.
 */
import { and, asc, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import { storedFormat } from "../adapters/stored-formats";
import type { Db } from "../db/client";
import { bind, type Compiled, compile } from "../db/prepared";
import { deliveries } from "../db/schema";
import { backoffSeconds } from "../forward/backoff";
import type { ForwardMessage } from "../forward/enqueue";
import { processStoredDelivery } from "./process-delivery";

/** Deliveries younger than this are left to their own `waitUntil`. */
export const RETRY_AFTER_MS = 2 * 60_000;
/** At most this many deliveries per sweep. */
export const RETRY_BATCH = 100;
/** A delivery whose processing failed this many times is set aside (about 2–4 h of tries). */
export const MAX_DELIVERY_ATTEMPTS = 10;

const p = (name: string) => sql.placeholder(name);
let claimStatement: Compiled | undefined;

const pending = and(isNull(deliveries.processedAt), isNull(deliveries.failedAt));

/**
 * A stored body parsed again by its provider's adapter (it was verified and parsed once; the
 * provider column says whose it is); throws when it cannot be.
 */
function parseStored(row: { provider: string; body: string; receivedAt: number }) {
  const { format, account } = storedFormat(row.provider);
  const parsed = format.parse(row.body, account, row.receivedAt);
  if (!parsed) throw new Error(`stored body is not a ${row.provider} delivery`);
  return parsed;
}

/** Runs one sweep; returns how many deliveries it processed. */
export async function retryUnprocessedDeliveries(
  db: Db,
  queue: Queue<ForwardMessage> | undefined,
  now = Date.now(),
): Promise<number> {
  // Deliveries whose last claimed attempt never reported back (the isolate died) are set aside
  // once their attempts are spent.
  await db
    .update(deliveries)
    .set({ failedAt: now, error: sql`coalesce(${deliveries.error}, 'processing never finished')` })
    .where(
      and(
        pending,
        sql`${deliveries.attempts} >= ${MAX_DELIVERY_ATTEMPTS}`,
        lte(deliveries.nextAttemptAt, now),
      ),
    )
    .run();
  const due = await db
    .select({
      id: deliveries.id,
      provider: deliveries.provider,
      receivedAt: deliveries.receivedAt,
      attempts: deliveries.attempts,
    })
    .from(deliveries)
    .where(
      and(
        pending,
        lt(deliveries.receivedAt, now - RETRY_AFTER_MS),
        lt(deliveries.attempts, MAX_DELIVERY_ATTEMPTS),
        or(isNull(deliveries.nextAttemptAt), lte(deliveries.nextAttemptAt, now)),
      ),
    )
    .orderBy(asc(deliveries.attempts), asc(deliveries.receivedAt))
    .limit(RETRY_BATCH)
    .all();
  if (!due.length) return 0;
  // Claim the batch in one round trip; a row another sweep claimed meanwhile is left to it.
  claimStatement ??= compile(
    db
      .update(deliveries)
      .set({ attempts: sql`${p("attempts")}`, nextAttemptAt: sql`${p("nextAttemptAt")}` })
      .where(and(eq(deliveries.id, p("id")), eq(deliveries.attempts, p("before")), pending)),
  );
  const claimed = await db.$client.batch(
    due.map((row) =>
      bind(db.$client, claimStatement as Compiled, {
        id: row.id,
        before: row.attempts,
        attempts: row.attempts + 1,
        nextAttemptAt: now + backoffSeconds(row.attempts + 1) * 1000,
      }),
    ),
  );
  let done = 0;
  for (const [i, row] of due.entries()) {
    if (!claimed[i]?.meta.changes) continue;
    const attempts = row.attempts + 1;
    try {
      // The body as stored now, not as it was when the sweep began: an erasure in between
      // (consent/erase.ts) has stripped the person from it, and must not be undone.
      const stored = await db
        .select({ body: deliveries.body })
        .from(deliveries)
        .where(and(eq(deliveries.id, row.id), pending))
        .get();
      if (!stored) continue;
      await processStoredDelivery(db, queue, row.id, parseStored({ ...row, body: stored.body }));
      done++;
    } catch (err) {
      // processStoredDelivery records its own errors; a body that does not parse is recorded
      // here. The last attempt sets the delivery aside. Nothing here may end the sweep.
      const error = err instanceof Error ? err.message.slice(0, 500) : "unknown error";
      await db
        .update(deliveries)
        .set({
          error: sql`coalesce(${deliveries.error}, ${error})`,
          failedAt: attempts >= MAX_DELIVERY_ATTEMPTS ? now : null,
        })
        .where(eq(deliveries.id, row.id))
        .run()
        .catch((e) => console.error("could not record a delivery's failure", row.id, e));
    }
  }
  return done;
}
