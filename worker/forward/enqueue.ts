/**
 * Producer side of the forward queue: one message per outbox id. Enqueueing happens after the
 * D1 batch has committed (D1 and Queues cannot commit together), so a failure here loses
 * nothing: the row stays pending and the cron sweep (sweep.ts) enqueues it again.
 */
import type { ForwardMessage } from "../model/forward-message";

export type { ForwardMessage };

/** Queues accept at most 100 messages per sendBatch. */
const SEND_BATCH_MAX = 100;

/** Sends one message per id. */
export async function enqueueOutbox(
  queue: Queue<ForwardMessage> | undefined,
  ids: string[],
): Promise<void> {
  if (!ids.length) return;
  if (!queue) throw new Error("FORWARD_QUEUE binding is missing");
  for (let i = 0; i < ids.length; i += SEND_BATCH_MAX) {
    await queue.sendBatch(
      ids.slice(i, i + SEND_BATCH_MAX).map((id) => ({ body: { id }, contentType: "json" })),
    );
  }
}

/**
 * Enqueues outbox rows written by webhook processing (the Worker's FORWARD_QUEUE binding, passed
 * down from the handler). Never throws: a failure is logged and left to the sweep.
 */
export async function enqueueNewOutbox(
  queue: Queue<ForwardMessage> | undefined,
  ids: string[],
): Promise<void> {
  try {
    await enqueueOutbox(queue, ids);
  } catch (err) {
    console.error(
      "forward: enqueue failed; the sweep will retry",
      ids.length,
      err instanceof Error ? err.message : "unknown error",
    );
  }
}
