/**
 * Google Ads click conversions through the Data Manager API (protocols.md §6.1): one
 * `POST {endpoint}/events:ingest` per lead, authorised with an OAuth access token
 * (google-oauth.ts; no developer token).
 *
 * - The click id: the visit's `gclid`, else `gbraid` (iOS app campaigns), else `wbraid` (iOS web),
 *   one per event (Google takes one). A lead without any is skipped: nothing to attribute.
 * - The conversion action's click-through window is at most 90 days (§6.1), so a lead whose click
 *   is older is skipped with that reason (backfill.ts writes it at once for old leads).
 * - `transactionId` = the lead id, so a resend (a retry after a lost answer) is de-duplicated by
 *   Google and never counts twice; `eventTimestamp` = the contact's first message (RFC 3339).
 * - `eventSource: "OTHER"`: the conversion happens in a chat app, after the site visit; `WEB`
 *   would claim an on-site conversion, `PHONE` is for calls (as `action_source: "chat"` for Meta).
 * - `userData`: the WhatsApp phone hashed as Google wants it (SHA-256 hex of E.164 with `+`,
 *   phone-hash.ts), only when the phone is known and the `adUserData` sent is granted; then
 *   `encoding: "HEX"`, which Data Manager requires whenever user data is sent.
 * - Consent per event (`adUserData`, `adPersonalization`; event level overrides request level,
 *   §6.1): the lead's effective state (the click's Consent Mode, else the destination's and the
 *   site's `consent_default`: read-model/ad-consent.ts), lowered to denied where the
 *   destination's `ad_user_data` / `ad_personalization` setting says denied (those settings are
 *   the most this destination tells Google; defaults in google-ads-config.ts). A lead whose
 *   effective `ad_user_data` is denied never gets here (deliver.ts skips it: formats.ts).
 * - Sale events (a destination that takes `lead.qualified` / `lead.purchase`, pointed at its own
 *   conversion action): the event's time and value, `transactionId` = the sale event's id.
 * - Errors: Data Manager has no partial failure; a 400 rejects the whole request and is final,
 *   its message kept in the delivery log. 5xx, 408, 425 and 429 are retried; so is a 401, after
 *   the cached tokens are dropped (a revoked token gets a new one; a bad credential then fails at
 *   the token endpoint with its own reason).
 */
import type { GoogleAdsConfig } from "./destination-config";
import { eventMoney, eventTime } from "./event-facts";
import { type Format, transientStatus } from "./format";
import { forgetGoogleTokens, GOOGLE_TOKEN_ENDPOINT, googleAccessToken } from "./google-oauth";
import { e164PhoneHash } from "./phone-hash";

export const DATAMANAGER_BASE = "https://datamanager.googleapis.com/v1";
/** The longest click-through window a conversion action has (protocols.md §6.1). */
export const GOOGLE_ADS_WINDOW_MS = 90 * 24 * 3600_000;
/** The skip reason of a lead older than that (also written by backfill.ts). */
export const GOOGLE_ADS_TOO_OLD =
  "the click is older than 90 days, the longest click-through window of a Google Ads conversion action";
export const GOOGLE_ADS_NO_CLICK_ID =
  "no Google click id: the lead's visit carried no gclid, gbraid or wbraid";

type State = "granted" | "denied";
/** Data Manager's value: granted only when both the lead's state and the setting allow it. */
const consentValue = (lead: State, setting: State) =>
  lead === "granted" && setting === "granted" ? "CONSENT_GRANTED" : "CONSENT_DENIED";

/** The base URL a destination sends to. */
export const googleAdsEndpoint = (config: GoogleAdsConfig) =>
  (config.endpoint ?? DATAMANAGER_BASE).replace(/\/+$/, "");

/** The one click id sent, in Google's order of preference. */
function adIdentifiers(
  click: { gclid: string | null; gbraid: string | null; wbraid: string | null } | null,
) {
  if (click?.gclid) return { gclid: click.gclid };
  if (click?.gbraid) return { gbraid: click.gbraid };
  if (click?.wbraid) return { wbraid: click.wbraid };
  return null;
}

export const googleAdsFormat: Format<GoogleAdsConfig> = {
  skipReason({ row }, _config, now) {
    if (!adIdentifiers(row.click)) return GOOGLE_ADS_NO_CLICK_ID;
    const clickedAt = row.click?.createdAt ?? row.lead.firstMessageAt;
    if (now - clickedAt > GOOGLE_ADS_WINDOW_MS) return GOOGLE_ADS_TOO_OLD;
    return null;
  },

  async payload({ row, consent: effective }, config, event) {
    const { lead, contact, click } = row;
    const at = eventTime(lead, event);
    const money = eventMoney(event, config);
    const consent = {
      adUserData: consentValue(effective.ad_user_data.state, config.ad_user_data),
      adPersonalization: consentValue(
        effective.ad_personalization.state,
        config.ad_personalization,
      ),
    };
    const phone =
      contact.waId && consent.adUserData === "CONSENT_GRANTED"
        ? { userIdentifiers: [{ phoneNumber: await e164PhoneHash(contact.waId) }] }
        : null;
    const destination = {
      operatingAccount: { accountType: "GOOGLE_ADS", accountId: config.customer_id },
      ...(config.login_customer_id
        ? { loginAccount: { accountType: "GOOGLE_ADS", accountId: config.login_customer_id } }
        : {}),
      productDestinationId: config.conversion_action_id,
    };
    const conversion = {
      adIdentifiers: adIdentifiers(click),
      eventTimestamp: new Date(at).toISOString(),
      // The lead's id, or a sale event's (one per lead, type and order): retries count once.
      transactionId: event.sale ? event.eventId : lead.id,
      eventSource: "OTHER",
      ...(money ? { conversionValue: money.value, currency: money.currency } : {}),
      ...(phone ? { userData: phone } : {}),
      consent,
    };
    return {
      destinations: [destination],
      ...(phone ? { encoding: "HEX" } : {}),
      events: [conversion],
      ...(config.validate_only ? { validateOnly: true } : {}),
    };
  },

  authorize({ env, destinationId, config, credential, now }) {
    return googleAccessToken({
      env,
      destinationId,
      credential,
      tokenEndpoint: config.token_endpoint ?? GOOGLE_TOKEN_ENDPOINT,
      endpoint: googleAdsEndpoint(config),
      now,
    });
  },

  async request(config, accessToken) {
    return {
      url: `${googleAdsEndpoint(config)}/events:ingest`,
      headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
    };
  },

  retryable(status) {
    if (status === 401) {
      forgetGoogleTokens();
      return true;
    }
    return transientStatus(status);
  },
};
