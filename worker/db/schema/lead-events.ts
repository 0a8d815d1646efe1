/** What happened after the conversation: a lead qualified, bought, was refunded or was lost. */
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  createdAt,
  requiredEnum,
  requiredInt,
  requiredText,
  requiredTextRef,
  siteId,
  textId,
} from "./columns";
import { SALE_EVENT_TYPES } from "./enums";
import { leads } from "./messages";

/**
 * One row per (lead, type, external id): the CRM's own id for the deal or order, so sending an
 * event again changes nothing, while repeat orders (other external ids) are rows of their own.
 */
export const leadEvents = sqliteTable(
  "lead_events",
  {
    id: textId(),
    siteId: siteId(),
    leadId: requiredTextRef("lead_id", () => leads.id),
    type: requiredEnum("type", SALE_EVENT_TYPES),
    /** The CRM's id of the deal or order; the type itself when none was given. */
    externalId: requiredText("external_id"),
    /** The amount in millionths of the currency unit (exact sums in SQL), or null. */
    valueMicros: integer("value_micros"),
    /** ISO 4217 code, with a value only. */
    currency: text("currency"),
    /** When it happened, as the caller says (ms); defaults to when it was received. */
    occurredAt: requiredInt("occurred_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("lead_events_lead_type_external_unique").on(t.leadId, t.type, t.externalId),
    // Covering what the stats read of an event in a period (migrations/0028): revenue in other
    // currencies reads no table row.
    index("lead_events_site_occurred_idx").on(
      t.siteId,
      t.occurredAt,
      t.type,
      t.currency,
      t.valueMicros,
      t.leadId,
      t.id,
    ),
  ],
);
