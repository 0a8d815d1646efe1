/** The site itself: a business WhatsApp number and where its beacons may come from. */
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { CONSENT_STATES } from "../../../widget/protocol/click-beacon";
import { INFERENCE_MODES } from "./enums";
import { jsonText, stringList } from "./json-text";

/** A site's own consent keywords, added to the defaults (worker/consent/keywords.ts). */
export interface SiteKeywords {
  opt_out: string[];
  opt_in: string[];
}

/** Stored keywords as far as they are well formed; null (defaults only) when not an object. */
export function siteKeywords(value: unknown): SiteKeywords | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as { opt_out?: unknown; opt_in?: unknown };
  return { opt_out: stringList(v.opt_out), opt_in: stringList(v.opt_in) };
}

/** A business WhatsApp number and the web origins allowed to send its click beacons. */
export const sites = sqliteTable("sites", {
  id: text("id").primaryKey(),
  /** Public key used in the script tag's `data-site`. */
  key: text("key").notNull().unique("sites_key_unique"),
  name: text("name").notNull(),
  /** Business number, digits only (as in wa.me links). */
  waNumber: text("wa_number").notNull(),
  /** Graph id of the number; routes webhooks to the site. */
  phoneNumberId: text("phone_number_id").notNull().unique("sites_phone_number_id_unique"),
  /** JSON array of origins, `*` allowed in the host's first label or as the port; malformed: none. */
  allowedOrigins: jsonText("allowed_origins", stringList).notNull().default([]),
  /** WhatsApp Business Account id of the number; Meta CAPI business-messaging events need it. */
  wabaId: text("waba_id"),
  /** Consent keywords added to the defaults: JSON `{ "opt_out": [], "opt_in": [] }`; malformed: null. */
  consentKeywords: jsonText("consent_keywords", siteKeywords),
  /** Days an unmatched click is kept (retention job); the default (90) when null. */
  clickRetentionDays: integer("click_retention_days"),
  /** IANA time zone the site's stats count days in (the rollup's `day`); see site_tz_offsets. */
  timezone: text("timezone").notNull().default("UTC"),
  /**
   * ISO 4217 code the stats' revenue is in: sale events in other currencies are reported apart
   * (`kpis.revenue_other`), never summed with it. Changing it recomputes the rollup's revenue.
   */
  currency: text("currency").notNull().default("USD"),
  /** Click beacons and scans a minute per client (worker/http/rate-limit.ts CLICK_RATE_LIMITS). */
  clickRateLimit: integer("click_rate_limit").notNull().default(60),
  /**
   * A lead's Consent Mode state where its click says nothing (or it has no click): `granted`
   * (what existing sites did) or `denied` (EEA visitors without a consent banner); a
   * destination's own `consent_default` overrides it (read-model/ad-consent.ts).
   */
  consentDefault: text("consent_default", { enum: CONSENT_STATES }).notNull().default("granted"),
  /**
   * Whether a first message without its ref may be attributed to a recent click, labelled
   * `inferred` (attribution/infer-score.ts): `on` (default) or `off` (migration 0027).
   */
  inference: text("inference", { enum: INFERENCE_MODES }).notNull().default("on"),
  createdAt: integer("created_at").notNull(),
});
