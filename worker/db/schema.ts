/**
 * The D1 schema. camelCase here, snake_case in SQL; times are Unix milliseconds.
 * "Exactly one" business rules are UNIQUE constraints, so writes use ON CONFLICT instead of
 * reads before writes. Migrations are generated from this file: `npm run db:generate`.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { PLACEMENTS } from "../../widget/protocol/click-beacon";

export const ATTRIBUTIONS = ["ref", "ctwa", "none"] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];
export const TOUCH_KINDS = ["ref", "ctwa"] as const;

/** The touch columns a click carries (one per TOUCH_FIELDS entry). */
const touchColumns = {
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
};

/** Click-to-WhatsApp ad referral columns, shared by leads (first touch) and touches. */
const ctwaColumns = () => ({
  ctwaClid: text("ctwa_clid"),
  ctwaSourceId: text("ctwa_source_id"),
  ctwaSourceUrl: text("ctwa_source_url"),
  ctwaSourceType: text("ctwa_source_type"),
  ctwaHeadline: text("ctwa_headline"),
});

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
  /** JSON array of origins, `*` allowed in the host's first label or as the port. */
  allowedOrigins: text("allowed_origins").notNull().default("[]"),
  createdAt: integer("created_at").notNull(),
});

/** API keys, scoped to one site; only the SHA-256 of the key is stored. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull().unique("api_keys_key_hash_unique"),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("api_keys_site_idx").on(t.siteId)],
);

/** Campaign links for print and offline: `/r/<code>` records a scan and opens the chat. */
export const links = sqliteTable(
  "links",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
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
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    disabledAt: integer("disabled_at"),
  },
  (t) => [index("links_site_created_idx").on(t.siteId, t.createdAt, t.id)],
);

/** One row per ref: the visit's touch at the moment the chat was opened. */
export const clicks = sqliteTable(
  "clicks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    ref: text("ref").notNull(),
    placement: text("placement", { enum: PLACEMENTS }).notNull(),
    pageUrl: text("page_url"),
    lang: text("lang"),
    ...touchColumns,
    /** The visitor's first touch (JSON), when it differs from this one. */
    firstTouch: text("first_touch"),
    /** The campaign link scanned, for placement "link". */
    linkId: text("link_id").references(() => links.id),
    /** mobile | tablet | desktop, from the User-Agent (scans). */
    deviceClass: text("device_class"),
    /** ISO country of the request (scans; Cloudflare's request.cf.country). */
    country: text("country"),
    createdAt: integer("created_at").notNull(),
    /** Set once, when the ref is matched into a contact's lead. */
    contactId: integer("contact_id").references(() => contacts.id),
    matchedAt: integer("matched_at"),
  },
  (t) => [
    uniqueIndex("clicks_site_ref_unique").on(t.siteId, t.ref),
    index("clicks_site_created_idx").on(t.siteId, t.createdAt),
    index("clicks_link_idx").on(t.linkId),
  ],
);

/** Raw inbound webhook bodies, stored before anything else happens to them. */
export const deliveries = sqliteTable(
  "deliveries",
  {
    /** Assigned by the Worker (`dlv_…`), so one batch can store a delivery and what it produced. */
    id: text("id").primaryKey(),
    provider: text("provider").notNull(),
    body: text("body").notNull(),
    receivedAt: integer("received_at").notNull(),
    processedAt: integer("processed_at"),
    error: text("error"),
  },
  (t) => [index("deliveries_unprocessed_idx").on(t.processedAt, t.receivedAt)],
);

/** People who wrote to a site's number. */
export const contacts = sqliteTable(
  "contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    waId: text("wa_id").notNull(),
    name: text("name"),
    firstSeenAt: integer("first_seen_at").notNull(),
    lastInboundAt: integer("last_inbound_at").notNull(),
  },
  (t) => [uniqueIndex("contacts_site_wa_unique").on(t.siteId, t.waId)],
);

/** Inbound messages, unique per provider message id (the de-duplication key). */
export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    provider: text("provider").notNull(),
    providerMessageId: text("provider_message_id").notNull(),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    contactId: integer("contact_id").references(() => contacts.id),
    deliveryId: text("delivery_id").references(() => deliveries.id),
    type: text("type").notNull(),
    body: text("body"),
    sentAt: integer("sent_at").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [
    uniqueIndex("messages_provider_id_unique").on(t.provider, t.providerMessageId),
    index("messages_contact_idx").on(t.contactId, t.sentAt),
  ],
);

/** One lead per contact and site; its attribution is that of the contact's first message. */
export const leads = sqliteTable(
  "leads",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    attribution: text("attribution", { enum: ATTRIBUTIONS }).notNull(),
    clickId: integer("click_id").references(() => clicks.id),
    ...ctwaColumns(),
    firstMessageId: text("first_message_id").notNull(),
    firstMessageAt: integer("first_message_at").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("leads_site_contact_unique").on(t.siteId, t.contactId),
    index("leads_site_created_idx").on(t.siteId, t.createdAt, t.id),
    index("leads_click_idx").on(t.clickId),
  ],
);

/** Every matched ref or ad referral of a lead, so first and last touch are both reportable. */
export const touches = sqliteTable(
  "touches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.id),
    kind: text("kind", { enum: TOUCH_KINDS }).notNull(),
    clickId: integer("click_id").references(() => clicks.id),
    ...ctwaColumns(),
    messageId: text("message_id").notNull(),
    occurredAt: integer("occurred_at").notNull(),
  },
  (t) => [
    uniqueIndex("touches_message_unique").on(t.messageId),
    uniqueIndex("touches_lead_click_unique")
      .on(t.leadId, t.clickId)
      .where(sql`click_id is not null`),
    index("touches_lead_idx").on(t.leadId, t.occurredAt),
  ],
);
