/**
 * Microsoft Advertising offline conversions (protocols.md §6.3): one `ApplyOfflineConversions`
 * per lead, through the Campaign Management API v13's JSON (REST) form,
 * `POST {endpoint}/OfflineConversions/Apply`.
 *
 * What is verified, with its source:
 * - The `OfflineConversion` fields `MicrosoftClickId`, `ConversionName` (= the offline conversion
 *   goal's name), `ConversionTime` (an `xs:dateTime`), `ConversionValue`, `ConversionCurrencyCode`
 *   (absent: the goal's default currency); at most 1,000 per request; the answer's `PartialErrors`
 *   (`BatchError`: `Code`, `ErrorCode`, `Message`, `Index`, …) list the items that failed; the
 *   same `MicrosoftClickId` + `ConversionTime` is counted once. Microsoft's reference,
 *   learn.microsoft.com/advertising/campaign-management-service/applyofflineconversions and
 *   …/offlineconversion (bingads-13; MicrosoftDocs/Advertising-docs on GitHub).
 * - The request header elements `AuthenticationToken` (the OAuth access token), `DeveloperToken`,
 *   `CustomerId` (manager account) and `CustomerAccountId` (ad account): same reference.
 * - A fault's `OperationErrors` / `BatchErrors` (`ApiFaultDetail`), `Errors` (`AdApiFaultDetail`):
 *   learn.microsoft.com/advertising/campaign-management-service/apifaultdetail.
 * - OAuth: the Microsoft identity platform's token endpoint
 *   `https://login.microsoftonline.com/common/oauth2/v2.0/token`, scope
 *   `https://ads.microsoft.com/msads.manage offline_access`:
 *   learn.microsoft.com/advertising/guides/authentication-oauth-get-tokens.
 *
 * Assumed [S] (from public integrations, not Microsoft's reference, whose REST pages were not
 * readable here): the REST URL above; the SOAP header elements travelling as the HTTP headers
 * `Authorization: Bearer <token>`, `DeveloperToken`, `CustomerId`, `CustomerAccountId`; the body
 * `{"OfflineConversions": [...]}` with the SOAP element names; `ConversionTime` as ISO 8601 UTC
 * (`2026-12-05T10:15:00Z`, which is a valid `xs:dateTime` in any case); a success answering
 * `{"PartialErrors": []}` (or null); the retryable error names `InternalError` and
 * `CallRateExceeded`; an expired token answered with HTTP 401 or `AuthenticationTokenExpired`.
 *
 * Behaviour:
 * - A lead needs the visit's `msclkid`; without it the lead is skipped with that reason.
 * - Window: a click older than the destination's `conversion_window_days` (default 90, Microsoft's
 *   longest, §6.3 [S]) is skipped with that reason (backfill.ts writes it at once for 90).
 * - `ConversionTime` = the contact's first message, to the second, never before the click nor in
 *   the future; the body is built once (deliver.ts keeps it), so every retry sends the same time
 *   and Microsoft's (MicrosoftClickId, ConversionTime) de-duplication counts a resend once.
 * - Errors: HTTP 5xx, 408, 425, 429 are retried; a 401 too, after the cached tokens are dropped.
 *   A 2xx with `PartialErrors` / `OperationErrors` / `BatchErrors` is a failure (`answerError`),
 *   final unless its error is `InternalError` or `CallRateExceeded`; a 2xx that is not a JSON
 *   object is retried (the resend is de-duplicated if the first one counted).
 */
import type { MicrosoftAdsConfig } from "./destination-config";
import { eventMoney, eventTime } from "./event-facts";
import { type Format, transientStatus } from "./format";
import { parseMicrosoftCredential } from "./microsoft-ads-config";
import { exchangeToken, forgetTokens } from "./oauth-token";

export const MICROSOFT_ADS_BASE =
  "https://campaign.api.bingads.microsoft.com/CampaignManagement/v13";
export const MICROSOFT_TOKEN_ENDPOINT =
  "https://login.microsoftonline.com/common/oauth2/v2.0/token";
export const MICROSOFT_ADS_SCOPE = "https://ads.microsoft.com/msads.manage offline_access";
const DAY_MS = 24 * 3600_000;
/** The longest window (protocols.md §6.3 [S]), the default. */
export const MICROSOFT_ADS_WINDOW_MS = 90 * DAY_MS;
/** The skip reason of a click older than `days`. */
export const microsoftAdsTooOld = (days: number) =>
  `the click is older than ${days} days, the conversion window of this Microsoft Advertising destination`;
/** The reason backfill.ts writes (the longest window). */
export const MICROSOFT_ADS_TOO_OLD = microsoftAdsTooOld(90);
export const MICROSOFT_ADS_NO_MSCLKID =
  "no msclkid: the lead's visit did not come from a Microsoft Advertising click";
/** Error names worth another attempt [S]. */
const TRANSIENT_ERRORS = new Set(["InternalError", "CallRateExceeded"]);

/** The base URL a destination sends to. */
export const microsoftAdsEndpoint = (config: MicrosoftAdsConfig) =>
  (config.endpoint ?? MICROSOFT_ADS_BASE).replace(/\/+$/, "");

interface ApiError {
  Code?: unknown;
  ErrorCode?: unknown;
  Message?: unknown;
}

/** The errors a JSON answer lists (none: `{"PartialErrors": []}`, null or absent), or null when it is not JSON. */
function answerErrors(body: string): ApiError[] | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) return null;
  const answer = json as Record<string, unknown>;
  const lists = ["PartialErrors", "OperationErrors", "BatchErrors", "Errors"];
  return lists.flatMap((k) => (Array.isArray(answer[k]) ? (answer[k] as ApiError[]) : []));
}

const describeError = (e: ApiError) =>
  [
    typeof e.ErrorCode === "string" ? e.ErrorCode : "error",
    typeof e.Code === "number" ? ` (${e.Code})` : "",
    typeof e.Message === "string" && e.Message ? `: ${e.Message}` : "",
  ].join("");

export const microsoftAdsFormat: Format<MicrosoftAdsConfig> = {
  skipReason({ row }, config, now) {
    if (!row.click?.msclkid) return MICROSOFT_ADS_NO_MSCLKID;
    if (now - row.click.createdAt > config.conversion_window_days * DAY_MS)
      return microsoftAdsTooOld(config.conversion_window_days);
    return null;
  },

  async payload({ row }, config, event) {
    const { lead, click } = row;
    // Never in the future (the sender's clock), never before the click (Microsoft counts
    // conversions after a click; the beacon's and WhatsApp's clocks may differ by a second).
    const at = Math.max(eventTime(lead, event), click?.createdAt ?? 0);
    const money = eventMoney(event, config);
    const conversion = {
      MicrosoftClickId: click?.msclkid,
      ConversionName: config.conversion_name,
      ConversionTime: new Date(Math.floor(at / 1000) * 1000).toISOString().replace(".000Z", "Z"),
      ...(money ? { ConversionValue: money.value, ConversionCurrencyCode: money.currency } : {}),
    };
    return { OfflineConversions: [conversion] };
  },

  async authorize({ env, destinationId, config, credential, now }) {
    const tokenEndpoint = config.token_endpoint ?? MICROSOFT_TOKEN_ENDPOINT;
    const account = parseMicrosoftCredential(credential);
    const token = await exchangeToken({
      env,
      destinationId,
      destinationKind: "microsoft_ads",
      tokenEndpoint,
      madeFrom: `${credential}\n${tokenEndpoint}\n${microsoftAdsEndpoint(config)}`,
      now,
      async form() {
        return {
          grant_type: "refresh_token",
          client_id: account.client_id,
          ...(account.client_secret ? { client_secret: account.client_secret } : {}),
          refresh_token: account.refresh_token,
          scope: MICROSOFT_ADS_SCOPE,
        };
      },
    });
    // The request needs both the access token and the developer token.
    return JSON.stringify({ token, developerToken: account.developer_token });
  },

  async request(config, auth) {
    const { token, developerToken } = JSON.parse(auth) as { token: string; developerToken: string };
    return {
      url: `${microsoftAdsEndpoint(config)}/OfflineConversions/Apply`,
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        authorization: `Bearer ${token}`,
        DeveloperToken: developerToken,
        CustomerId: config.customer_id,
        CustomerAccountId: config.account_id,
      },
    };
  },

  retryable(status, body) {
    if (status === 401 || body.includes("AuthenticationTokenExpired")) {
      forgetTokens();
      return true;
    }
    if (transientStatus(status)) return true;
    const errors = answerErrors(body) ?? [];
    return errors.length > 0 && errors.every((e) => TRANSIENT_ERRORS.has(String(e.ErrorCode)));
  },

  answerError(body) {
    const errors = answerErrors(body);
    if (errors === null)
      return { error: "Microsoft Advertising answered without a JSON object", retryable: true };
    if (!errors.length) return null;
    const [first] = errors as [ApiError];
    const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : "";
    return {
      error: `Microsoft Advertising ${describeError(first)}${more}`,
      retryable: errors.every((e) => TRANSIENT_ERRORS.has(String(e.ErrorCode))),
    };
  },
};
