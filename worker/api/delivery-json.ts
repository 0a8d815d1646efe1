/** The delivery (outbox row) JSON of the API: the forwarding log, one entry per lead event and destination. */
import { eq, getTableColumns } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import {
  DESTINATION_KINDS,
  destinations,
  LEAD_EVENTS,
  OUTBOX_STATUSES,
  outbox,
} from "../db/schema";
import { count, isoInstant, nullableText, pageOf, text } from "./json-fields";

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

/** Selects outbox rows with their destination's kind and name; add where/order/limit. */
export function selectDeliveryRows(db: Db) {
  return db
    .select({
      row: getTableColumns(outbox),
      kind: destinations.kind,
      destinationName: destinations.name,
    })
    .from(outbox)
    .innerJoin(destinations, eq(destinations.id, outbox.destinationId));
}

export type DeliveryRow = Awaited<ReturnType<ReturnType<typeof selectDeliveryRows>["all"]>>[number];

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toDeliveryJson(
  { row, kind, destinationName }: DeliveryRow,
  withPayload = false,
): DeliveryJson {
  return {
    id: row.id,
    destination: { id: row.destinationId, kind, name: destinationName },
    lead_id: row.leadId,
    event: row.event,
    event_id: row.eventId,
    status: row.status,
    attempts: row.attempts,
    max_attempts: row.maxAttempts,
    last_error: row.lastError,
    response_status: row.responseStatus,
    next_attempt_at: iso(row.nextAttemptAt),
    last_attempt_at: iso(row.lastAttemptAt),
    sent_at: iso(row.sentAt),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    ...(withPayload ? { payload: row.payload === null ? null : JSON.parse(row.payload) } : {}),
  };
}
