/**
 * Fault tests: destinations that answer 5xx, time out, refuse connections or drop answers for
 * a while and then recover. The queue consumer and the cron run as the platform runs them
 * (createMessageBatch / getQueueResult / scheduled); "time passing" between attempts is the
 * rows' next_attempt_at moved into the past. After recovery every lead has arrived at every
 * destination, the webhook receiver (which de-duplicates on webhook-id) processed each event
 * once, and the delivery log said what happened at every step.
 */
import { eq, inArray } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { outbox } from "../../worker/db/schema";
import { SWEEP_GRACE_MS } from "../../worker/forward/sweep";
import type { Recorded } from "../support/fake-destinations";
import {
  apiSend,
  captureQueue,
  closedPort,
  createDestination,
  type DeliveryOut,
  listDeliveries,
  makeDue,
  newSink,
  type QueueRun,
  received,
  runCron,
  runQueue,
  setPlan,
  sinkUrl,
  switchPort,
} from "./forward-helpers";
import { click, createSite, db, deliver, message, newPhone, type TestSite } from "./helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const SECRETS = {
  ga4: "fault-ga4-api-secret-0001",
  meta: "fault-meta-access-token-0002",
  key: "test-secret-key-0123456789abcdef",
};

/** Captures everything written to the console (to check no secret is ever logged). */
function captureConsole() {
  const lines: string[] = [];
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(
        args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(" "),
      );
    });
  }
  return lines;
}

/** Webhook requests the receiver would process: signature valid, first time it sees the id. */
function dedupe(requests: Recorded[], secret: string) {
  const verifier = new Webhook(secret);
  const seen = new Map<string, string>();
  for (const r of requests) {
    if (r.answer !== 200 && r.answer !== "slow") continue;
    const id = r.headers["webhook-id"] ?? "";
    verifier.verify(r.body, {
      "webhook-id": id,
      "webhook-timestamp": r.headers["webhook-timestamp"] ?? "",
      "webhook-signature": r.headers["webhook-signature"] ?? "",
    });
    if (!seen.has(id)) seen.set(id, r.body);
  }
  return seen;
}

async function leads(site: TestSite, n: number) {
  const clients: string[] = [];
  for (let i = 0; i < n; i++) {
    const client = `${1000 + i}.${Date.now()}`;
    clients.push(client);
    const ref = await click(site, {
      utm_source: "google",
      ga_client_id: client,
      fbp: `fb.1.1.${i}`,
    });
    await deliver(site, message({ from: newPhone(), body: `Hello ${formatRef(ref)}` }));
  }
  return clients;
}

const byKind = (rows: DeliveryOut[], kind: string) =>
  rows.filter((r) => r.destination.kind === kind);

describe("destinations that fail for a while and then recover", () => {
  it("every lead arrives everywhere, the receiver processes each event once, the log tells the truth", async () => {
    const logs = captureConsole();
    const queue = captureQueue();
    const site = await createSite();
    const N = 3;
    const sinks = { ga4: newSink("ga4"), meta: newSink("meta"), hook: newSink("hook") };
    const port = await closedPort();
    const hookBase = `http://127.0.0.1:${port}`;
    await createDestination(site, {
      kind: "ga4",
      name: "GA4",
      measurement_id: "G-FAULTS1",
      api_secret: SECRETS.ga4,
      endpoint: `${sinkUrl(sinks.ga4)}/mp/collect`,
    });
    await createDestination(site, {
      kind: "meta_capi",
      name: "Meta",
      dataset_id: "555",
      access_token: SECRETS.meta,
      endpoint: sinkUrl(sinks.meta),
    });
    const hook = await createDestination(site, {
      kind: "webhook",
      name: "CRM",
      url: `${sinkUrl(sinks.hook, hookBase)}/in`,
    });
    const signing = hook.signing_secret ?? "";
    const apiTexts: string[] = [];
    const log = async () => {
      const rows = await listDeliveries(site);
      apiTexts.push(JSON.stringify(rows));
      return rows;
    };

    // GA4 answers 503 twice per lead; Meta hangs, then answers a transient 500; the webhook
    // receiver is down (connection refused) for two rounds.
    await setPlan(sinks.ga4, [{ mode: "status", status: 503, times: 2 * N }]);
    const transient = JSON.stringify({
      error: { message: "Service temporarily unavailable", code: 2, is_transient: true },
    });
    await setPlan(sinks.meta, [
      { mode: "hang", times: N },
      { mode: "status", status: 500, body: transient, times: N },
    ]);
    const clients = await leads(site, N);
    const ids = queue.drain();
    expect(ids).toHaveLength(3 * N);

    let rows = await log();
    expect(rows).toHaveLength(3 * N);
    for (const r of rows)
      expect(r).toMatchObject({ status: "pending", attempts: 0, last_error: null });

    const round = async (attempt: number, expectRetried: number): Promise<QueueRun> => {
      const run = await runQueue(ids, attempt);
      expect(run.retried.length + run.acked.length).toBe(ids.length);
      expect(run.retried).toHaveLength(expectRetried);
      return run;
    };

    // Round 1: everything fails, each in its own way, and is scheduled with backoff.
    const first = await round(1, 3 * N);
    for (const r of first.retried) expect(r.delaySeconds).toBeGreaterThanOrEqual(15);
    for (const r of first.retried) expect(r.delaySeconds).toBeLessThanOrEqual(30);
    rows = await log();
    for (const r of byKind(rows, "ga4"))
      expect(r).toMatchObject({ status: "retrying", attempts: 1, response_status: 503 });
    for (const r of byKind(rows, "ga4")) expect(r.last_error).toMatch(/^HTTP 503/);
    for (const r of byKind(rows, "meta_capi"))
      expect(r).toMatchObject({
        status: "retrying",
        attempts: 1,
        response_status: null,
        last_error: "no answer within 400 ms",
      });
    for (const r of byKind(rows, "webhook")) {
      expect(r).toMatchObject({ status: "retrying", attempts: 1, response_status: null });
      expect(r.last_error).toMatch(/^request failed: /);
    }
    for (const r of rows) {
      expect(Date.parse(r.next_attempt_at ?? "")).toBeGreaterThan(Date.now() + 10_000);
      expect(r.sent_at).toBeNull();
    }
    // Not due yet: a duplicate message now is a no-op (acked, nothing sent, nothing counted).
    const early = await runQueue(ids, 1);
    expect(early.acked).toHaveLength(3 * N);
    expect((await received(sinks.ga4)).length).toBe(N);

    // Round 2: GA4 503 again, Meta a transient 500, the receiver still down.
    await makeDue(ids);
    const second = await round(2, 3 * N);
    for (const r of second.retried) expect(r.delaySeconds).toBeGreaterThanOrEqual(30);
    for (const r of second.retried) expect(r.delaySeconds).toBeLessThanOrEqual(60);
    rows = await log();
    for (const r of rows) expect(r).toMatchObject({ status: "retrying", attempts: 2 });
    for (const r of byKind(rows, "meta_capi")) {
      expect(r.response_status).toBe(500);
      expect(r.last_error).toContain("Service temporarily unavailable");
    }

    // The receiver comes back, but one answer is late: it takes the event and answers after the
    // sender gave up, so that event will be sent again with the same webhook-id.
    await switchPort(port, true);
    await setPlan(sinks.hook, [{ mode: "slow", delayMs: 900, times: 1 }]);
    await makeDue(ids);
    await round(3, 1);
    rows = await log();
    for (const r of [...byKind(rows, "ga4"), ...byKind(rows, "meta_capi")])
      expect(r).toMatchObject({
        status: "sent",
        attempts: 3,
        response_status: 200,
        last_error: null,
      });
    const hooks = byKind(rows, "webhook");
    expect(hooks.filter((r) => r.status === "sent")).toHaveLength(N - 1);
    const late = hooks.find((r) => r.status === "retrying");
    expect(late).toMatchObject({ attempts: 3, last_error: "no answer within 400 ms" });

    // Round 4: the late one goes again and is acknowledged.
    await new Promise((r) => setTimeout(r, 1000));
    await makeDue(ids);
    await round(4, 0);
    rows = await log();
    for (const r of rows) {
      expect(r.status).toBe("sent");
      expect(r.next_attempt_at).toBeNull();
      expect(r.sent_at).not.toBeNull();
    }
    expect(byKind(rows, "webhook").find((r) => r.id === late?.id)?.attempts).toBe(4);

    // Every destination has every lead; nothing was accepted twice where the protocol has no dedup.
    const ga4ok = (await received(sinks.ga4)).filter((r) => r.answer === 200);
    expect(
      ga4ok.map((r) => (JSON.parse(r.body) as { client_id: string }).client_id).sort(),
    ).toEqual([...clients].sort());
    const metaOk = (await received(sinks.meta)).filter((r) => r.answer === 200);
    const leadIds = [...new Set(rows.map((r) => r.lead_id))];
    expect(
      metaOk
        .map((r) => (JSON.parse(r.body) as { data: { event_id: string }[] }).data[0]?.event_id)
        .sort(),
    ).toEqual(leadIds.map((id) => `${id}.created`).sort());
    // Retries sent the same bytes (the body is kept from the first attempt).
    const metaAll = await received(sinks.meta);
    expect(new Set(metaAll.map((r) => r.body)).size).toBe(N);

    const raw = await received(sinks.hook);
    const processed = dedupe(raw, signing);
    expect(raw.length).toBe(N + 1);
    expect(processed.size).toBe(N);
    expect([...processed.keys()].sort()).toEqual(leadIds.map((id) => `${id}.created`).sort());
    const twice = raw.filter((r) => r.headers["webhook-id"] === late?.event_id);
    expect(twice).toHaveLength(2);
    expect(twice[0]?.body).toBe(twice[1]?.body);

    // No secret in any API response or log line; the failures were logged.
    const secrets = [SECRETS.ga4, SECRETS.meta, SECRETS.key, signing, signing.slice(6)];
    for (const text of [...apiTexts, ...logs])
      for (const s of secrets) expect(text).not.toContain(s);
    expect(logs.filter((l) => l.includes("attempt")).length).toBeGreaterThanOrEqual(6 * N);
    await switchPort(port, false);
  });

  it("gives up into a visible dead state, and POST /deliveries/:id/retry brings it back", async () => {
    const queue = captureQueue();
    const site = await createSite();
    const sink = newSink("dead");
    await createDestination(site, { kind: "webhook", name: "Down", url: sinkUrl(sink) });
    await setPlan(sink, [{ mode: "status", status: 502, times: 100 }]);
    await leads(site, 1);
    const [id = ""] = queue.drain();
    // A short allowance keeps the test quick; the production default is MAX_ATTEMPTS.
    await db().update(outbox).set({ maxAttempts: 2 }).where(eq(outbox.id, id)).run();

    expect((await runQueue([id], 1)).retried).toHaveLength(1);
    await makeDue([id]);
    const last = await runQueue([id], 2);
    expect(last).toEqual({ acked: [id], retried: [] });
    let [row] = await listDeliveries(site, "status=dead");
    expect(row).toMatchObject({
      id,
      status: "dead",
      attempts: 2,
      max_attempts: 2,
      response_status: 502,
    });
    expect(row?.last_error).toMatch(/^gave up after 2 attempts; last: HTTP 502/);
    expect(row?.next_attempt_at).toBeNull();
    expect(await listDeliveries(site, "status=retrying")).toEqual([]);

    // Fixed on the receiver's side; retried by hand.
    await setPlan(sink, []);
    const res = await apiSend(site, "POST", `/api/v1/deliveries/${id}/retry`);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({
      id,
      status: "retrying",
      attempts: 2,
      max_attempts: 17,
    });
    expect(queue.drain()).toEqual([id]);
    await runQueue([id], 1);
    [row] = await listDeliveries(site);
    expect(row).toMatchObject({
      status: "sent",
      attempts: 3,
      last_error: null,
      response_status: 200,
    });

    // A sent delivery is never sent twice.
    const again = await apiSend(site, "POST", `/api/v1/deliveries/${id}/retry`);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: { code: "bad_request" } });
    expect(queue.drain()).toEqual([]);
  });

  it("a final error (Meta 400) is dead at once; a transient one is retried", async () => {
    const queue = captureQueue();
    const site = await createSite();
    const sink = newSink("meta400");
    await createDestination(site, {
      kind: "meta_capi",
      name: "Meta",
      dataset_id: "777",
      access_token: SECRETS.meta,
      endpoint: sinkUrl(sink),
    });
    const invalid = JSON.stringify({
      error: { message: "Invalid OAuth access token", type: "OAuthException", code: 190 },
    });
    const limited = JSON.stringify({
      error: { message: "Application request limit reached", code: 4, is_transient: true },
    });
    await setPlan(sink, [
      { mode: "status", status: 400, body: invalid },
      { mode: "status", status: 400, body: limited },
    ]);
    await leads(site, 2);
    const ids = queue.drain();
    const run = await runQueue(ids);
    expect(run.retried).toHaveLength(1);
    const rows = await listDeliveries(site);
    expect(rows.map((r) => r.status).sort()).toEqual(["dead", "retrying"]);
    const dead = rows.find((r) => r.status === "dead");
    expect(dead).toMatchObject({ attempts: 1, response_status: 400 });
    expect(dead?.last_error).toContain("Invalid OAuth access token");
    expect(rows.find((r) => r.status === "retrying")?.last_error).toContain("request limit");
  });

  it("honours Retry-After on 429", async () => {
    const queue = captureQueue();
    const site = await createSite();
    const sink = newSink("429");
    await createDestination(site, { kind: "webhook", name: "Busy", url: sinkUrl(sink) });
    await setPlan(sink, [{ mode: "status", status: 429, headers: { "retry-after": "600" } }]);
    await leads(site, 1);
    const run = await runQueue(queue.drain());
    expect(run.retried[0]?.delaySeconds).toBe(600);
    const [row] = await listDeliveries(site);
    expect(row).toMatchObject({ status: "retrying", response_status: 429 });
    expect(Date.parse(row?.next_attempt_at ?? "") - Date.now()).toBeGreaterThan(590_000);
  });
});

describe("lost queue messages and concurrent consumers", () => {
  it("the cron sweep re-enqueues rows whose message was lost, not fresh or leased ones", async () => {
    const queue = captureQueue();
    const site = await createSite();
    const sink = newSink("sweep");
    await createDestination(site, { kind: "webhook", name: "CRM", url: sinkUrl(sink) });
    await leads(site, 3);
    const [lost = "", leased = "", fresh = ""] = queue.drain(); // never delivered: "lost"
    await runCron();
    expect(queue.drain()).not.toContain(lost);

    const overdue = SWEEP_GRACE_MS + 60_000;
    await makeDue([lost, leased], overdue);
    // A consumer is still working on `leased` (its lease is live): the sweep leaves it alone.
    await db()
      .update(outbox)
      .set({ leaseUntil: Date.now() + 60_000 })
      .where(eq(outbox.id, leased))
      .run();
    await runCron();
    const swept = queue.drain();
    expect(swept).toContain(lost);
    expect(swept).not.toContain(leased);
    expect(swept).not.toContain(fresh);
    const after = await db().select().from(outbox).where(eq(outbox.id, lost)).get();
    expect(Math.abs((after?.nextAttemptAt ?? 0) - Date.now())).toBeLessThan(10_000);
    // Swept again only after another grace period.
    await runCron();
    expect(queue.drain()).not.toContain(lost);

    await runQueue([lost]);
    const rows = await listDeliveries(site, "status=sent");
    expect(rows.map((r) => r.id)).toEqual([lost]);
    expect((await received(sink)).length).toBe(1);
  });

  it("two consumers with the same message send once", async () => {
    const queue = captureQueue();
    const site = await createSite();
    const sink = newSink("twice");
    await createDestination(site, { kind: "webhook", name: "CRM", url: sinkUrl(sink) });
    await leads(site, 1);
    const ids = queue.drain();
    await Promise.all([runQueue(ids), runQueue(ids), runQueue(ids)]);
    expect((await received(sink)).length).toBe(1);
    const [row] = await listDeliveries(site);
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("a crashed consumer's lease expires and the row is attempted again", async () => {
    const queue = captureQueue();
    const site = await createSite();
    const sink = newSink("crash");
    await createDestination(site, { kind: "webhook", name: "CRM", url: sinkUrl(sink) });
    await leads(site, 1);
    const [id = ""] = queue.drain();
    await db()
      .update(outbox)
      .set({ leaseUntil: Date.now() + 60_000 })
      .where(inArray(outbox.id, [id]))
      .run();
    expect(await runQueue([id])).toEqual({ acked: [id], retried: [] });
    expect(await received(sink)).toEqual([]);
    await db()
      .update(outbox)
      .set({ leaseUntil: Date.now() - 1 })
      .where(eq(outbox.id, id))
      .run();
    await runQueue([id]);
    expect((await received(sink)).length).toBe(1);
  });
});
