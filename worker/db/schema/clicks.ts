/** Campaign links and the clicks (beacons and scans) that carry a visit's touch. */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  CHANNELS,
  CONSENT_STATES,
  CONSENT_TYPES,
  type ConsentBeacon,
  type ConsentState,
  PLACEMENTS,
} from "../../../widget/protocol/click-beacon";
import { createdAt, siteId, timestamps, touchColumns } from "./columns";
import { contacts } from "./contacts";
import { OPTIN_STATES } from "./enums";
import { jsonText } from "./json-text";

/**
 * A stored click consent as far as it is well formed (a decoder for `jsonText`): only the
 * Consent Mode types with a `granted` / `denied` value; null when none is left.
 */
export function consentBeacon(value: unknown): ConsentBeacon | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const out: ConsentBeacon = {};
  for (const type of CONSENT_TYPES) {
    const state = (value as Record<string, unknown>)[type];
    if (CONSENT_STATES.includes(state as ConsentState)) out[type] = state as ConsentState;
  }
  return Object.keys(out).length ? out : null;
}

/** Campaign links for print and offline: `/r/<code>` records a scan and opens the chat. */
export const links = sqliteTable(
  "links",
  {
    id: text("id").primaryKey(),
    siteId: siteId(),
    /** The short code in `/r/<code>`. */
    code: text("code").notNull().unique("links_code_unique"),
    name: text("name").notNull(),
    utmSource: text("utm_source"),
    utmMedium: text("utm_medium"),
    utmCampaign: text("utm_campaign"),
    utmTerm: text("utm_term"),
    utmContent: text("utm_content"),
    /** Prefilled message template (`{ref}` marks the code); the language's default when null. */
    message: text("message"),
    /** Language of the default message; the scanning phone's when null. */
    lang: text("lang"),
    ...timestamps(),
    disabledAt: integer("disabled_at"),
  },
  (t) => [index("links_site_created_idx").on(t.siteId, t.createdAt, t.id)],
);

/** One row per ref: the visit's touch at the moment the chat was opened. */
export const clicks = sqliteTable(
  "clicks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: siteId(),
    ref: text("ref").notNull(),
    placement: text("placement", { enum: PLACEMENTS }).notNull(),
    /**
     * The chat app the visitor opened (the beacon's `channel`). Named chat_app because `channel`
     * below is the GA4 channel group of the touch (reporting), which the stats already read.
     */
    chatApp: text("chat_app", { enum: CHANNELS }).notNull().default("whatsapp"),
    pageUrl: text("page_url"),
    lang: text("lang"),
    ...touchColumns(),
    /** The visitor's first touch (JSON), when it differs from this one. */
    firstTouch: text("first_touch"),
    /** GA4 session ids by stream at click time (JSON `{"ABC123":"1732000000"}`, ≤ 4), from `_ga_<STREAM>`. */
    gaSessions: text("ga_sessions"),
    /**
     * The visitor's Google Consent Mode state at click time (JSON of the types the page set,
     * `{"ad_user_data":"denied"}`); null when the page set none. One column, one bound value on
     * the click insert (the hot path). Read through read-model/ad-consent.ts.
     */
    consent: jsonText("consent", consentBeacon),
    /** The campaign link scanned, for placement "link". */
    linkId: text("link_id").references(() => links.id),
    /** mobile | tablet | desktop, from the User-Agent (scans). */
    deviceClass: text("device_class"),
    /** ISO country of the request (scans; Cloudflare's request.cf.country). */
    country: text("country"),
    /** The widget's opt-in checkbox when the chat opened: granted | declined; null when not shown. */
    optinState: text("optin_state", { enum: OPTIN_STATES }),
    /** Version id of the opt-in text shown (consent_texts). */
    optinVersion: text("optin_version"),
    /** Derived at insert (reporting/click-dimensions.ts): GA4 source, medium, channel group. */
    source: text("source"),
    medium: text("medium"),
    channel: text("channel"),
    /** Derived at insert: host + path of the landing URL, without the query. */
    landingPage: text("landing_page"),
    createdAt: createdAt(),
    /** Set once, when the ref is matched into a contact's lead. */
    contactId: integer("contact_id").references(() => contacts.id),
    matchedAt: integer("matched_at"),
    /**
     * The WhatsApp number the chat was opened to (digits; the beacon's `number`, a scan's site
     * number): only a message received on it attributes the ref. Null from older widgets.
     */
    number: text("number"),
    /** The agent's name as configured on the widget (the beacon's `agent`), when it lists agents. */
    agent: text("agent"),
  },
  (t) => [
    uniqueIndex("clicks_site_ref_unique").on(t.siteId, t.ref),
    index("clicks_site_created_idx").on(t.siteId, t.createdAt),
    index("clicks_link_idx").on(t.linkId),
    index("clicks_contact_idx").on(t.contactId),
    // The open clicks of a time range, read once per ref-less first message (the inference).
    index("clicks_site_open_idx").on(t.siteId, t.createdAt).where(sql`contact_id is null`),
    // Covers every stats query on clicks (KPIs, series, each breakdown, filters) without
    // touching the wide table rows: a range scan on (site_id, created_at).
    index("clicks_site_created_stats_idx").on(
      t.siteId,
      t.createdAt,
      t.placement,
      t.channel,
      t.source,
      t.medium,
      t.utmCampaign,
      t.landingPage,
      t.linkId,
      t.chatApp,
    ),
  ],
);
