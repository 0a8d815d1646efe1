/**
 * The D1 schema. camelCase here, snake_case in SQL; times are Unix milliseconds.
 * "Exactly one" business rules are UNIQUE constraints, so writes use ON CONFLICT instead of
 * reads before writes. Migrations are generated from this file: `npm run db:generate`.
 */
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { PLACEMENTS } from "../../widget/protocol/click-beacon";

export const ATTRIBUTIONS = ["ref", "ctwa", "none"] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];
export const TOUCH_KINDS = ["ref", "ctwa"] as const;
/** The widget's opt-in checkbox state carried by a click. */
export const OPTIN_STATES = ["granted", "declined"] as const;
/** A contact's marketing consent. */
export const CONSENT_STATUSES = ["opted_in", "opted_out"] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
/** What an API key may do: `read` answers every GET, `full` everything (api/api-route.ts). */
export const API_KEY_SCOPES = ["read", "full"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
/** Where a consent event came from. */
export const CONSENT_SOURCES = ["widget", "keyword", "button", "user_preferences"] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

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
  /** WhatsApp Business Account id of the number; Meta CAPI business-messaging events need it. */
  wabaId: text("waba_id"),
  /** Consent keywords added to the defaults (worker/consent/keywords.ts): JSON `{ "opt_out": [], "opt_in": [] }`. */
  consentKeywords: text("consent_keywords"),
  /** Days an unmatched click is kept (retention job); the default (90) when null. */
  clickRetentionDays: integer("click_retention_days"),
  /** IANA time zone the site's stats count days in (the rollup's `day`); see site_tz_offsets. */
  timezone: text("timezone").notNull().default("UTC"),
  /** Click beacons and scans a minute per client (worker/http/rate-limit.ts CLICK_RATE_LIMITS). */
  clickRateLimit: integer("click_rate_limit").notNull().default(60),
  createdAt: integer("created_at").notNull(),
});

/**
 * The UTC offsets of a site's time zone (worker/reporting/time-zone.ts): `offset_ms` holds from
 * `starts_at` until the next row's. No rows: UTC. The rollup triggers read the offset of each
 * event's instant here to count it on the site's local day. WITHOUT ROWID (added by hand).
 */
export const siteTzOffsets = sqliteTable(
  "site_tz_offsets",
  {
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    startsAt: integer("starts_at").notNull(),
    offsetMs: integer("offset_ms").notNull(),
  },
  (t) => [primaryKey({ name: "site_tz_offsets_pk", columns: [t.siteId, t.startsAt] })],
);

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
    /** The key's first characters (e.g. `crk_AB12`), shown so a person can recognise it; null for keys made before. */
    prefix: text("prefix"),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
    /** `read` (every GET) or `full` (everything); keys older than scopes are `full` (0014). */
    scope: text("scope", { enum: API_KEY_SCOPES }).notNull().default("full"),
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
    /** GA4 session ids by stream at click time (JSON `{"ABC123":"1732000000"}`, ≤ 4), from `_ga_<STREAM>`. */
    gaSessions: text("ga_sessions"),
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
    createdAt: integer("created_at").notNull(),
    /** Set once, when the ref is matched into a contact's lead. */
    contactId: integer("contact_id").references(() => contacts.id),
    matchedAt: integer("matched_at"),
  },
  (t) => [
    uniqueIndex("clicks_site_ref_unique").on(t.siteId, t.ref),
    index("clicks_site_created_idx").on(t.siteId, t.createdAt),
    index("clicks_link_idx").on(t.linkId),
    index("clicks_contact_idx").on(t.contactId),
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
    ),
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
    /** Sweep attempts so far (worker/inbound/retry-deliveries.ts). */
    attempts: integer("attempts").notNull().default(0),
    /** The sweep leaves the delivery alone until then (backoff). */
    nextAttemptAt: integer("next_attempt_at"),
    /** Set aside after the last attempt failed: the sweep no longer tries it. */
    failedAt: integer("failed_at"),
    /** SHA-256 of the body (hex): a replayed body is stored once per provider. */
    bodySha256: text("body_sha256"),
  },
  (t) => [
    index("deliveries_unprocessed_idx").on(t.processedAt, t.receivedAt),
    uniqueIndex("deliveries_provider_body_unique").on(t.provider, t.bodySha256),
    index("deliveries_pending_idx")
      .on(t.attempts, t.receivedAt)
      .where(sql`${t.processedAt} is null and ${t.failedAt} is null`),
  ],
);

/**
 * People who wrote to a site's number: one row per person, whatever identifiers the channel sends
 * (contact_identities maps each to the row). The identifiers below are the current ones, shown
 * in the API; any may be null (a WhatsApp username user's phone is withheld).
 */
export const contacts = sqliteTable(
  "contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    /** WhatsApp phone number (digits), when known. */
    waId: text("wa_id"),
    /** WhatsApp business-scoped user id (BSUID, `US.1349…`), when sent. */
    userId: text("user_id"),
    /** Parent BSUID of managed businesses (`US.ENT.…`). */
    parentUserId: text("parent_user_id"),
    /** WhatsApp username, when the person adopted one. */
    username: text("username"),
    name: text("name"),
    firstSeenAt: integer("first_seen_at").notNull(),
    /** Sent time of the last inbound message; 0 when the contact has only sent preferences. */
    lastInboundAt: integer("last_inbound_at").notNull(),
    /** The id the API shows (`ct_` + 16 hex), random so it reveals neither phone nor counts. */
    publicId: text("public_id"),
    /** Current marketing consent, from the ledger: latest event time wins, opt-out wins a tie. */
    marketingStatus: text("marketing_status", { enum: CONSENT_STATUSES }),
    marketingStatusAt: integer("marketing_status_at"),
    /** Set when the contact's personal data was erased (DELETE /api/v1/contacts/:id). */
    erasedAt: integer("erased_at"),
  },
  (t) => [
    uniqueIndex("contacts_public_id_unique").on(t.publicId),
    index("contacts_site_status_idx").on(t.siteId, t.marketingStatus, t.marketingStatusAt),
  ],
);

/** Identifier kinds: WhatsApp BSUID (current or an alias kept after a change) and phone. */
export const IDENTITY_KINDS = ["wa_user", "wa_phone"] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/**
 * Every identifier of a person, per site → the one contact. New channels add kinds (text), not
 * migrations. The primary key is the look-up every inbound message makes. WITHOUT ROWID (by hand).
 */
export const contactIdentities = sqliteTable(
  "contact_identities",
  {
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    kind: text("kind").notNull(),
    value: text("value").notNull(),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ name: "contact_identities_pk", columns: [t.siteId, t.kind, t.value] }),
    index("contact_identities_contact_idx").on(t.contactId),
  ],
);

/**
 * Two contacts a payload proved to be one person (worker/identity/merge.ts): written pending in
 * the message's batch, merged in a batch of its own, kept as the merge's audit. The identifiers
 * that proved it are cleared once merged; the public ids stay.
 */
export const contactMerges = sqliteTable(
  "contact_merges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    /** What proved it: `message` (phone + BSUID together) or an identity change's type. */
    reason: text("reason").notNull(),
    kindA: text("kind_a").notNull(),
    valueA: text("value_a"),
    kindB: text("kind_b").notNull(),
    valueB: text("value_b"),
    winnerId: integer("winner_id"),
    loserId: integer("loser_id"),
    winnerPublicId: text("winner_public_id"),
    loserPublicId: text("loser_public_id"),
    createdAt: integer("created_at").notNull(),
    completedAt: integer("completed_at"),
  },
  (t) => [
    uniqueIndex("contact_merges_pending_unique")
      .on(t.siteId, t.kindA, t.valueA, t.kindB, t.valueB)
      .where(sql`completed_at is null`),
    index("contact_merges_site_created_idx").on(t.siteId, t.createdAt),
  ],
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
    index("leads_site_updated_idx").on(t.siteId, t.updatedAt, t.id),
    index("leads_click_idx").on(t.clickId),
    // Covers the stats scan of leads (attribution, click_id and, for the last touch, id).
    index("leads_site_created_stats_idx").on(t.siteId, t.createdAt, t.attribution, t.clickId, t.id),
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

/**
 * Daily stats rollup, one row per (site, local day in the site's time zone, dimension tuple: placement, channel, source,
 * medium, campaign, landing page, link, attribution), kept current by SQLite triggers on clicks,
 * leads and touches with one upsert per event (migrations/0010_stats_rollup_tuple.sql; the SQL is
 * generated by worker/reporting/rollup-triggers.ts). A breakdown groups the day range by one
 * column. Conversations are counted twice: by the lead's first touch and by its latest touch.
 * Read by reporting/stats-query.ts.
 */
export const statsDailyTuples = sqliteTable(
  "stats_daily_tuples",
  {
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    /** Local days since 1970-01-01 in the site's time zone (UTC by default). */
    day: integer("day").notNull(),
    // The touch's dimension tuple; '' stands for null (NULLs would be distinct in the key).
    placement: text("placement").notNull(),
    channel: text("channel").notNull(),
    source: text("source").notNull(),
    medium: text("medium").notNull(),
    campaign: text("campaign").notNull(),
    landingPage: text("landing_page").notNull(),
    linkId: text("link_id").notNull(),
    attribution: text("attribution").notNull(),
    chat: integer("chat").notNull().default(0),
    scans: integer("scans").notNull().default(0),
    convFirst: integer("conv_first").notNull().default(0),
    convLast: integer("conv_last").notNull().default(0),
  },
  // The primary key is the upsert target and, the table being WITHOUT ROWID (added to the
  // migration by hand: drizzle cannot say it), the covering index of every rollup query.
  (t) => [
    primaryKey({
      name: "stats_daily_tuples_pk",
      columns: [
        t.siteId,
        t.day,
        t.placement,
        t.channel,
        t.source,
        t.medium,
        t.campaign,
        t.landingPage,
        t.linkId,
        t.attribution,
      ],
    }),
  ],
);

/** Where a site's leads are forwarded: GA4 Measurement Protocol, Meta Conversions API, webhooks. */
export const DESTINATION_KINDS = ["ga4", "meta_capi", "webhook"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];
/** The lead events a destination can take (GA4 and Meta take lead.created only). */
export const LEAD_EVENTS = ["lead.created", "lead.updated"] as const;
export type LeadEvent = (typeof LEAD_EVENTS)[number];
/**
 * An outbox row's life: pending (waiting for its first attempt) → sent, or retrying (an attempt
 * failed; next_attempt_at says when the next one runs) → sent | dead (gave up); skipped when the
 * destination cannot take this lead (the reason is in last_error).
 */
export const OUTBOX_STATUSES = ["pending", "retrying", "sent", "skipped", "dead"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A forwarding destination of one site. Its credential is stored encrypted, never returned. */
export const destinations = sqliteTable(
  "destinations",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    kind: text("kind", { enum: DESTINATION_KINDS }).notNull(),
    name: text("name").notNull(),
    /** The LEAD_EVENTS it takes, space-separated. */
    events: text("events").notNull(),
    /** Non-secret settings as JSON (shape per kind: forward/destination-config.ts). */
    config: text("config").notNull(),
    /** The credential (api_secret, access_token or signing secret), sealed by forward/secrets.ts. */
    secret: text("secret").notNull(),
    /** Its last four characters, so keys can be told apart. */
    secretHint: text("secret_hint").notNull(),
    /**
     * A webhook's signing secret before its last rotation, sealed like `secret`: deliveries are
     * signed with both until `previous_secret_until`, so receivers can switch without a gap.
     */
    previousSecret: text("previous_secret"),
    previousSecretUntil: integer("previous_secret_until"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    disabledAt: integer("disabled_at"),
  },
  (t) => [index("destinations_site_created_idx").on(t.siteId, t.createdAt, t.id)],
);

/**
 * The transactional outbox: one row per (destination, lead event), written in the same D1 batch
 * as the lead and delivered by the forward queue. UNIQUE(destination, event_id) makes the write
 * idempotent and gives receivers a stable event id.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    destinationId: text("destination_id")
      .notNull()
      .references(() => destinations.id),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.id),
    event: text("event", { enum: LEAD_EVENTS }).notNull(),
    /** Stable per lead event: Meta's event_id, the webhook-id. */
    eventId: text("event_id").notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull(),
    /** Requests made so far. */
    attempts: integer("attempts").notNull(),
    /** The row turns dead when a failed attempt reaches this many. */
    maxAttempts: integer("max_attempts").notNull(),
    /** When the next attempt is due; null once the row is final. */
    nextAttemptAt: integer("next_attempt_at"),
    /** A consumer holds the row until then (at most one sender at a time). */
    leaseUntil: integer("lease_until"),
    lastError: text("last_error"),
    /** HTTP status of the last response, null when there was none (timeout, refused, skipped). */
    responseStatus: integer("response_status"),
    /** The body sent (kept from the first attempt, so retries send the same bytes). */
    payload: text("payload"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    lastAttemptAt: integer("last_attempt_at"),
    sentAt: integer("sent_at"),
  },
  (t) => [
    uniqueIndex("outbox_destination_event_unique").on(t.destinationId, t.eventId),
    index("outbox_site_created_idx").on(t.siteId, t.createdAt, t.id),
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_lead_idx").on(t.leadId),
  ],
);

/** The exact opt-in texts the widget showed, by version id (a hash of the text), per site. */
export const consentTexts = sqliteTable(
  "consent_texts",
  {
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    version: text("version").notNull(),
    text: text("text").notNull(),
    lang: text("lang"),
    firstSeenAt: integer("first_seen_at").notNull(),
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
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    status: text("status", { enum: CONSENT_STATUSES }).notNull(),
    source: text("source", { enum: CONSENT_SOURCES }).notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    /** When the person acted (click time, message time, preference timestamp), ms. */
    occurredAt: integer("occurred_at").notNull(),
    recordedAt: integer("recorded_at").notNull(),
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

/** Who did what to personal data (erasure), kept without the data itself. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    action: text("action").notNull(),
    /** The object acted on (a contact's public id). */
    target: text("target").notNull(),
    /** The API key id that asked. */
    actor: text("actor"),
    /** JSON counts of what changed. */
    detail: text("detail"),
    at: integer("at").notNull(),
  },
  (t) => [index("audit_log_site_at_idx").on(t.siteId, t.at)],
);
