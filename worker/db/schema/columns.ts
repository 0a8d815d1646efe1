/**
 * Column blocks repeated across tables. Each helper returns fresh builders (drizzle binds a
 * builder to one table), and the spread keeps the columns' order in the generated SQL.
 */
import { type AnySQLiteColumn, index, integer, text } from "drizzle-orm/sqlite-core";
import { sites } from "./sites";

/** A row id minted by the Worker (worker/db/ids.ts): `id text PRIMARY KEY`. */
export const textId = () => text("id").primaryKey();

/** A row id SQLite assigns: `id integer PRIMARY KEY AUTOINCREMENT`. */
export const autoId = () => integer("id").primaryKey({ autoIncrement: true });

/** The owning site: `site_id text NOT NULL REFERENCES sites(id)`. */
export const siteId = () =>
  text("site_id")
    .notNull()
    .references(() => sites.id);

/** A required reference to another table's integer id: `<name> integer NOT NULL REFERENCES …`. */
export const requiredIntRef = (name: string, target: () => AnySQLiteColumn) =>
  integer(name).notNull().references(target);

/** A required reference to another table's text id: `<name> text NOT NULL REFERENCES …`. */
export const requiredTextRef = (name: string, target: () => AnySQLiteColumn) =>
  text(name).notNull().references(target);

/**
 * The index a site's newest-first pages read (api/cursor.ts keyset order):
 * `<table>_site_created_idx` on (site_id, created_at, id).
 */
export const siteListIndex = (
  table: string,
  t: { siteId: AnySQLiteColumn; createdAt: AnySQLiteColumn; id: AnySQLiteColumn },
) => index(`${table}_site_created_idx`).on(t.siteId, t.createdAt, t.id);

/** A required text column: `<name> text NOT NULL`. */
export const requiredText = (name: string) => text(name).notNull();

/** A required text column of a closed set (enums.ts): `<name> text NOT NULL`, typed as the set. */
export const requiredEnum = <const T extends Readonly<[string, ...string[]]>>(
  name: string,
  values: T,
) => text(name, { enum: values }).notNull();

/** A required integer column (a count, or Unix ms): `<name> integer NOT NULL`. */
export const requiredInt = (name: string) => integer(name).notNull();

/** `created_at`, Unix ms. */
export const createdAt = () => integer("created_at").notNull();

/** `created_at` and `updated_at`, Unix ms, in that order. */
export const timestamps = () => ({
  createdAt: createdAt(),
  updatedAt: integer("updated_at").notNull(),
});

/** The touch columns a click carries (one per TOUCH_FIELDS entry). */
export const touchColumns = () => ({
  utmSource: text("utm_source"),
  utmMedium: text("utm_medium"),
  utmCampaign: text("utm_campaign"),
  utmTerm: text("utm_term"),
  utmContent: text("utm_content"),
  gclid: text("gclid"),
  gbraid: text("gbraid"),
  wbraid: text("wbraid"),
  fbclid: text("fbclid"),
  ttclid: text("ttclid"),
  msclkid: text("msclkid"),
  yclid: text("yclid"),
  referrer: text("referrer"),
  landingUrl: text("landing_url"),
  gaClientId: text("ga_client_id"),
  fbp: text("fbp"),
  fbc: text("fbc"),
  /** Yandex Metrica's `_ym_uid` cookie: the visit's Metrica ClientId. */
  ymUid: text("ym_uid"),
});

/** Click-to-WhatsApp ad referral columns, shared by leads (first touch) and touches. */
export const ctwaColumns = () => ({
  ctwaClid: text("ctwa_clid"),
  ctwaSourceId: text("ctwa_source_id"),
  ctwaSourceUrl: text("ctwa_source_url"),
  ctwaSourceType: text("ctwa_source_type"),
  ctwaHeadline: text("ctwa_headline"),
});

/**
 * A stored row the cron sweep retries with backoff (raw deliveries): attempts so far, when the
 * next one is due, and when it was set aside after the last one failed.
 */
export const sweepColumns = () => ({
  attempts: integer("attempts").notNull().default(0),
  /** The sweep leaves the row alone until then (backoff). */
  nextAttemptAt: integer("next_attempt_at"),
  /** Set aside after the last attempt failed: the sweep no longer tries it. */
  failedAt: integer("failed_at"),
});
