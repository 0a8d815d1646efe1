/**
 * The forward-queue consumer. Each message names one outbox row; rows are attempted
 * concurrently, and each message is acked or retried on its own right after its row is recorded
 * (a throw would retry the whole batch). A failed attempt is retried through the queue after the
 * row's backoff delay; the queue's own retry limit is above MAX_ATTEMPTS, so the row's `dead`
 * state — not the dead-letter queue — is where a delivery that never succeeds ends up.
 */
import { backoffSeconds } from "./backoff";
import { deliverOutbox } from "./deliver";
import type { ForwardMessage } from "./enqueue";

export async function consumeForwardBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  await Promise.all(
    batch.messages.map(async (msg) => {
      const id = (msg.body as Partial<ForwardMessage> | null)?.id;
      if (typeof id !== "string" || id.length > 64) {
        console.error("forward: dropping a malformed queue message", msg.id);
        msg.ack();
        return;
      }
      try {
        const done = await deliverOutbox(env, id);
        if (done.outcome === "retrying") msg.retry({ delaySeconds: done.delaySeconds });
        else msg.ack();
      } catch (err) {
        // D1 unavailable or similar: the row is untouched (or its lease expires); try again later.
        console.error(
          "forward: attempt could not run",
          id,
          err instanceof Error ? err.message : "unknown error",
        );
        msg.retry({ delaySeconds: backoffSeconds(msg.attempts) });
      }
    }),
  );
}
