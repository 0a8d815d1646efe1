/** Forwarding: destinations and the transactional outbox. */
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CONSENT_STATES } from "../../../widget/protocol/click-beacon";
import { requiredInt, requiredText, siteId, siteListIndex, textId, timestamps } from "./columns";
import { DESTINATION_KINDS, LEAD_EVENTS, OUTBOX_STATUSES } from "./enums";
import { leads } from "./messages";

/** A forwarding destination of one site. Its credential is stored encrypted, never returned. */
export const destinations = sqliteTable(
  "destinations",
  {
    id: textId(),
    siteId: siteId(),
    kind: text("kind", { enum: DESTINATION_KINDS }).notNull(),
    name: requiredText("name"),
    /** The LEAD_EVENTS it takes, space-separated. */
    events: requiredText("events"),
    /** Non-secret settings as JSON, (de)serialised by drizzle (shape per kind: forward/destination-config.ts). */
    config: text("config", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** The credential (api_secret, access_token or signing secret), sealed by forward/secrets.ts. */
    secret: requiredText("secret"),
    /** Its last four characters, so keys can be told apart. */
    secretHint: requiredText("secret_hint"),
    /**
     * A webhook's signing secret before its last rotation, sealed like `secret`: deliveries are
     * signed with both until `previous_secret_until`, so receivers can switch without a gap.
     */
    previousSecret: text("previous_secret"),
    previousSecretUntil: integer("previous_secret_until"),
    ...timestamps(),
    disabledAt: integer("disabled_at"),
    /** Overrides the site's `consent_default` for this destination; null = the site's. */
    consentDefault: text("consent_default", { enum: CONSENT_STATES }),
    /** Whether it also gets leads attributed by inference (default: exact leads only; 0027). */
    includeInferred: integer("include_inferred", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [siteListIndex("destinations", t)],
);

/**
 * The transactional outbox: one row per (destination, lead event), written in the same D1 batch
 * as the lead and delivered by the forward queue. UNIQUE(destination, event_id) makes the write
 * idempotent and gives receivers a stable event id.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: textId(),
    siteId: siteId(),
    destinationId: text("destination_id")
      .notNull()
      .references(() => destinations.id),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.id),
    event: text("event", { enum: LEAD_EVENTS }).notNull(),
    /** Stable per lead event: Meta's event_id, the webhook-id. */
    eventId: requiredText("event_id"),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull(),
    /** Requests made so far. */
    attempts: requiredInt("attempts"),
    /** The row turns dead when a failed attempt reaches this many. */
    maxAttempts: requiredInt("max_attempts"),
    /** When the next attempt is due; null once the row is final. */
    nextAttemptAt: integer("next_attempt_at"),
    /** A consumer holds the row until then (at most one sender at a time). */
    leaseUntil: integer("lease_until"),
    lastError: text("last_error"),
    /** HTTP status of the last response, null when there was none (timeout, refused, skipped). */
    responseStatus: integer("response_status"),
    /** The body sent (kept from the first attempt, so retries send the same bytes). */
    payload: text("payload"),
    ...timestamps(),
    lastAttemptAt: integer("last_attempt_at"),
    sentAt: integer("sent_at"),
  },
  (t) => [
    uniqueIndex("outbox_destination_event_unique").on(t.destinationId, t.eventId),
    siteListIndex("outbox", t),
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_lead_idx").on(t.leadId),
  ],
);
