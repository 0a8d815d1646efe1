/** The site and API key JSON of the admin API. A key's secret or hash never appears here. */
import { REF_ALPHABET } from "../../widget/protocol/ref-codec";
import type { apiKeys } from "../db/schema";
import type { Site } from "../db/sites";
import { parseOrigins } from "../ingest/origin";

export interface SiteJson {
  id: string;
  /** Public key of the script tag's `data-site`. */
  key: string;
  name: string;
  wa_number: string;
  phone_number_id: string;
  allowed_origins: string[];
  waba_id: string | null;
  /** Extra consent keywords (null: the built-in lists only). */
  consent_keywords: { opt_out: string[]; opt_in: string[] } | null;
  /** Days an unmatched click is kept; null means the default (90). */
  click_retention_days: number | null;
  /** IANA time zone of the site's stats. */
  timezone: string;
  created_at: string;
}

export function toSiteJson(site: Site): SiteJson {
  return {
    id: site.id,
    key: site.key,
    name: site.name,
    wa_number: site.waNumber,
    phone_number_id: site.phoneNumberId,
    allowed_origins: parseOrigins(site.allowedOrigins),
    waba_id: site.wabaId,
    consent_keywords: parseKeywords(site.consentKeywords),
    click_retention_days: site.clickRetentionDays,
    timezone: site.timezone,
    created_at: new Date(site.createdAt).toISOString(),
  };
}

function parseKeywords(json: string | null): SiteJson["consent_keywords"] {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as { opt_out?: unknown; opt_in?: unknown };
    const list = (x: unknown) =>
      Array.isArray(x) ? x.filter((s): s is string => typeof s === "string") : [];
    return { opt_out: list(v.opt_out), opt_in: list(v.opt_in) };
  } catch {
    return null;
  }
}

type ApiKeyRow = Pick<
  typeof apiKeys.$inferSelect,
  "id" | "name" | "prefix" | "createdAt" | "revokedAt"
>;

export interface ApiKeyJson {
  id: string;
  name: string;
  /** The key's first characters, to recognise it; null for keys made outside the admin API. */
  prefix: string | null;
  created_at: string;
  revoked_at: string | null;
}

export function toApiKeyJson(row: ApiKeyRow): ApiKeyJson {
  return {
    id: row.id,
    name: row.name,
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
