/** The site and API key JSON of the admin API. A key's secret or hash never appears here. */

import { z } from "zod";
import { CONSENT_STATES } from "../../widget/protocol/click-beacon";
import { REF_ALPHABET } from "../../widget/protocol/ref-codec";
import { API_KEY_SCOPES, type apiKeys, INFERENCE_MODES } from "../db/schema";
import type { Site } from "../db/sites";
import { CLICK_RATE_LIMITS } from "../http/rate-limit";
import { isoInstant, nullableText, pageOf, text } from "../read-model/json-fields";

/** A Consent Mode default (a site's, or a destination's override): `granted` or `denied`. */
export const consentDefaultField = z.enum(CONSENT_STATES);
/** A site's inferred attribution: `on` or `off`. */
export const inferenceField = z.enum(INFERENCE_MODES);

export const siteSchema = z.strictObject({
  id: text,
  key: text.describe("the script tag's `data-site`"),
  name: text,
  wa_number: text,
  phone_number_id: text,
  allowed_origins: z.array(text),
  waba_id: nullableText,
  consent_keywords: z
    .strictObject({ opt_out: z.array(text), opt_in: z.array(text) })
    .nullable()
    .describe("extra consent keywords (null: the built-in lists only)"),
  click_retention_days: z
    .number()
    .int()
    .nullable()
    .describe("days an unmatched click is kept (null: 90)"),
  click_rate_limit: z
    .number()
    .int()
    .describe("click beacons and scans a minute per client and site (worker/http/rate-limit.ts)"),
  timezone: text.describe("IANA time zone of the site's stats (default UTC)"),
  currency: text.describe("ISO 4217 code of the stats' revenue (default USD)"),
  consent_default: consentDefaultField.describe(
    "a lead's Consent Mode state where its click says nothing (or it has no click): `granted` " +
      "(default) or `denied` (set it for EEA visitors without a consent banner); a lead whose " +
      "ad_user_data is denied never reaches an ad platform",
  ),
  inference: inferenceField.describe(
    "whether a first message that lost its ref may be attributed to a recent click, labelled " +
      "`inferred` (README, Inferred attribution): `on` (default) or `off`",
  ),
  created_at: isoInstant,
});
export type SiteJson = z.output<typeof siteSchema>;
export const sitePageSchema = pageOf(siteSchema);

export function toSiteJson(site: Site): SiteJson {
  return {
    id: site.id,
    key: site.key,
    name: site.name,
    wa_number: site.waNumber,
    phone_number_id: site.phoneNumberId,
    allowed_origins: site.allowedOrigins,
    waba_id: site.wabaId,
    consent_keywords: site.consentKeywords,
    click_retention_days: site.clickRetentionDays,
    click_rate_limit: site.clickRateLimit,
    timezone: site.timezone,
    currency: site.currency,
    consent_default: site.consentDefault,
    inference: site.inference,
    created_at: new Date(site.createdAt).toISOString(),
  };
}

/** The admin API's `click_rate_limit`: one of the tiers that has a binding. */
export const clickRateLimitField = z.literal(CLICK_RATE_LIMITS, {
  error: `must be one of ${CLICK_RATE_LIMITS.join(", ")} (a minute per client)`,
});

type ApiKeyRow = Pick<
  typeof apiKeys.$inferSelect,
  "id" | "name" | "scope" | "prefix" | "createdAt" | "revokedAt"
>;

export const apiKeySchema = z.strictObject({
  id: text,
  name: text,
  scope: z.enum(API_KEY_SCOPES).describe("`read`: every GET; `full`: everything"),
  prefix: nullableText.describe(
    "the key's first characters, to recognise it; null for keys made outside the admin API",
  ),
  created_at: isoInstant,
  revoked_at: isoInstant.nullable(),
});
export type ApiKeyJson = z.output<typeof apiKeySchema>;
export const apiKeyListSchema = z.strictObject({ data: z.array(apiKeySchema) });

export const apiKeyCreatedSchema = apiKeySchema.extend({
  key: text.describe("the API key, shown only in this answer"),
});
export const siteCreatedSchema = siteSchema.extend({ api_key: apiKeyCreatedSchema.nullable() });

export function toApiKeyJson(row: ApiKeyRow): ApiKeyJson {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    prefix: row.prefix,
    created_at: new Date(row.createdAt).toISOString(),
    revoked_at: row.revokedAt === null ? null : new Date(row.revokedAt).toISOString(),
  };
}

/** The key format: `crk_` + 32 Crockford base32 symbols (160 random bits). */
export const API_KEY_PATTERN = /^crk_[0-9A-HJKMNP-TV-Z]{32}$/;
/** How much of a key its `prefix` shows: `crk_` + 8 symbols (40 of the 160 bits). */
const PREFIX_LENGTH = 12;

/** Mints a new API key from `crypto.getRandomValues` and its displayable prefix. */
export function newApiKey(): { key: string; prefix: string } {
  let key = "crk_";
  // 256 is a multiple of 32, so `b & 31` is uniform.
  for (const b of crypto.getRandomValues(new Uint8Array(32))) key += REF_ALPHABET[b & 31];
  return { key, prefix: key.slice(0, PREFIX_LENGTH) };
}
