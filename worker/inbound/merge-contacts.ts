/**
 * Runs pending contact merges (worker/identity/merge.ts): right after the batch that found them,
 * and from the cron for any whose batch failed. Each merge is one D1 batch: its statements, its
 * forward rows (`lead.updated` of the merged lead), then the statement that completes it.
 */
import type { Db } from "../db/client";
import { enqueueNewOutbox, type ForwardMessage } from "../forward/enqueue";
import { MERGE_OUTBOX_SQL } from "../forward/outbox-insert";
import {
  bindMerge,
  completeMergeStatement,
  mergeStatements,
  pendingMerges,
} from "../identity/merge";

/** Runs these merges one by one; returns nothing, enqueues the forward rows they wrote. */
export async function runMerges(
  db: Db,
  queue: Queue<ForwardMessage> | undefined,
  ids: number[],
  now = Date.now(),
): Promise<void> {
  const outboxIds: string[] = [];
  for (const id of ids) {
    const statements = mergeStatements(db, id, now);
    const forward = bindMerge(db, MERGE_OUTBOX_SQL, id, now);
    const results = await db.$client.batch([
      ...statements,
      forward,
      completeMergeStatement(db, id, now),
    ]);
    for (const row of results[statements.length]?.results ?? []) {
      const outboxId = (row as { id?: unknown }).id;
      if (typeof outboxId === "string") outboxIds.push(outboxId);
    }
  }
  await enqueueNewOutbox(queue, outboxIds);
}

/** The cron's part: merges left pending, oldest first; one failing never stops the others. */
export async function runPendingMerges(
  db: Db,
  queue: Queue<ForwardMessage> | undefined,
): Promise<void> {
  for (const id of await pendingMerges(db)) {
    await runMerges(db, queue, [id]).catch((err) => console.error("contact merge failed", id, err));
  }
}
