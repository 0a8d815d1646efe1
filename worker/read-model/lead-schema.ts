/**
 * The lead JSON's schemas (the API's and, as `data`, outbound webhooks'), with the touch path:
 * pure zod, no D1, so the dashboard can import their inferred types (type-only, zero bytes).
 * Serialized by lead-json.ts and api/lead-touches.ts.
 */
import { z } from "zod";
import { CONSENT_STATES, CONSENT_TYPES, TOUCH_FIELDS } from "../../widget/protocol/click-beacon";
import { ATTRIBUTIONS, CHANNELS, PROVIDERS, TOUCH_KINDS } from "../db/schema";
import { AD_CONSENT_SOURCES } from "./ad-consent";
import { count, isoInstant, nullableText, objectOfKeys, text } from "./json-fields";

const LEAD_TOUCH_KEYS = [...TOUCH_FIELDS, "placement", "link_id", "number", "agent"] as const;

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
  ref: nullableText.describe("the matched ref code (first touch); null when inferred"),
  attribution: z.enum(ATTRIBUTIONS),
  first_message_at: isoInstant,
  touch: objectOfKeys(LEAD_TOUCH_KEYS, nullableText).describe(
    "the visit's touch, where the chat was opened (`placement`), the link scanned, and the " +
      "WhatsApp number the chat was opened to (`number`, digits; null from older widgets) with " +
      "its agent's name (`agent`, when the widget lists agents)",
  ),
  consent: objectOfKeys(CONSENT_TYPES, consentEntry).describe(
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
  inference: z
    .strictObject({
      click_ref: text.describe("the ref of the click inferred (its touch is the lead's)"),
      score: z.number().min(0).max(1).describe("probability the click produced the message"),
      reasons: z
        .array(text)
        .describe(
          "the evidence: greeting, greeting_edited, tag_left, language, language_mismatch, " +
            "delay_fits, delay_late, desktop_qr, country, country_mismatch, sole_candidate",
        ),
    })
    .optional()
    .describe(
      "why a recent click was inferred for a first message without its ref (attribution " +
        "`inferred`: measured, never mixed with `ref`; README, Inferred attribution)",
    ),
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
  source: nullableText.describe(
    "the touch's source as the stats report it (GA4's rules; Click-to-WhatsApp: meta)",
  ),
  medium: nullableText.describe(
    "the touch's medium as the stats report it (Click-to-WhatsApp: ctwa)",
  ),
  landing_page: nullableText.describe(
    "the page the chat was opened on: host and path, as the stats group landing pages",
  ),
  channel: text
    .optional()
    .describe("GA4 default channel group, when known (Click-to-WhatsApp: Paid Social)"),
});
export type TouchJson = z.output<typeof touchSchema>;

/** The stages a lead's sale events bring it to (lead-outcome.ts). */
export const OUTCOME_STAGES = ["qualified", "purchase", "lost"] as const;

/** What came of the conversation: the lead's sale events summed up (read-model/lead-outcome.ts). */
export const outcomeSchema = z
  .strictObject({
    stage: z
      .enum(OUTCOME_STAGES)
      .nullable()
      .describe(
        "`purchase` once it has a purchase; else the latest of `qualified` / `lost`; null: no sale event",
      ),
    purchases: count.describe("purchase events (repeat orders each count)"),
    revenue: z
      .array(z.strictObject({ currency: text, value: z.number() }))
      .describe(
        "purchases minus refunds per currency, the site's currency first, never summed across currencies",
      ),
  })
  .describe("the outcome of the lead's sale events (POST /api/v1/leads/{id}/events)");
export type OutcomeJson = z.output<typeof outcomeSchema>;

/** `GET /api/v1/leads/{id}`: the lead with its touch path and outcome. */
export const leadWithTouchesSchema = leadSchema.extend({
  touches: z.array(touchSchema).describe("the touch path, oldest first"),
  outcome: outcomeSchema,
});

/** `GET /api/v1/leads`: a page, each lead with its path on `include=touches`. */
export const leadPageSchema = z.strictObject({
  data: z.array(
    leadSchema.extend({
      touches: z.array(touchSchema).optional().describe("with `include=touches`"),
      outcome: outcomeSchema,
    }),
  ),
  next_cursor: nullableText,
  has_more: z.boolean().optional().describe("incremental sync only"),
});
export type LeadPageJson = z.output<typeof leadPageSchema>;
