/** The delivery (outbox row) JSON of the API: the forwarding log, one entry per lead event and destination. */
import { eq, getTableColumns } from "drizzle-orm";
import type { Db } from "../db/client";
import { destinations, outbox } from "../db/schema";
import type { DeliveryJson } from "./delivery-schema";

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
