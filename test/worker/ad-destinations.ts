/**
 * Ad-platform destinations on fake sinks, for tests that need several kinds on one site: Google
 * Ads (Data Manager, with its token endpoint), TikTok and Microsoft Advertising (with its token
 * endpoint), each answering as the platform does when it accepts.
 */
import { setOk } from "./destination-test-kit";
import { createDestination, newSink, sinkUrl } from "./forward-helpers";
import { REFRESH, tokenAnswer } from "./google-ads-helpers";
import type { TestSite } from "./helpers";
import { MS_BASE, MS_OK, msTokenAnswer } from "./microsoft-ads-helpers";
import { TIKTOK_BASE, TIKTOK_OK } from "./tiktok-helpers";

type AdKind = "google_ads" | "tiktok" | "microsoft_ads";

/** The sinks of the destinations made (absent kinds: not made), token endpoints apart. */
export type AdSinks = Partial<Record<AdKind | "googleToken" | "microsoftToken", string>>;

/**
 * Adds a destination of each kind named in `kinds` to `site`, with those extra settings (e.g.
 * `{ google_ads: { events: ["lead.purchase"] }, tiktok: {} }`); returns their sinks.
 */
export async function addAdDestinations(
  site: TestSite,
  kinds: Partial<Record<AdKind, Record<string, unknown>>>,
): Promise<AdSinks> {
  const sinks: AdSinks = {};
  if (kinds.google_ads) {
    sinks.google_ads = newSink("ads-gads");
    sinks.googleToken = newSink("ads-gads-token");
    await setOk(sinks.googleToken, 200, tokenAnswer());
    await createDestination(site, {
      kind: "google_ads",
      name: "Google Ads",
      customer_id: "1234567890",
      conversion_action_id: "987654321",
      credentials: REFRESH,
      endpoint: `${sinkUrl(sinks.google_ads)}/v1`,
      token_endpoint: `${sinkUrl(sinks.googleToken)}/token`,
      ...kinds.google_ads,
    });
  }
  if (kinds.tiktok) {
    sinks.tiktok = newSink("ads-tiktok");
    await setOk(sinks.tiktok, 200, TIKTOK_OK);
    await createDestination(site, {
      ...TIKTOK_BASE,
      endpoint: `${sinkUrl(sinks.tiktok)}/open_api/v1.3`,
      ...kinds.tiktok,
    });
  }
  if (kinds.microsoft_ads) {
    sinks.microsoft_ads = newSink("ads-ms");
    sinks.microsoftToken = newSink("ads-ms-token");
    await setOk(sinks.microsoft_ads, 200, MS_OK);
    await setOk(sinks.microsoftToken, 200, msTokenAnswer());
    await createDestination(site, {
      ...MS_BASE,
      endpoint: `${sinkUrl(sinks.microsoft_ads)}/CampaignManagement/v13`,
      token_endpoint: `${sinkUrl(sinks.microsoftToken)}/common/oauth2/v2.0/token`,
      ...kinds.microsoft_ads,
    });
  }
  return sinks;
}
