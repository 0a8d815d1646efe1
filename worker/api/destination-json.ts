/**
 * The destination JSON of the API. Credentials never appear: only their last four characters;
 * URLs show with userinfo and query values masked (forward/mask-url.ts).
 */
import type { destinations } from "../db/schema";
import { eventsFromColumn, SECRET_FIELD } from "../forward/destination-config";
import { maskUrl } from "../forward/mask-url";
import { URL_FIELDS } from "../forward/url-policy";
import type { DestinationJson } from "./destination-schema";

export type DestinationRow = typeof destinations.$inferSelect;

export function toDestinationJson(row: DestinationRow, now = Date.now()): DestinationJson {
  const config = { ...row.config };
  for (const field of URL_FIELDS)
    if (typeof config[field] === "string") config[field] = maskUrl(config[field]);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    events: eventsFromColumn(row.events),
    disabled: row.disabledAt !== null,
    consent_default: row.consentDefault,
    include_inferred: row.includeInferred,
    config: { ...config, [`${SECRET_FIELD[row.kind]}_last4`]: row.secretHint || null },
    previous_secret_valid_until:
      row.previousSecret && row.previousSecretUntil && row.previousSecretUntil > now
        ? new Date(row.previousSecretUntil).toISOString()
        : null,
    created_at: new Date(row.createdAt).toISOString(),
    updated_at: new Date(row.updatedAt).toISOString(),
  };
}
