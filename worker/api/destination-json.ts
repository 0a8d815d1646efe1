/**
 * The destination JSON of the API. Credentials never appear: only their last four characters;
 * URLs show with userinfo and query values masked (forward/mask-url.ts).
 */
import { z } from "zod";
import { DESTINATION_KINDS, type destinations, LEAD_EVENTS } from "../db/schema";
import { eventsFromColumn, SECRET_FIELD } from "../forward/destination-config";
import { maskUrl } from "../forward/mask-url";
import { URL_FIELDS } from "../forward/url-policy";
import { isoInstant, pageOf, text } from "./json-fields";

export type DestinationRow = typeof destinations.$inferSelect;

export const destinationSchema = z.strictObject({
  id: text,
  kind: z.enum(DESTINATION_KINDS),
  name: text,
  events: z.array(text).describe(`lead events it receives (${LEAD_EVENTS.join(", ")})`),
  disabled: z.boolean(),
  config: z
    .record(z.string(), z.unknown())
    .describe(
      "kind-specific settings, plus `<credential>_last4` (e.g. `api_secret_last4`); `url` and `endpoint` with userinfo and query values shown as `***`",
    ),
  previous_secret_valid_until: isoInstant
    .nullable()
    .describe(
      "after a webhook `rotate_secret`: until when deliveries are also signed with the old secret (24 h)",
    ),
  created_at: isoInstant,
  updated_at: isoInstant,
});
export type DestinationJson = z.output<typeof destinationSchema>;

/** Create and `rotate_secret` answers show a webhook's signing secret once. */
export const destinationWithSecretSchema = destinationSchema.extend({
  signing_secret: text.optional().describe("`whsec_…`, shown once"),
});
export const destinationPageSchema = pageOf(destinationSchema);

export function toDestinationJson(row: DestinationRow, now = Date.now()): DestinationJson {
  const config = JSON.parse(row.config) as Record<string, unknown>;
  for (const field of URL_FIELDS)
    if (typeof config[field] === "string") config[field] = maskUrl(config[field]);
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
