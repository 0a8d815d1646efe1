/**
 * TikTok faults (worker/forward/tiktok.ts, deliver.ts): an endpoint that refuses connections,
 * answers 5xx and hangs, then recovers — the event is accepted once, every attempt carrying the
 * same event_id (TikTok de-duplicates on it); TikTok's errors inside an HTTP 200 (`code` ≠ 0) are
 * recorded as failures with TikTok's message, never as sent; its rate-limit code is retried.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { deliveryOf, expectNoSecretLogged, openQueueFaults, setOk } from "./destination-test-kit";
import { makeDue, received, runQueue, setPlan } from "./forward-helpers";
import type { TestSite } from "./helpers";
import { siteWithTiktok, TIKTOK_OK, TIKTOK_TOKEN, tiktokLead } from "./tiktok-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const row = (site: TestSite) => deliveryOf(site, "tiktok");

const eventIds = (bodies: string[]) =>
  bodies.map((b) => (JSON.parse(b) as { data: { event_id: string }[] }).data[0]?.event_id);

describe("tiktok: failures and recovery", () => {
  it("refused, 503, no answer, then accepted once; every attempt the same event_id", async () => {
    const f = await openQueueFaults(
      "tiktok",
      (base) => siteWithTiktok({}, base),
      (site) => tiktokLead(site, { ttclid: "ttclid-fault-1" }),
    );
    const reqs = await f.recover(f.sink, {
      body: "upstream unavailable",
      lastError: "HTTP 503: upstream unavailable",
    });
    const r = await row(f.site);
    expect(new Set(eventIds(reqs.map((q) => q.body)))).toEqual(new Set([r.event_id]));
    // Accepted once: no request after the success.
    await f.expectAcceptedOnce(f.sink);
    expectNoSecretLogged(f.logs, [TIKTOK_TOKEN]);
  });

  it("HTTP 200 with a non-zero code is a failure: dead with TikTok's message, not sent", async () => {
    const { site, sink } = await siteWithTiktok();
    await setOk(
      sink,
      200,
      '{"code":40001,"message":"Invalid access token","request_id":"r1","data":{}}',
    );
    const { ids } = await tiktokLead(site, { ttclid: "ttclid-code-40001" });
    const run = await runQueue(ids);
    expect(run.retried).toEqual([]);
    const r = await row(site);
    expect(r).toMatchObject({
      status: "dead",
      attempts: 1,
      response_status: 200,
      sent_at: null,
      last_error: "HTTP 200: TikTok code 40001: Invalid access token",
    });
    expect(await received(sink)).toHaveLength(1);
  });

  it("an HTTP 200 without TikTok's code is not taken as sent either", async () => {
    const { site, sink } = await siteWithTiktok();
    await setOk(sink, 200, "<html>ok</html>");
    const { ids } = await tiktokLead(site, { ttclid: "ttclid-no-code" });
    await runQueue(ids);
    expect(await row(site)).toMatchObject({
      status: "dead",
      last_error: "HTTP 200: TikTok answered without a code",
    });
  });

  it("the rate-limit code 40100 is retried, then the event is accepted once", async () => {
    const { site, sink } = await siteWithTiktok();
    await setOk(sink, 200, TIKTOK_OK, [
      { mode: "status", status: 200, body: '{"code":40100,"message":"Too many requests"}' },
    ]);
    const { ids } = await tiktokLead(site, { ttclid: "ttclid-rate-limited" });
    await runQueue(ids, 1);
    let r = await row(site);
    expect(r).toMatchObject({
      status: "retrying",
      attempts: 1,
      last_error: "HTTP 200: TikTok code 40100: Too many requests",
    });
    await makeDue(ids);
    await runQueue(ids, 2);
    r = await row(site);
    expect(r).toMatchObject({ status: "sent", attempts: 2, last_error: null });
    const reqs = await received(sink);
    expect(reqs).toHaveLength(2);
    expect(new Set(reqs.map((q) => q.body)).size).toBe(1);
  });

  it("a 4xx is final; 429 is retried", async () => {
    const a = await siteWithTiktok();
    await setPlan(a.sink, [
      { mode: "status", status: 400, body: '{"code":40002,"message":"bad"}' },
    ]);
    const la = await tiktokLead(a.site, { ttclid: "ttclid-400" });
    expect((await runQueue(la.ids)).retried).toEqual([]);
    expect(await row(a.site)).toMatchObject({ status: "dead", response_status: 400 });

    const b = await siteWithTiktok();
    await setPlan(b.sink, [{ mode: "status", status: 429, body: "slow down" }]);
    const lb = await tiktokLead(b.site, { ttclid: "ttclid-429" });
    await runQueue(lb.ids, 1);
    expect(await row(b.site)).toMatchObject({ status: "retrying", response_status: 429 });
  });
});
