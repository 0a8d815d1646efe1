/**
 * Consent Mode at every destination, end to end (click beacon → WhatsApp message → queue consumer
 * → fake destinations): GA4 MP and Data Manager carry the lead's consent; a lead whose visitor
 * denied `ad_user_data` never reaches Meta, Google Ads or TikTok (skipped with the reason, no
 * request made) but still reaches the webhook with its consent and GA4 with its consent field;
 * with no click consent the site's default, or the destination's override, decides.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConsentBeacon } from "../../widget/protocol/click-beacon";
import { AD_USER_DATA_DENIED } from "../../worker/read-model/ad-consent";
import {
  AD_TOUCH,
  consentLead,
  rowsByKind,
  setSiteDefault,
  siteWithEveryKind,
} from "./consent-mode-helpers";
import { receivedJson, setOk } from "./destination-test-kit";
import { apiSend, createDestination, newSink, runQueue, sinkUrl } from "./forward-helpers";
import { createSite, deliver, message, newPhone } from "./helpers";
import { captureQueue } from "./queue-helpers";
import { PIXEL, TIKTOK_OK, TIKTOK_TOKEN } from "./tiktok-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const AD_KINDS = ["meta_capi", "google_ads", "tiktok"] as const;
type Sinks = Awaited<ReturnType<typeof siteWithEveryKind>>["sinks"];

/**
 * A site with every kind (its `consent_default` set first when given) and a lead from an
 * AD_TOUCH click with the visitor's `consent`, its outbox rows run.
 */
async function forwardedLead(consent?: ConsentBeacon, siteDefault?: "granted" | "denied") {
  const { site, sinks } = await siteWithEveryKind();
  if (siteDefault) await setSiteDefault(site, siteDefault);
  const { ids } = await consentLead(site, AD_TOUCH, consent);
  await runQueue(ids);
  return { site, sinks, ids };
}

/** The only request a sink received, parsed. */
async function only(sink: string) {
  const reqs = await receivedJson(sink);
  expect(reqs).toHaveLength(1);
  return reqs[0]?.json as Record<string, unknown>;
}

/** Every ad platform skipped with the consent reason, and none of them contacted. */
async function expectAdPlatformsSkipped(ids: string[], sinks: Sinks) {
  const rows = await rowsByKind(ids);
  for (const kind of AD_KINDS) {
    expect([rows[kind]?.status, rows[kind]?.lastError], kind).toEqual([
      "skipped",
      AD_USER_DATA_DENIED,
    ]);
    expect(rows[kind]?.payload ?? null, kind).toBeNull();
    expect(await receivedJson(sinks[kind]), kind).toEqual([]);
  }
}

describe("the visitor's consent reaches GA4 and Google Ads", () => {
  it("granted ad_user_data, denied ad_personalization: both carry it, every ad platform is sent", async () => {
    const { sinks, ids } = await forwardedLead({
      ad_user_data: "granted",
      ad_personalization: "denied",
    });
    const rows = await rowsByKind(ids);
    for (const kind of [...AD_KINDS, "ga4", "webhook"])
      expect(rows[kind]?.status, `${kind}: ${rows[kind]?.lastError}`).toBe("sent");
    // GA4 MP (protocols.md §4): GRANTED | DENIED.
    expect((await only(sinks.ga4)).consent).toEqual({
      ad_user_data: "GRANTED",
      ad_personalization: "DENIED",
    });
    // Data Manager (§6.1): per event; the destination allows ad_personalization, the click denied it.
    const ads = await only(sinks.google_ads);
    const [event] = ads.events as Record<string, unknown>[];
    expect(event?.consent).toEqual({
      adUserData: "CONSENT_GRANTED",
      adPersonalization: "CONSENT_DENIED",
    });
    expect(event).toHaveProperty("userData");
    const hook = await only(sinks.webhook);
    expect((hook.data as { consent: unknown }).consent).toMatchObject({
      ad_user_data: { state: "granted", source: "click" },
      ad_personalization: { state: "denied", source: "click" },
    });
  });

  it("granted ad_personalization passes through where the destination allows it", async () => {
    const { sinks } = await forwardedLead({ ad_personalization: "granted" });
    const [event] = (await only(sinks.google_ads)).events as Record<string, unknown>[];
    expect(event?.consent).toEqual({
      adUserData: "CONSENT_GRANTED",
      adPersonalization: "CONSENT_GRANTED",
    });
    expect((await only(sinks.ga4)).consent).toEqual({
      ad_user_data: "GRANTED",
      ad_personalization: "GRANTED",
    });
  });
});

describe("a denied ad_user_data is never sent to an ad platform", () => {
  it("the visitor denied it: Meta, Google Ads and TikTok skipped with the reason; webhook and GA4 get the lead", async () => {
    const { site, sinks, ids } = await forwardedLead({
      ad_user_data: "denied",
      ad_personalization: "denied",
    });
    await expectAdPlatformsSkipped(ids, sinks);
    const rows = await rowsByKind(ids);
    expect(rows.webhook?.status).toBe("sent");
    expect(rows.ga4?.status).toBe("sent");
    const hook = await only(sinks.webhook);
    expect((hook.data as { consent: unknown }).consent).toEqual({
      ad_storage: { state: "granted", source: "site" },
      analytics_storage: { state: "granted", source: "site" },
      ad_user_data: { state: "denied", source: "click" },
      ad_personalization: { state: "denied", source: "click" },
    });
    const ga4 = await only(sinks.ga4);
    expect(ga4.consent).toEqual({ ad_user_data: "DENIED", ad_personalization: "DENIED" });
    // GA4's body holds no ad click id to withhold.
    expect(JSON.stringify(ga4)).not.toContain(AD_TOUCH.gclid);
    // The delivery log tells why.
    const log = await apiSend(site, "GET", "/api/v1/deliveries?limit=50");
    const deliveries = ((await log.json()) as { data: { status: string; last_error: string }[] })
      .data;
    expect(deliveries.filter((d) => d.last_error === AD_USER_DATA_DENIED)).toHaveLength(3);
  });

  it("the site's default is denied and the click carries no consent: skipped the same way", async () => {
    const { sinks, ids } = await forwardedLead(undefined, "denied");
    await expectAdPlatformsSkipped(ids, sinks);
    const hook = await only(sinks.webhook);
    expect((hook.data as { consent: unknown }).consent).toMatchObject({
      ad_user_data: { state: "denied", source: "site" },
    });
    expect((await only(sinks.ga4)).consent).toEqual({
      ad_user_data: "DENIED",
      ad_personalization: "DENIED",
    });
  });

  it("the visitor's granted state wins over a denied site default", async () => {
    const { sinks, ids } = await forwardedLead({ ad_user_data: "granted" }, "denied");
    const rows = await rowsByKind(ids);
    for (const kind of AD_KINDS) expect(rows[kind]?.status, kind).toBe("sent");
    const [event] = (await only(sinks.google_ads)).events as Record<string, unknown>[];
    // ad_personalization: the site's denied default.
    expect(event?.consent).toEqual({
      adUserData: "CONSENT_GRANTED",
      adPersonalization: "CONSENT_DENIED",
    });
  });

  it("a destination's consent_default overrides the site's, both ways", async () => {
    for (const siteDefault of ["denied", "granted"] as const) {
      const site = await createSite();
      await setSiteDefault(site, siteDefault);
      const flipped = siteDefault === "denied" ? "granted" : "denied";
      const sinks = { meta: newSink("cm-meta-own"), tiktok: newSink("cm-tiktok-site") };
      await setOk(sinks.tiktok, 200, TIKTOK_OK);
      // Meta with its own default (the opposite of the site's), TikTok with the site's.
      await createDestination(site, {
        kind: "meta_capi",
        name: "Meta",
        dataset_id: "987654322",
        access_token: "consent-meta-token-0002",
        endpoint: sinkUrl(sinks.meta),
        consent_default: flipped,
      });
      await createDestination(site, {
        kind: "tiktok",
        name: "TikTok",
        pixel_code: PIXEL,
        access_token: TIKTOK_TOKEN,
        endpoint: `${sinkUrl(sinks.tiktok)}/open_api/v1.3`,
      });
      const { ids } = await consentLead(site, AD_TOUCH);
      await runQueue(ids);
      const rows = await rowsByKind(ids);
      const [sent, skipped] =
        siteDefault === "denied"
          ? (["meta_capi", "tiktok"] as const)
          : (["tiktok", "meta_capi"] as const);
      expect(rows[sent]?.status, `${siteDefault}: ${sent}`).toBe("sent");
      expect(
        [rows[skipped]?.status, rows[skipped]?.lastError],
        `${siteDefault}: ${skipped}`,
      ).toEqual(["skipped", AD_USER_DATA_DENIED]);
      const skippedSink = skipped === "meta_capi" ? sinks.meta : sinks.tiktok;
      expect(await receivedJson(skippedSink)).toEqual([]);
    }
  });

  it("a lead without a click (no ref) takes the site's default: the webhook says so", async () => {
    const site = await createSite();
    await setSiteDefault(site, "denied");
    const sink = newSink("cm-hook-noclick");
    await createDestination(site, { kind: "webhook", name: "CRM", url: `${sinkUrl(sink)}/in` });
    const queue = captureQueue();
    await deliver(site, message({ from: newPhone(), body: "Hello, is the shop open?" }));
    await runQueue(queue.drain());
    const hook = await only(sink);
    expect((hook.data as { consent: unknown }).consent).toEqual({
      ad_storage: { state: "denied", source: "site" },
      analytics_storage: { state: "denied", source: "site" },
      ad_user_data: { state: "denied", source: "site" },
      ad_personalization: { state: "denied", source: "site" },
    });
  });

  it("GA4 skips a click whose page denied analytics_storage (its _ga id was declined)", async () => {
    const { sinks, ids } = await forwardedLead({ analytics_storage: "denied" });
    const rows = await rowsByKind(ids);
    expect([rows.ga4?.status, rows.ga4?.lastError]).toEqual([
      "skipped",
      "consent: analytics_storage denied",
    ]);
    expect(await receivedJson(sinks.ga4)).toEqual([]);
    // ad_user_data was not denied: the ad platforms still get it.
    expect(rows.google_ads?.status).toBe("sent");
  });
});
