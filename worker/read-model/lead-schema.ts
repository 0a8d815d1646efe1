/**
 * The lead JSON's schemas (the API's and, as `data`, outbound webhooks'), with the touch path:
 * pure zod, no D1, so the dashboard can import their inferred types (type-only, zero bytes).
 * Serialized by lead-json.ts and api/lead-touches.ts.
 */
import { z } from "zod";
import { CONSENT_STATES, CONSENT_TYPES, TOUCH_FIELDS } from "../../widget/protocol/click-beacon";
import { ATTRIBUTIONS, CHANNELS, PROVIDERS, TOUCH_KINDS } from "../db/schema";
import { AD_CONSENT_SOURCES } from "./ad-consent";
import { isoInstant, nullableText, text } from "./json-fields";

const LEAD_TOUCH_KEYS = [...TOUCH_FIELDS, "placement", "link_id"] as const;

const consentEntry = z.strictObject({
  state: z.enum(CONSENT_STATES),
  source: z
    .enum(AD_CONSENT_SOURCES)
    .describe(
      "`click`: the visitor's Google Consent Mode state when the chat was opened; `destination`: " +
        "the destination's `consent_default` (webhooks); `site`: the site's `consent_default`",
    ),
});

/** The lead JSON: the API's and, as `data`, outbound webhooks'. */
export const leadSchema = z.strictObject({
  id: text,
  created_at: isoInstant,
  contact: z.strictObject({
    id: nullableText.describe("public contact id, for GET /api/v1/contacts/{id}"),
    wa_id: nullableText.describe("phone digits; null when withheld (a WhatsApp username user)"),
    user_id: nullableText.describe("WhatsApp business-scoped user id (BSUID)"),
    username: nullableText.describe("WhatsApp or Telegram username"),
    name: nullableText,
  }),
  channel: z.enum(CHANNELS).describe("the chat app of the first message"),
  provider: z
    .enum(PROVIDERS)
    .describe(
      "who delivered it: `whatsapp` (Meta's Cloud API), `360dialog` or `twilio` (WhatsApp " +
        "through a provider), `telegram` (Bot API), `messenger` or `instagram` (Meta's Messenger Platform)",
    ),
  ref: nullableText.describe("the matched ref code (first touch)"),
  attribution: z.enum(ATTRIBUTIONS),
  first_message_at: isoInstant,
  touch: z
    .strictObject(
      Object.fromEntries(LEAD_TOUCH_KEYS.map((k) => [k, nullableText])) as Record<
        (typeof LEAD_TOUCH_KEYS)[number],
        typeof nullableText
      >,
    )
    .describe("the visit's touch, where the chat was opened (`placement`) and the link scanned"),
  consent: z
    .strictObject(
      Object.fromEntries(CONSENT_TYPES.map((t) => [t, consentEntry])) as Record<
        (typeof CONSENT_TYPES)[number],
        typeof consentEntry
      >,
    )
    .describe(
      "the effective Consent Mode state per type (ad_storage, analytics_storage, ad_user_data, " +
        "ad_personalization): the click's, else the destination's default, else the site's. An ad " +
        "platform never receives a lead whose ad_user_data is denied",
    ),
  ctwa: z
    .strictObject({
      ctwa_clid: nullableText,
      source_id: nullableText,
      source_url: nullableText,
      source_type: nullableText,
      headline: nullableText,
    })
    .optional()
    .describe("Click-to-WhatsApp referral (attribution `ctwa`)"),
});
export type LeadJson = z.output<typeof leadSchema>;

/** One step of a lead's touch path. */
export const touchSchema = z.strictObject({
  kind: z.enum(TOUCH_KINDS),
  at: isoInstant.describe("when the message carrying the ref or referral was sent"),
  ref: nullableText,
  placement: nullableText,
  link_id: nullableText,
  utm_source: nullableText,
  utm_medium: nullableText,
  utm_campaign: nullableText,
  channel: text
    .optional()
    .describe("GA4 default channel group, when known (Click-to-WhatsApp: Paid Social)"),
});
export type TouchJson = z.output<typeof touchSchema>;

/** `GET /api/v1/leads/{id}`: the lead with its touch path. */
export const leadWithTouchesSchema = leadSchema.extend({
  touches: z.array(touchSchema).describe("the touch path, oldest first"),
});

/** `GET /api/v1/leads`: a page, each lead with its path on `include=touches`. */
export const leadPageSchema = z.strictObject({
  data: z.array(
    leadSchema.extend({
      touches: z.array(touchSchema).optional().describe("with `include=touches`"),
    }),
  ),
  next_cursor: nullableText,
  has_more: z.boolean().optional().describe("incremental sync only"),
});
export type LeadPageJson = z.output<typeof leadPageSchema>;
