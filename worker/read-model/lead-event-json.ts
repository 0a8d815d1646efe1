/**
 * A recorded sale event's JSON, below both the API and forwarding (an outbound webhook's `event`).
 */
import { z } from "zod";
import { type leadEvents, SALE_EVENT_TYPES } from "../db/schema";
import { isoInstant, nullableText, text } from "./json-fields";

/** A recorded sale event. */
export const leadEventSchema = z.strictObject({
  id: text,
  lead_id: text,
  type: z.enum(SALE_EVENT_TYPES),
  external_id: text,
  value: z.number().nullable(),
  currency: nullableText,
  occurred_at: isoInstant,
  created_at: isoInstant,
});
export type LeadEventJson = z.output<typeof leadEventSchema>;

/** A stored row → its JSON. */
export function toLeadEventJson(row: typeof leadEvents.$inferSelect): LeadEventJson {
  return {
    id: row.id,
    lead_id: row.leadId,
    type: row.type,
    external_id: row.externalId,
    value: row.valueMicros === null ? null : row.valueMicros / 1e6,
    currency: row.currency,
    occurred_at: new Date(row.occurredAt).toISOString(),
    created_at: new Date(row.createdAt).toISOString(),
  };
}
