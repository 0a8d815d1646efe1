/**
 * The settings of a `google_ads` destination (Google Ads click conversions through the Data
 * Manager API, protocols.md §6.1), declared here and registered in destination-config.ts.
 *
 * Consent defaults: Data Manager takes `adUserData` / `adPersonalization` per event. Without a
 * setting, chatref states `ad_user_data: granted` (the conversion of a visitor who came from the
 * ad and wrote to the business is the measurement the site owner runs ads for; the site's
 * privacy notice must cover it) and `ad_personalization: denied` (a chat is no consent to
 * remarketing). A site whose visitors did not consent sets `ad_user_data: denied`: the hashed
 * phone is then never sent (google-ads.ts). These settings cap the lead's own Consent Mode state
 * (read-model/ad-consent.ts): Google is told `granted` only where both say so.
 */
import { z } from "zod";
import { clearable, currency, digits, endpoint, value } from "./config-fields";
import { googleCredentials } from "./google-credentials";

/** A Google Ads customer id: 10 digits, hyphens (as the Ads UI shows it) dropped. */
const customerId = (what: string) =>
  z
    .string()
    .trim()
    .max(16)
    .transform((s) => s.replace(/-/g, ""))
    .pipe(z.string().regex(/^\d{10}$/, `${what}: a 10-digit Google Ads customer id`))
    .describe("a Google Ads customer id, 10 digits (`123-456-7890` is accepted)");

const consent = z.enum(["granted", "denied"]);

export const googleAdsShape = {
  /** The Ads account the conversions belong to (`operatingAccount`). */
  customer_id: customerId("customer_id"),
  /** The conversion action (`productDestinationId`). */
  conversion_action_id: digits("conversion_action_id").describe(
    "the conversion action's id (Data Manager `productDestinationId`)",
  ),
  /** A manager account the credential acts through (`loginAccount`). */
  login_customer_id: customerId("login_customer_id").optional(),
  /** Replaces https://datamanager.googleapis.com/v1 (tests: a local fake). */
  endpoint: endpoint.optional(),
  /** Replaces https://oauth2.googleapis.com/token (tests: a local fake). */
  token_endpoint: endpoint.optional(),
  /** Test mode: Google validates the request (`validateOnly`) and records nothing. */
  validate_only: z
    .boolean()
    .default(false)
    .describe("test mode: sends `validateOnly: true`, Google checks and records nothing"),
  value: value.optional(),
  currency: currency.optional(),
  ad_user_data: consent.default("granted"),
  ad_personalization: consent.default("denied"),
};

/** `PATCH` fields of a `google_ads` destination (besides name and disabled). */
export const googleAdsUpdate = {
  credentials: googleCredentials.optional(),
  customer_id: googleAdsShape.customer_id.optional(),
  conversion_action_id: googleAdsShape.conversion_action_id.optional(),
  login_customer_id: clearable(customerId("login_customer_id")),
  endpoint: clearable(endpoint),
  token_endpoint: clearable(endpoint),
  validate_only: clearable(z.boolean()),
  value: clearable(value),
  currency: clearable(currency),
  ad_user_data: clearable(consent),
  ad_personalization: clearable(consent),
};
