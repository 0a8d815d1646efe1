/** The destination JSON of the API. Credentials never appear: only their last four characters. */
import type { destinations } from "../db/schema";
import { eventsFromColumn, SECRET_FIELD } from "../forward/destination-config";

export type DestinationRow = typeof destinations.$inferSelect;

export interface DestinationJson {
  id: string;
  kind: DestinationRow["kind"];
  name: string;
  /** The lead events it receives. */
  events: string[];
  disabled: boolean;
  /** Kind-specific settings, plus `<credential>_last4` (e.g. `api_secret_last4`). */
  config: Record<string, unknown>;
  /** After a webhook secret rotation: until when deliveries are also signed with the old one. */
  previous_secret_valid_until: string | null;
  created_at: string;
  updated_at: string;
}

export function toDestinationJson(row: DestinationRow, now = Date.now()): DestinationJson {
  const config = JSON.parse(row.config) as Record<string, unknown>;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    events: eventsFromColumn(row.events),
    disabled: row.disabledAt !== null,
    config: { ...config, [`${SECRET_FIELD[row.kind]}_last4`]: row.secretHint || null },
    previous_secret_valid_until:
      row.previousSecret && row.previousSecretUntil && row.previousSecretUntil > now
        ? new Date(row.previousSecretUntil).toISOString()
        : null,
    created_at: new Date(row.createdAt).toISOString(),
    updated_at: new Date(row.updatedAt).toISOString(),
  };
}
