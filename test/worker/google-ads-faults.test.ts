/**
 * Google Ads faults (worker/forward/google-ads.ts, google-oauth.ts): an ingest endpoint that
 * refuses connections, answers 5xx and hangs, then recovers — the conversion is accepted once,
 * every attempt carrying the same transactionId; a 400 (no partial failure) is final with
 * Google's message in the log; the token endpoint's refusal is final with its reason, its 5xx or
 * silence retried; leads without a click id or past the 90-day window are skipped with the reason.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { clicks, leads } from "../../worker/db/schema";
import { GOOGLE_ADS_TOO_OLD } from "../../worker/forward/google-ads";
import { backfillOk, DAY, outboxRows, since } from "./forward-backfill-helpers";
import { byKind, captureConsole } from "./forward-faults-helpers";
import {
  closedPort,
  createDestination,
  listDeliveries,
  makeDue,
  newSink,
  received,
  runQueue,
  setPlan,
  sinkUrl,
  switchPort,
} from "./forward-helpers";
import {
  ACCESS_TOKEN,
  googleLead,
  REFRESH,
  setOk,
  siteWithGoogleAds,
  tokenAnswer,
} from "./google-ads-helpers";
import { click, createSite, db, deliver, message, newPhone } from "./helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const row = async (site: Awaited<ReturnType<typeof createSite>>) => {
  const rows = byKind(await listDeliveries(site), "google_ads");
  expect(rows).toHaveLength(1);
  return rows[0] as (typeof rows)[number];
};

describe("google_ads: failures and recovery", () => {
  it("refused, 503, no answer, then accepted once; every attempt the same transactionId", async () => {
    const logs = captureConsole();
    const site = await createSite();
    const [ads, token] = [newSink("gads-fault"), newSink("gads-fault-token")];
    await setOk(token, 200, tokenAnswer());
    const port = await closedPort();
    await createDestination(site, {
      kind: "google_ads",
      name: "Ads",
      customer_id: "1234567890",
      conversion_action_id: "42",
      credentials: REFRESH,
      endpoint: `${sinkUrl(ads, `http://127.0.0.1:${port}`)}/v1`,
      token_endpoint: `${sinkUrl(token)}/token`,
    });
    const { ids } = await googleLead(site, { gclid: "gclid-fault-1" });
    expect(ids).toHaveLength(1);

    await runQueue(ids, 1);
    let r = await row(site);
    expect(r).toMatchObject({ status: "retrying", attempts: 1, response_status: null });
    expect(r.last_error).toMatch(/^request failed: /);

    await switchPort(port, true);
    await setPlan(ads, [
      { mode: "status", status: 503, body: '{"error":{"code":503,"status":"UNAVAILABLE"}}' },
      { mode: "hang" },
    ]);
    await makeDue(ids);
    await runQueue(ids, 2);
    r = await row(site);
    expect(r).toMatchObject({ status: "retrying", attempts: 2, response_status: 503 });
    expect(r.last_error).toMatch(/^HTTP 503: .*UNAVAILABLE/);

    await makeDue(ids);
    await runQueue(ids, 3);
    r = await row(site);
    expect(r).toMatchObject({
      status: "retrying",
      attempts: 3,
      last_error: "no answer within 400 ms",
    });

    await makeDue(ids);
    const last = await runQueue(ids, 4);
    expect(last.acked).toEqual(ids);
    r = await row(site);
    expect(r).toMatchObject({
      status: "sent",
      attempts: 4,
      response_status: 200,
      last_error: null,
    });

    const reqs = await received(ads);
    expect(reqs.map((q) => q.answer)).toEqual([503, "hang", 200]);
    expect(new Set(reqs.map((q) => q.body)).size).toBe(1);
    const txn = (JSON.parse(reqs[0]?.body ?? "{}") as { events: { transactionId: string }[] })
      .events[0]?.transactionId;
    expect(txn).toBe(r.lead_id);
    // One token for all four attempts.
    expect(await received(token)).toHaveLength(1);
    for (const line of logs)
      for (const s of [ACCESS_TOKEN, REFRESH.refresh_token, REFRESH.client_secret])
        expect(line).not.toContain(s);
    await switchPort(port, false);
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
    for (const line of logs) expect(line).not.toContain(REFRESH.refresh_token);
  });
});

describe("google_ads: skipped with the reason", () => {
  it("no gclid / gbraid / wbraid; a click older than 90 days", async () => {
    const { site, sinks } = await siteWithGoogleAds(REFRESH);
    const none = await googleLead(site, { utm_campaign: "no-click-id" });
    await runQueue(none.ids);
    const old = await googleLead(site, { gclid: "gclid-old" });
    const [oldRow] = await db()
      .select({ clickId: leads.clickId })
      .from(leads)
      .innerJoin(clicks, eq(clicks.id, leads.clickId))
      .where(eq(clicks.gclid, "gclid-old"));
    const longAgo = Date.now() - 91 * 24 * 3600_000;
    await db()
      .update(clicks)
      .set({ createdAt: longAgo })
      .where(eq(clicks.id, oldRow?.clickId ?? -1))
      .run();
    await runQueue(old.ids);
    const rows = byKind(await listDeliveries(site), "google_ads");
    expect(rows.map((x) => [x.status, x.last_error]).sort()).toEqual(
      [
        ["skipped", "no Google click id: the lead's visit carried no gclid, gbraid or wbraid"],
        [
          "skipped",
          "the click is older than 90 days, the longest click-through window of a Google Ads conversion action",
        ],
      ].sort(),
    );
    expect(await received(sinks.ads)).toEqual([]);
    expect(await received(sinks.token)).toEqual([]);
  });
  it("backfill writes leads past the 90-day window skipped with that reason", async () => {
    const site = await createSite();
    const now = Math.floor(Date.now() / 1000);
    for (const ago of [3600, 100 * 24 * 3600]) {
      const ref = await click(site, { gclid: `gclid-backfill-${ago}` });
      await deliver(
        site,
        message({ from: newPhone(), body: formatRef(ref), timestamp: now - ago }),
      );
    }
    const dest = await createDestination(site, {
      kind: "google_ads",
      name: "Ads",
      customer_id: "1234567890",
      conversion_action_id: "42",
      credentials: REFRESH,
    });
    const out = await backfillOk(site, dest.id, { since: since(DAY) });
    expect(out).toMatchObject({ leads_in_range: 2, queued: 1, outside_window: 1 });
    const rows = await outboxRows(dest.id);
    expect(rows.map((x) => [x.status, x.lastError]).sort()).toEqual([
      ["pending", null],
      ["skipped", GOOGLE_ADS_TOO_OLD],
    ]);
  });
});
