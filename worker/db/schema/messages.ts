/** The inbound write path's rows: raw deliveries, messages, the leads they made and their touches. */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { clicks } from "./clicks";
import {
  ctwaColumns,
  requiredEnum,
  requiredTextRef,
  siteId,
  sweepColumns,
  timestamps,
} from "./columns";
import { contactRef, contacts } from "./contacts";
import { ATTRIBUTIONS, CHANNELS, PROVIDERS, TOUCH_KINDS } from "./enums";
import { jsonText, stringList } from "./json-text";

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
    /** The cron retry's state (worker/inbound/retry-deliveries.ts). */
    ...sweepColumns(),
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

/** Inbound messages, unique per provider message id (the de-duplication key). */
export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    provider: text("provider").notNull(),
    providerMessageId: text("provider_message_id").notNull(),
    siteId: siteId(),
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
    // A site's last webhook time (GET /api/v1/setup, migration 0022).
    index("messages_site_received_idx").on(t.siteId, t.receivedAt),
  ],
);

/** Why a lead's click was inferred, as stored. */
export interface LeadInference {
  score: number;
  reasons: string[];
}

/** A stored inference as far as it is well formed (a decoder for `jsonText`); null otherwise. */
export function leadInference(value: unknown): LeadInference | null {
  if (!value || typeof value !== "object") return null;
  const { score, reasons } = value as Record<string, unknown>;
  if (typeof score !== "number") return null;
  return { score, reasons: stringList(reasons) };
}

/** One lead per contact and site; its attribution is that of the contact's first message. */
export const leads = sqliteTable(
  "leads",
  {
    id: text("id").primaryKey(),
    siteId: siteId(),
    contactId: contactRef(),
    attribution: requiredEnum("attribution", ATTRIBUTIONS),
    clickId: integer("click_id").references(() => clicks.id),
    ...ctwaColumns(),
    firstMessageId: text("first_message_id").notNull(),
    firstMessageAt: integer("first_message_at").notNull(),
    ...timestamps(),
    /** The chat app and provider of the first message. */
    chatApp: text("chat_app", { enum: CHANNELS }).notNull().default("whatsapp"),
    provider: text("provider", { enum: PROVIDERS }).notNull().default("whatsapp"),
    /**
     * Why the click was inferred (JSON `{ "score", "reasons" }`, attribution/infer-score.ts);
     * null unless attribution is `inferred` (migration 0027).
     */
    inference: jsonText("inference", leadInference),
  },
  (t) => [
    uniqueIndex("leads_site_contact_unique").on(t.siteId, t.contactId),
    index("leads_site_created_idx").on(t.siteId, t.createdAt, t.id),
    index("leads_site_updated_idx").on(t.siteId, t.updatedAt, t.id),
    index("leads_click_idx").on(t.clickId),
    // Covers the stats scan of leads (attribution, click_id, chat_app and, for the last touch, id).
    index("leads_site_created_stats_idx").on(
      t.siteId,
      t.createdAt,
      t.attribution,
      t.clickId,
      t.id,
      t.chatApp,
    ),
  ],
);

/** Every matched ref or ad referral of a lead, so first and last touch are both reportable. */
export const touches = sqliteTable(
  "touches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: siteId(),
    leadId: requiredTextRef("lead_id", () => leads.id),
    kind: requiredEnum("kind", TOUCH_KINDS),
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
