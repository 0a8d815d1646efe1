/**
 * The delivery (outbox row) JSON's schemas — one delivery, a page, and the per-destination
 * summary: pure zod, no D1, so the dashboard can import their inferred types (type-only, zero
 * bytes). Serialized by delivery-json.ts and delivery-summary.ts.
 */
import { z } from "zod";
import { DESTINATION_KINDS, LEAD_EVENTS, OUTBOX_STATUSES } from "../db/schema";
import {
  count,
  isoInstant,
  nullableText,
  objectOfKeys,
  pageOf,
  text,
} from "../read-model/json-fields";
import { ERROR_REASONS, SKIP_REASONS } from "./delivery-reason-codes";

export const deliverySchema = z.strictObject({
  id: text,
  destination: z.strictObject({ id: text, kind: z.enum(DESTINATION_KINDS), name: text }),
  lead_id: text,
  event: z.enum(LEAD_EVENTS),
  event_id: text,
  status: z.enum(OUTBOX_STATUSES),
  attempts: count,
  max_attempts: count,
  last_error: nullableText.describe("the last failure, or why the lead was skipped"),
  response_status: z
    .number()
    .int()
    .nullable()
    .describe("HTTP status of the last answer; null when there was none"),
  next_attempt_at: isoInstant.nullable(),
  last_attempt_at: isoInstant.nullable(),
  sent_at: isoInstant.nullable(),
  created_at: isoInstant.nullable(),
  updated_at: isoInstant.nullable(),
  payload: z.unknown().optional().describe("the body sent (`GET /api/v1/deliveries/{id}` only)"),
});
export const deliveryPageSchema = pageOf(deliverySchema);
export type DeliveryJson = z.output<typeof deliverySchema>;
export type DeliveryPageJson = z.output<typeof deliveryPageSchema>;

/** Counts of a closed set of reasons, most first (delivery-reason-codes.ts). */
const reasonCounts = <T extends readonly [string, ...string[]]>(codes: T) =>
  z.array(z.strictObject({ code: z.enum(codes), count }));

export const deliverySummarySchema = z.strictObject({
  from: isoInstant,
  to: isoInstant,
  destinations: z.array(
    z.strictObject({
      destination_id: text,
      counts: objectOfKeys(OUTBOX_STATUSES, count),
      last_sent_at: isoInstant
        .nullable()
        .describe("the latest delivery of the period that was sent"),
      last_error: z
        .strictObject({ message: text, at: isoInstant })
        .nullable()
        .describe("the newest error of a retrying or dead delivery of the period"),
      reasons: z
        .strictObject({
          skipped: reasonCounts(SKIP_REASONS),
          retrying: reasonCounts(ERROR_REASONS),
          dead: reasonCounts(ERROR_REASONS),
        })
        .describe(
          "why the period's deliveries were skipped, and what the retrying and dead ones met, most first",
        ),
    }),
  ),
});
export type DeliverySummaryJson = z.output<typeof deliverySummarySchema>;
