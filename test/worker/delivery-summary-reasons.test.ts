/**
 * The delivery summary's reasons: per destination, why its deliveries of the period were skipped
 * and what its retrying and dead ones met, as codes whose counts add up to the status counts; and
 * every skip text the forwarder writes is read as its own code, never as `other`.
 */
import { describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { skipReasonOf } from "../../worker/api/delivery-reasons";
import { RESPONSE_SCHEMAS } from "../../worker/api/openapi";
import { ERASED_REASON } from "../../worker/forward/backfill";
import * as ga4 from "../../worker/forward/ga4";
import * as googleAds from "../../worker/forward/google-ads";
import * as meta from "../../worker/forward/meta-capi";
import * as microsoft from "../../worker/forward/microsoft-ads";
import * as tiktok from "../../worker/forward/tiktok";
import * as yandex from "../../worker/forward/yandex-csv";
import { AD_USER_DATA_DENIED } from "../../worker/read-model/ad-consent";
import { apiSend, captureQueue, createDestination, runQueue } from "./forward-helpers";
import { click, createSite, deliver, message, newPhone } from "./helpers";
import { newSink, setPlan, sinkUrl } from "./sink-helpers";

describe("GET /api/v1/deliveries/summary reasons", () => {
  it("counts the skipped, retrying and dead deliveries of each destination by reason", async () => {
    const site = await createSite();
    const [ga4Sink, metaSink, hookSink] = [newSink("r-ga4"), newSink("r-meta"), newSink("r-hook")];
    const meta400 = JSON.stringify({ error: { message: "Invalid parameter", code: 100 } });
    await setPlan(metaSink, [{ mode: "status", status: 400, body: meta400, times: 99 }]);
    await setPlan(hookSink, [{ mode: "status", status: 500, body: "down", times: 99 }]);
    const ga4 = await createDestination(site, {
      kind: "ga4",
      name: "GA4",
      measurement_id: "G-REASONS1",
      api_secret: "reasons-ga4-secret",
      endpoint: `${sinkUrl(ga4Sink)}/mp/collect`,
    });
    const meta = await createDestination(site, {
      kind: "meta_capi",
      name: "Meta",
      dataset_id: "123456789",
      access_token: "reasons-meta-token",
      endpoint: sinkUrl(metaSink),
    });
    const hook = await createDestination(site, {
      kind: "webhook",
      name: "CRM",
      url: `${sinkUrl(hookSink)}/in`,
    });
    const queue = captureQueue();
    for (let i = 0; i < 2; i++) {
      const ref = await click(site, { utm_source: "newsletter" });
      await deliver(site, message({ from: newPhone(), body: formatRef(ref) }));
    }
    await runQueue(queue.drain());

    const res = await apiSend(site, "GET", "/api/v1/deliveries/summary");
    expect(res.status).toBe(200);
    const summary = RESPONSE_SCHEMAS.DeliverySummary.parse(await res.json());
    const of = (id: string) => summary.destinations.find((d) => d.destination_id === id);
    // No _ga cookie on the visits: GA4 skips both; Meta's 400 is final; the webhook's 500 retries.
    expect(of(ga4.id)?.reasons).toEqual({
      skipped: [{ code: "no_ga_client_id", count: 2 }],
      retrying: [],
      dead: [],
    });
    expect(of(meta.id)?.reasons).toEqual({
      skipped: [],
      retrying: [],
      dead: [{ code: "rejected", count: 2 }],
    });
    expect(of(hook.id)?.reasons).toEqual({
      skipped: [],
      retrying: [{ code: "server_error", count: 2 }],
      dead: [],
    });
    for (const d of summary.destinations)
      for (const status of ["skipped", "retrying", "dead"] as const)
        expect(
          d.reasons[status].reduce((n, r) => n + r.count, 0),
          `${d.destination_id} ${status}`,
        ).toBe(d.counts[status]);
  });

  it("reads every skip text the forwarder writes as its own code", () => {
    const expected: [string, string][] = [
      [ERASED_REASON, "contact_erased"],
      ["the destination is disabled", "destination_disabled"],
      [AD_USER_DATA_DENIED, "consent_ad_user_data_denied"],
      [ga4.GA4_ANALYTICS_DENIED, "consent_analytics_denied"],
      [
        "no GA client id: the lead's visit carried no _ga cookie (or it did not start on the website)",
        "no_ga_client_id",
      ],
      [googleAds.GOOGLE_ADS_NO_CLICK_ID, "no_google_click_id"],
      [tiktok.TIKTOK_NO_TTCLID, "no_ttclid"],
      [microsoft.MICROSOFT_ADS_NO_MSCLKID, "no_msclkid"],
      [yandex.YANDEX_NO_ID, "no_metrica_id"],
      [yandex.YANDEX_NO_CHAT_PLATFORM, "metrica_chat_app"],
      [
        "the lead has no attribution (no ref, no ad referral): nothing for Meta to attribute",
        "no_attribution",
      ],
      ["the messenger sender's id is no longer known", "sender_unknown"],
      [
        "the Click-to-WhatsApp referral has no ctwa_clid (ads shown in WhatsApp Status omit it)",
        "no_ctwa_clid",
      ],
      [
        "no WhatsApp Business Account id: set the site's waba_id or the destination's whatsapp_business_account_id",
        "no_waba_id",
      ],
      ...[ga4.GA4_TOO_OLD, ga4.GA4_EVENT_TOO_OLD, meta.META_TOO_OLD, meta.META_EVENT_TOO_OLD]
        .concat([googleAds.GOOGLE_ADS_TOO_OLD, tiktok.TIKTOK_TOO_OLD, yandex.YANDEX_TOO_OLD])
        .concat([microsoft.microsoftAdsTooOld(30)])
        .map((text): [string, string] => [text, "too_old"]),
      ["something new", "other"],
    ];
    for (const [text, code] of expected) expect(skipReasonOf(text), text).toBe(code);
    expect(skipReasonOf(null)).toBe("other");
  });
});
