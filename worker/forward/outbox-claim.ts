/**
 * The rows nobody holds: pending or retrying, no live lease. Both cron steps pick their rows
 * this way and move them in one conditional UPDATE over a bounded sub-select (most overdue
 * first), so two overlapping runs never pick the same row twice: the sweep (sweep.ts), which
 * re-enqueues rows whose queue message was lost, and the Metrica upload (yandex-upload.ts),
 * which claims its rows with a lease.
 */
import { and, asc, eq, inArray, isNull, lt, lte, or, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { type DestinationKind, destinations, outbox } from "../db/schema";

export interface UnheldRows {
  now: number;
  /** Rows due at or before this time. */
  dueBy: number;
  /** Only the rows of this destination kind (all kinds when absent). */
  kind?: DestinationKind;
  limit: number;
  /** What the UPDATE sets on them (a lease, a new due time). */
  set: Partial<typeof outbox.$inferInsert>;
}

/** The UPDATE of the unheld due rows; end it with `.returning(…)`. */
export function updateUnheld(db: Db, input: UnheldRows) {
  const { now, dueBy, kind, limit, set } = input;
  const where: SQL[] = [
    inArray(outbox.status, ["pending", "retrying"]),
    lte(outbox.nextAttemptAt, dueBy),
    or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, now)) as SQL,
  ];
  if (kind)
    where.push(
      inArray(
        outbox.destinationId,
        db.select({ id: destinations.id }).from(destinations).where(eq(destinations.kind, kind)),
      ),
    );
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(...where))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit);
  return db.update(outbox).set(set).where(inArray(outbox.id, due));
}
