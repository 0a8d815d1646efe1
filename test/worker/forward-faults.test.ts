/**
 * Fault tests: destinations that answer 5xx, time out, refuse connections or drop answers for a
 * while and then recover. The queue consumer and the cron run as the platform runs them
 * (createMessageBatch / getQueueResult / scheduled); "time passing" between attempts is the rows'
 * next_attempt_at moved into the past. After recovery every lead has arrived at every destination,
 * the webhook receiver (which de-duplicates on webhook-id) processed each event once, and the
 * delivery log said what happened at every step.
 */

import { afterEach, describe, expect, it, vi } from "vitest";
import { byKind, captureConsole, dedupe, leads, SECRETS } from "./forward-faults-helpers";
import { siteWithQueue } from "./forward-fixtures";
import { createDestination, listDeliveries } from "./forward-helpers";
import { makeDue, type QueueRun, runQueue } from "./queue-helpers";
import { closedPort, newSink, received, setPlan, sinkUrl, switchPort } from "./sink-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("destinations that fail for a while and then recover", () => {
  it("every lead arrives everywhere, the receiver processes each event once, the log tells the truth", async () => {
    const logs = captureConsole();
    const { queue, site } = await siteWithQueue();
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
});
