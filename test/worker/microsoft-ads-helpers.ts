/**
 * Shared set-up of the Microsoft Advertising tests (worker/forward/microsoft-ads.ts): a site with
 * one `microsoft_ads` destination whose token endpoint and Campaign Management endpoint are fake
 * sinks (the token sink answering like the Microsoft identity platform, the API sink like
 * `ApplyOfflineConversions` with no partial errors), and leads from Microsoft Advertising clicks.
 */
import { leadFrom, receivedJson, setOk } from "./destination-test-kit";
import { createDestination, type DestinationOut, newSink, sinkUrl } from "./forward-helpers";
import { createSite, type TestSite } from "./helpers";

/** The credential a destination is created with (secret parts distinct enough to search for). */
export const MS_CREDENTIALS = {
  developer_token: "MSADS-DEV-TOKEN-0001",
  client_id: "00000000-test-4000-8000-clientidc1d9",
  client_secret: "msads~test-client-secret-0001",
  refresh_token: "M.C105_test-refresh-token-0001",
};
/** The access token the fake token endpoint hands out. */
export const MS_ACCESS_TOKEN = "EwBQA-test-access-token-0001";
export const GOAL = "WhatsApp lead";
export const CUSTOMER_ID = "123456789";
export const ACCOUNT_ID = "987654321";
/** `ApplyOfflineConversions` answering no failed item. */
export const MS_OK = '{"PartialErrors":[]}';

export const msTokenAnswer = (token = MS_ACCESS_TOKEN, expiresIn = 3600) =>
  JSON.stringify({
    token_type: "Bearer",
    scope: "https://ads.microsoft.com/msads.manage",
    expires_in: expiresIn,
    access_token: token,
    refresh_token: "M.C105_rotated-refresh-token",
  });

/** A valid create body without endpoints. */
export const MS_BASE = {
  kind: "microsoft_ads",
  name: "Microsoft Ads",
  conversion_name: GOAL,
  customer_id: CUSTOMER_ID,
  account_id: ACCOUNT_ID,
  credentials: MS_CREDENTIALS,
};

export interface MicrosoftSite {
  site: TestSite;
  dest: DestinationOut;
  sinks: { api: string; token: string };
}

/** A site with one microsoft_ads destination on fake sinks (the API behind `apiBase` if given). */
export async function siteWithMicrosoftAds(
  settings: Record<string, unknown> = {},
  apiBase?: string,
): Promise<MicrosoftSite> {
  const site = await createSite();
  const sinks = { api: newSink("msads"), token: newSink("msads-token") };
  await setOk(sinks.api, 200, MS_OK);
  await setOk(sinks.token, 200, msTokenAnswer());
  const dest = await createDestination(site, {
    ...MS_BASE,
    endpoint: `${sinkUrl(sinks.api, apiBase)}/CampaignManagement/v13`,
    token_endpoint: `${sinkUrl(sinks.token)}/common/oauth2/v2.0/token`,
    ...settings,
  });
  return { site, dest, sinks };
}

/** Records a lead from a click with this touch (Bing cpc by default); returns its outbox ids. */
export const microsoftLead = (site: TestSite, touch: Record<string, string>) =>
  leadFrom(site, { utm_source: "bing", utm_medium: "cpc", ...touch });

/** The Apply requests a sink received, bodies parsed. */
export const applied = receivedJson;

/** The one OfflineConversion of a request body. */
export const conversionOf = (json: Record<string, unknown>) =>
  (json.OfflineConversions as Record<string, unknown>[])[0] as Record<string, unknown>;
