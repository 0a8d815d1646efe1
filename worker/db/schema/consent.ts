/** Consent: the opt-in texts shown and the append-only consent ledger. */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { autoId, requiredEnum, requiredInt, requiredText, siteId } from "./columns";
import { contactRef } from "./contacts";
import { CONSENT_SOURCES, CONSENT_STATUSES } from "./enums";

/** The exact opt-in texts the widget showed, by version id (a hash of the text), per site. */
export const consentTexts = sqliteTable(
  "consent_texts",
  {
    siteId: siteId(),
    version: requiredText("version"),
    text: requiredText("text"),
    lang: text("lang"),
    firstSeenAt: requiredInt("first_seen_at"),
    /** When the text was registered (it then verifies opt-ins); null: only seen in beacons. */
    registeredAt: integer("registered_at"),
    /** Who registered it: `admin` (the consent-texts API) or `builtin` (the widget's own text). */
    registeredBy: text("registered_by", { enum: ["admin", "builtin"] }),
  },
  (t) => [uniqueIndex("consent_texts_site_version_unique").on(t.siteId, t.version)],
);

/**
 * The consent ledger: append-only, one row per opt-in/opt-out event with its evidence.
 * UNIQUE(site, dedupe_key) makes every source idempotent (`widget:<click id>`,
 * `msg:<provider message id>`, `pref:<contact id>:<timestamp>:<value>`).
 */
export const consentEvents = sqliteTable(
  "consent_events",
  {
    id: autoId(),
    siteId: siteId(),
    contactId: contactRef(),
    status: requiredEnum("status", CONSENT_STATUSES),
    source: requiredEnum("source", CONSENT_SOURCES),
    dedupeKey: requiredText("dedupe_key"),
    /** When the person acted (click time, message time, preference timestamp), ms. */
    occurredAt: requiredInt("occurred_at"),
    recordedAt: requiredInt("recorded_at"),
    /** Evidence: the opt-in text version (widget). */
    textVersion: text("text_version"),
    /** Evidence: the keyword or button payload matched, or Meta's `detail`. */
    evidence: text("evidence"),
    pageUrl: text("page_url"),
    ref: text("ref"),
    /** The provider message id (keyword, button). */
    messageId: text("message_id"),
    /**
     * 0: a widget opt-in whose text is not registered for the site — kept, but the status ignores
     * it until the text is registered (migration 0016's triggers).
     */
    verified: integer("verified", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [
    uniqueIndex("consent_events_site_dedupe_unique").on(t.siteId, t.dedupeKey),
    index("consent_events_unverified_idx")
      .on(t.siteId, t.textVersion)
      .where(sql`${t.verified} = 0`),
    index("consent_events_contact_idx").on(t.contactId, t.occurredAt),
    index("consent_events_site_occurred_idx").on(t.siteId, t.occurredAt),
  ],
);
