/**
 * The destination JSON's schemas and the backfill answer's: pure zod, no D1, so the dashboard can
 * import their inferred types (type-only, zero bytes). Serialized by destination-json.ts;
 * the backfill answer by backfill-route.ts.
 */
import { z } from "zod";
import { CONSENT_STATES } from "../../widget/protocol/click-beacon";
import { DESTINATION_KINDS, LEAD_EVENTS } from "../db/schema";
import { count, isoInstant, pageOf, text } from "../read-model/json-fields";

export const destinationSchema = z.strictObject({
  id: text,
  kind: z.enum(DESTINATION_KINDS),
  name: text,
  events: z.array(text).describe(`lead events it receives (${LEAD_EVENTS.join(", ")})`),
  disabled: z.boolean(),
  consent_default: z
    .enum(CONSENT_STATES)
    .nullable()
    .describe(
      "this destination's Consent Mode default where a lead's click says nothing; null: the site's",
    ),
  include_inferred: z
    .boolean()
    .describe("also forwards leads attributed by inference (`inferred`); false: exact leads only"),
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
export type DestinationPageJson = z.output<typeof destinationPageSchema>;

/** The answer: leads_in_range = already_present + queued + outside_window + erased. */
export const backfillSchema = z
  .strictObject({
    destination_id: text,
    kind: z.enum(DESTINATION_KINDS),
    since: isoInstant,
    until: isoInstant,
    dry_run: z.boolean(),
    leads_in_range: count.describe("leads created in [since, until)"),
    already_present: count.describe("leads that already had their lead.created delivery here"),
    queued: count.describe("deliveries written pending (dry_run: that would be)"),
    outside_window: count.describe(
      "deliveries written skipped: the lead is older than GA4's 72 h, Meta's 7 days, Google Ads' 90 days, TikTok's 28 days or Yandex Metrica's 21 days (webhooks: 0)",
    ),
    erased: count.describe("deliveries written skipped: the contact was erased"),
    enqueued: count.describe(
      "pending deliveries put on the queue now; the cron sweep sends the rest",
    ),
  })
  .describe("leads_in_range = already_present + queued + outside_window + erased");
export type BackfillJson = z.output<typeof backfillSchema>;
