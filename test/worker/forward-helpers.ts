/**
 * Helpers for the forwarding tests: the fake destinations (test/support/fake-destinations.ts),
 * destinations through the API, capturing what the Worker enqueues, and driving the queue
 * consumer and the cron the way the platform does (createMessageBatch / getQueueResult).
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
import { inject, vi } from "vitest";
import { outbox } from "../../worker/db/schema";
import worker from "../../worker/index";
import type { PlanStep, Recorded } from "../support/fake-destinations";
import { call, createSite, db, type TestSite } from "./helpers";

export const FAKE = inject("fakeDestinations");
export const QUEUE = "chatref-forward";

let sinkCounter = 0;
/** A fresh sink name (sinks are shared by every test file). */
export const newSink = (label: string) =>
  `${label}-${Date.now().toString(36)}-${(sinkCounter++).toString(36)}`;

export const sinkUrl = (name: string, base = FAKE) => `${base}/sink/${name}`;

export async function setPlan(name: string, plan: PlanStep[]): Promise<void> {
  const res = await fetch(`${FAKE}/control/sinks/${name}`, {
    method: "POST",
    body: JSON.stringify({ plan }),
  });
  if (!res.ok) throw new Error(`plan failed: ${res.status}`);
}

export async function received(name: string): Promise<Recorded[]> {
  const res = await fetch(`${FAKE}/control/sinks/${name}`);
  return ((await res.json()) as { requests: Recorded[] }).requests;
}

/** Answers the sink's held requests (plan step `hold`). */
export async function releaseHeld(name: string): Promise<number> {
  const res = await fetch(`${FAKE}/control/sinks/${name}/release`, { method: "POST" });
  return ((await res.json()) as { released: number }).released;
}

/** A port nothing listens on (connections refused) until `switchPort(port, true)`. */
export async function closedPort(): Promise<number> {
  const res = await fetch(`${FAKE}/control/ports`, { method: "POST" });
  return ((await res.json()) as { port: number }).port;
}

export async function switchPort(port: number, open: boolean): Promise<void> {
  await fetch(`${FAKE}/control/ports/${port}/${open ? "open" : "close"}`, { method: "POST" });
}

/** Calls the API with a JSON body. */
export function apiSend(
  site: TestSite,
  method: string,
  path: string,
  body?: unknown,
  key = site.apiKey,
): Promise<Response> {
  return call(
    new Request(`https://chatref.test${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

export interface DestinationOut {
  id: string;
  kind: string;
  name: string;
  events: string[];
  disabled: boolean;
  config: Record<string, unknown>;
  signing_secret?: string;
}

export async function createDestination(site: TestSite, body: object): Promise<DestinationOut> {
  const res = await apiSend(site, "POST", "/api/v1/destinations", body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as DestinationOut;
}

/** A new site with one webhook destination (named `name`) posting to a new sink `label`. */
export async function siteWithHook(label: string, name = "h") {
  const site = await createSite();
  const sink = newSink(label);
  const hook = await createDestination(site, { kind: "webhook", name, url: sinkUrl(sink) });
  return { site, sink, hook };
}

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

export interface DeliveryOut {
  id: string;
  destination: { id: string; kind: string; name: string };
  lead_id: string;
  event: string;
  event_id: string;
  status: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  response_status: number | null;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  sent_at: string | null;
  payload?: unknown;
}

/** GET /api/v1/deliveries with this query (all pages). */
export async function listDeliveries(site: TestSite, query = ""): Promise<DeliveryOut[]> {
  const out: DeliveryOut[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams(query);
    q.set("limit", "200");
    if (cursor) q.set("cursor", cursor);
    const res = await apiSend(site, "GET", `/api/v1/deliveries?${q}`);
    if (res.status !== 200) throw new Error(`deliveries: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { data: DeliveryOut[]; next_cursor: string | null };
    out.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}
