/**
 * Google Ads faults (worker/forward/google-ads.ts, google-oauth.ts): an ingest endpoint that
 * refuses connections, answers 5xx and hangs, then recovers — the conversion is accepted once,
 * every attempt carrying the same transactionId; a 400 (no partial failure) is final with
 * Google's message in the log; the token endpoint's refusal is final with its reason, its 5xx or
 * silence retried; leads without a click id or past the 90-day window are skipped with the reason.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { GOOGLE_ADS_TOO_OLD } from "../../worker/forward/google-ads";
import {
  deliveryOf,
  expectBackfillWindow,
  expectNoIdAndOldSkipped,
  expectNoSecretLogged,
  leadsAged,
  openQueueFaults,
  type SkipLeads,
  setOk,
} from "./destination-test-kit";
import { DAY } from "./forward-backfill-helpers";
import { captureConsole } from "./forward-faults-helpers";
import { createDestination, makeDue, received, runQueue, setPlan } from "./forward-helpers";
import {
  ACCESS_TOKEN,
  GOOGLE_ADS_BASE,
  googleLead,
  REFRESH,
  siteWithGoogleAds,
  tokenAnswer,
} from "./google-ads-helpers";
import { createSite, type TestSite } from "./helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const row = (site: TestSite) => deliveryOf(site, "google_ads");

describe("google_ads: failures and recovery", () => {
  it("refused, 503, no answer, then accepted once; every attempt the same transactionId", async () => {
    const { site, sinks, logs, recover } = await openQueueFaults(
      "google_ads",
      (base) => siteWithGoogleAds(REFRESH, {}, base),
      (site) => googleLead(site, { gclid: "gclid-fault-1" }),
    );
    const reqs = await recover(sinks.ads, {
      body: '{"error":{"code":503,"status":"UNAVAILABLE"}}',
      lastError: /^HTTP 503: .*UNAVAILABLE/,
    });
    const r = await row(site);
    const txn = (JSON.parse(reqs[0]?.body ?? "{}") as { events: { transactionId: string }[] })
      .events[0]?.transactionId;
    expect(txn).toBe(r.lead_id);
    // One token for all four attempts.
    expect(await received(sinks.token)).toHaveLength(1);
    expectNoSecretLogged(logs, [ACCESS_TOKEN, REFRESH.refresh_token, REFRESH.client_secret]);
  });

  it("a 400 rejects the whole request: dead at once, Google's message in the log", async () => {
    const { site, sinks } = await siteWithGoogleAds(REFRESH);
    const error = JSON.stringify({
      error: {
        code: 400,
        message: "Request contains an invalid argument: events[0].adIdentifiers.gclid",
        status: "INVALID_ARGUMENT",
      },
    });
    await setPlan(sinks.ads, [{ mode: "status", status: 400, body: error }]);
    const { ids } = await googleLead(site, { gclid: "gclid-bad" });
    const run = await runQueue(ids);
    expect(run.retried).toEqual([]);
    const r = await row(site);
    expect(r).toMatchObject({ status: "dead", attempts: 1, response_status: 400 });
    expect(r.last_error).toMatch(/^HTTP 400: /);
    expect(r.last_error).toContain("invalid argument: events[0].adIdentifiers.gclid");
  });

  it("the token endpoint: 401 is final with its reason; 503 and silence are retried, then sent", async () => {
    const logs = captureConsole();
    const dead = await siteWithGoogleAds(REFRESH);
    await setOk(
      dead.sinks.token,
      401,
      '{"error":"invalid_client","error_description":"The OAuth client was not found."}',
    );
    const a = await googleLead(dead.site, { gclid: "gclid-token-401" });
    expect((await runQueue(a.ids)).retried).toEqual([]);
    const r1 = await row(dead.site);
    expect(r1).toMatchObject({ status: "dead", attempts: 1, response_status: 401 });
    expect(r1.last_error).toBe(
      'OAuth token refused: HTTP 401: {"error":"invalid_client","error_description":"The OAuth client was not found."}',
    );
    expect(await received(dead.sinks.ads)).toEqual([]);

    const flaky = await siteWithGoogleAds(REFRESH);
    await setOk(flaky.sinks.token, 200, tokenAnswer(), [
      { mode: "status", status: 503, body: "backend error" },
      { mode: "hang" },
    ]);
    const b = await googleLead(flaky.site, { gclid: "gclid-token-503" });
    await runQueue(b.ids, 1);
    let r2 = await row(flaky.site);
    expect(r2).toMatchObject({ status: "retrying", attempts: 1, response_status: 503 });
    expect(r2.last_error).toBe("OAuth token refused: HTTP 503: backend error");
    await makeDue(b.ids);
    await runQueue(b.ids, 2);
    r2 = await row(flaky.site);
    expect(r2).toMatchObject({ status: "retrying", attempts: 2 });
    expect(r2.last_error).toBe("OAuth token: no answer within 400 ms");
    await makeDue(b.ids);
    await runQueue(b.ids, 3);
    expect(await row(flaky.site)).toMatchObject({ status: "sent", attempts: 3 });
    expect(await received(flaky.sinks.ads)).toHaveLength(1);
    expectNoSecretLogged(logs, [REFRESH.refresh_token]);
  });
});

describe("google_ads: skipped with the reason", () => {
  it("no gclid / gbraid / wbraid; a click older than 90 days", async () => {
    const made = await siteWithGoogleAds(REFRESH);
    const skipped: SkipLeads = [{ utm_campaign: "no-click-id" }, ["gclid", "gclid-old"], 91 * DAY];
    await expectNoIdAndOldSkipped(made, googleLead, skipped, [
      "no Google click id: the lead's visit carried no gclid, gbraid or wbraid",
      "the click is older than 90 days, the longest click-through window of a Google Ads conversion action",
    ]);
  });
  it("backfill writes leads past the 90-day window skipped with that reason", async () => {
    const site = await createSite();
    await leadsAged(site, "gclid", [3600, 100 * 24 * 3600]);
    const dest = await createDestination(site, { ...GOOGLE_ADS_BASE, credentials: REFRESH });
    await expectBackfillWindow(site, dest.id, DAY, GOOGLE_ADS_TOO_OLD);
  });
});
