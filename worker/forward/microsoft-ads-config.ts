/**
 * The settings of a `microsoft_ads` destination (Microsoft Advertising offline conversions by
 * msclkid, protocols.md §6.3; microsoft-ads.ts), declared here and registered in
 * destination-config.ts.
 *
 * The credential (`credentials`) is one object: the developer token and the OAuth client with a
 * user's refresh token (`{ developer_token, client_id, client_secret?, refresh_token }`; a public
 * client, such as a desktop app registration, has no secret). It is kept as canonical JSON sealed
 * like every credential (secrets.ts), `client_id` last, so the `credentials_last4` the API shows
 * never holds secret characters.
 */
import { z } from "zod";
import { clearable, currency, digits, endpoint, value } from "./config-fields";

/** Microsoft's longest conversion window, 129,600 minutes (protocols.md §6.3 [S]). */
export const MICROSOFT_ADS_MAX_WINDOW_DAYS = 90;

/** The credential as it is opened at delivery. */
export interface MicrosoftAdsCredential {
  developer_token: string;
  client_secret?: string;
  refresh_token: string;
  client_id: string;
}

const part = (what: string, max: number) =>
  z
    .string({ error: `${what} is missing` })
    .trim()
    .min(1, `${what} is missing`)
    .max(max)
    .regex(/^[\x21-\x7e]+$/, `${what}: printable characters without spaces`);

const credentialObject = z.strictObject({
  developer_token: part("developer_token", 256).describe(
    "the Microsoft Advertising developer token (Developer Portal)",
  ),
  client_id: part("client_id", 256).describe("the application (client) id of the app registration"),
  client_secret: part("client_secret", 512)
    .optional()
    .describe("the app's client secret (absent for a public client)"),
  refresh_token: part("refresh_token", 4096).describe(
    "a refresh token of a user who can manage the account (scope msads.manage offline_access)",
  ),
});

/** The `credentials` field → canonical JSON text (the sealed credential). */
export const microsoftAdsCredentials = credentialObject
  .transform((c) =>
    JSON.stringify({
      developer_token: c.developer_token,
      ...(c.client_secret ? { client_secret: c.client_secret } : {}),
      refresh_token: c.refresh_token,
      client_id: c.client_id,
    }),
  )
  .describe(
    "`{developer_token, client_id, client_secret?, refresh_token}`: sealed, never returned (`credentials_last4` shows the end of client_id)",
  );

/** Reads a sealed credential back (throws: a row written by something else than this module). */
export function parseMicrosoftCredential(text: string): MicrosoftAdsCredential {
  return credentialObject.parse(JSON.parse(text));
}

/** The conversion goal's name, as created in Microsoft Advertising (`ConversionName`). */
const conversionName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .describe("the offline conversion goal's name (`ConversionName`), exactly as in the account");

const windowDays = z
  .number()
  .int()
  .min(1)
  .max(MICROSOFT_ADS_MAX_WINDOW_DAYS)
  .describe(
    "days after the click a lead still counts (default and most 90; set the goal's own window when shorter)",
  );

export const microsoftAdsShape = {
  conversion_name: conversionName,
  /** The manager account (`CustomerId` header). */
  customer_id: digits("customer_id").describe(
    "the customer (manager account) id: `CID=` in the UI's URL",
  ),
  /** The ad account (`CustomerAccountId` header). */
  account_id: digits("account_id").describe("the ad account id: `AID=` in the UI's URL"),
  conversion_window_days: windowDays.default(MICROSOFT_ADS_MAX_WINDOW_DAYS),
  /** Replaces https://campaign.api.bingads.microsoft.com/CampaignManagement/v13 (tests: a fake). */
  endpoint: endpoint.optional(),
  /** Replaces https://login.microsoftonline.com/common/oauth2/v2.0/token (tests: a fake). */
  token_endpoint: endpoint.optional(),
  value: value.optional(),
  currency: currency.optional(),
};

/** `PATCH` fields of a `microsoft_ads` destination (besides name and disabled). */
export const microsoftAdsUpdate = {
  credentials: microsoftAdsCredentials.optional(),
  conversion_name: conversionName.optional(),
  customer_id: microsoftAdsShape.customer_id.optional(),
  account_id: microsoftAdsShape.account_id.optional(),
  conversion_window_days: clearable(windowDays),
  endpoint: clearable(endpoint),
  token_endpoint: clearable(endpoint),
  value: clearable(value),
  currency: clearable(currency),
};
