/**
 * What the Worker enqueues, captured, and the queue consumer and the cron driven the way the
 * platform drives them (createMessageBatch / getQueueResult / scheduled).
 */
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, inArray } from "drizzle-orm";
import { vi } from "vitest";
import { outbox } from "../../worker/db/schema";
import worker from "../../worker/index";
import { db } from "./helpers";

export const QUEUE = "chatref-forward";

/** Records every outbox id the Worker enqueues (the real queue gets nothing). */
export function captureQueue() {
  const sent: string[] = [];
  const take = (bodies: { body: unknown }[]) => {
    for (const m of bodies) sent.push((m.body as { id: string }).id);
  };
  vi.spyOn(env.FORWARD_QUEUE, "sendBatch").mockImplementation(async (messages) => {
    take([...messages]);
    return undefined as never;
  });
  vi.spyOn(env.FORWARD_QUEUE, "send").mockImplementation(async (body) => {
    take([{ body }]);
    return undefined as never;
  });
  return {
    /** Ids enqueued since the last call. */
    drain(): string[] {
      return sent.splice(0, sent.length);
    },
  };
}

export interface QueueRun {
  acked: string[];
  retried: { id: string; delaySeconds?: number }[];
}

/** Delivers queue messages for these outbox ids to the Worker's consumer, as one batch. */
export async function runQueue(ids: string[], attempts = 1): Promise<QueueRun> {
  const messages = ids.map((id, i) => ({
    id: `msg-${i}-${id}`,
    timestamp: new Date(),
    attempts,
    body: { id },
  }));
  const batch = createMessageBatch(QUEUE, messages);
  // getQueueResult (vitest-plugin 1.5) does not report retry options: record them on the way.
  const delays = new Map<string, number | undefined>();
  for (const m of batch.messages) {
    const retry = m.retry.bind(m);
    Object.defineProperty(m, "retry", {
      value: (options?: QueueRetryOptions) => {
        delays.set(m.id, options?.delaySeconds);
        retry(options);
      },
    });
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const result = await getQueueResult(batch, ctx);
  const byMsg = new Map(messages.map((m) => [m.id, m.body.id]));
  return {
    acked: result.explicitAcks.map((m) => byMsg.get(m) ?? m),
    retried: result.retryMessages.map((r) => ({
      id: byMsg.get(r.msgId) ?? r.msgId,
      delaySeconds: delays.get(r.msgId),
    })),
  };
}

/** Lets time pass for these rows (those still waiting): their next attempt is due now. */
export async function makeDue(ids: string[], agoMs = 1): Promise<void> {
  if (!ids.length) return;
  await db()
    .update(outbox)
    .set({ nextAttemptAt: Date.now() - agoMs })
    .where(and(inArray(outbox.id, ids), inArray(outbox.status, ["pending", "retrying"])))
    .run();
}

/** Runs the cron handler. */
export async function runCron(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "*/5 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}
