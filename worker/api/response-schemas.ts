/**
 * zod schemas of the API's JSON answers, for the OpenAPI document (openapi.ts) and the tests that
 * check real responses against it. Each serializer keeps its own TS type; the `Same<…>` checks
 * below fail `tsc` when a schema and the type it describes drift apart.
 */
import { z } from "zod";
import { TOUCH_FIELDS } from "../../widget/protocol/click-beacon";
import type { WindowJson } from "../consent/windows";
import { CONSENT_STATUSES, DESTINATION_KINDS, LEAD_EVENTS, OUTBOX_STATUSES } from "../db/schema";
import { ERROR_CODES, type ErrorBody } from "../http/errors";
import type { IngestOutcome } from "../inbound/process-delivery";
import { GROUP_BYS, INTERVALS, TOUCH_MODELS } from "../reporting/stats-query";
import type { ConsentEventJson, readContact } from "./contact-json";
import type { DeliveryJson } from "./delivery-json";
import type { DeliverySummaryJson } from "./delivery-summary";
import type { DestinationJson } from "./destination-json";
import type { BackfillJson } from "./destinations-route";
import type { LeadJson } from "./lead-json";
import type { TouchJson } from "./lead-touches";
import type { LinkJson } from "./link-json";
import type { ApiKeyJson, SiteJson } from "./site-json";

const text = z.string();
const nullableText = z.string().nullable();
/** An instant as `Date.prototype.toISOString` writes it. */
const instant = z.iso.datetime();
const count = z.number().int().nonnegative();

/** `{"error": {"code", "message"}}`: every 4xx and 5xx. */
export const errorSchema = z.strictObject({
  error: z.strictObject({ code: z.enum(ERROR_CODES), message: text }),
});

// ---- leads

const LEAD_TOUCH_KEYS = [...TOUCH_FIELDS, "placement", "link_id"] as const;
type LeadTouchKey = (typeof LEAD_TOUCH_KEYS)[number];

export const leadSchema = z.strictObject({
  id: text,
  created_at: instant,
  contact: z.strictObject({
    id: nullableText.describe("public contact id, for GET /api/v1/contacts/{id}"),
    wa_id: text,
    name: nullableText,
  }),
  ref: nullableText.describe("the matched ref code (first touch)"),
  attribution: z.enum(["ref", "ctwa", "none"]),
  first_message_at: instant,
  touch: z
    .strictObject(
      Object.fromEntries(LEAD_TOUCH_KEYS.map((k) => [k, nullableText])) as Record<
        LeadTouchKey,
        typeof nullableText
      >,
    )
    .describe("the visit's touch, where the chat was opened (`placement`) and the link scanned"),
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

export const touchPathEntrySchema = z.strictObject({
  kind: z.enum(["ref", "ctwa"]),
  at: instant.describe("when the message carrying the ref or referral was sent"),
  ref: nullableText,
  placement: nullableText,
  link_id: nullableText,
  utm_source: nullableText,
  utm_medium: nullableText,
  utm_campaign: nullableText,
  channel: text.optional().describe("GA4 default channel group, when known"),
});

export const leadWithTouchesSchema = leadSchema.extend({
  touches: z.array(touchPathEntrySchema).describe("the touch path, oldest first"),
});

export const leadPageSchema = z.strictObject({
  data: z.array(
    leadSchema.extend({
      touches: z.array(touchPathEntrySchema).optional().describe("with `include=touches`"),
    }),
  ),
  next_cursor: nullableText,
  has_more: z.boolean().optional().describe("incremental sync only"),
});

// ---- campaign links

export const linkSchema = z.strictObject({
  id: text,
  code: text,
  name: text,
  short_url: z.url(),
  qr_svg_url: z.url(),
  qr_png_url: z.url(),
  utm: z.strictObject({
    source: nullableText,
    medium: nullableText,
    campaign: nullableText,
    term: nullableText,
    content: nullableText,
  }),
  message: nullableText,
  lang: nullableText,
  disabled: z.boolean(),
  created_at: instant,
  updated_at: instant,
  scan_count: count,
  lead_count: count,
});

// ---- forwarding

export const destinationSchema = z.strictObject({
  id: text,
  kind: z.enum(DESTINATION_KINDS),
  name: text,
  events: z.array(text).describe(`lead events it receives (${LEAD_EVENTS.join(", ")})`),
  disabled: z.boolean(),
  config: z
    .record(z.string(), z.unknown())
    .describe("kind-specific settings, plus `<credential>_last4`"),
  previous_secret_valid_until: instant
    .nullable()
    .describe(
      "after a webhook `rotate_secret`: until when deliveries are also signed with the old secret (24 h)",
    ),
  created_at: instant,
  updated_at: instant,
});

/** Create and `rotate_secret` answers show a webhook's signing secret once. */
export const destinationWithSecretSchema = destinationSchema.extend({
  signing_secret: text.optional().describe("`whsec_…`, shown once"),
});

export const deliverySummarySchema = z.strictObject({
  from: instant,
  to: instant,
  destinations: z.array(
    z.strictObject({
      destination_id: text,
      counts: z.strictObject(
        Object.fromEntries(OUTBOX_STATUSES.map((st) => [st, count])) as Record<
          (typeof OUTBOX_STATUSES)[number],
          typeof count
        >,
      ),
      last_sent_at: instant.nullable().describe("the latest delivery of the period that was sent"),
      last_error: z
        .strictObject({ message: text, at: instant })
        .nullable()
        .describe("the newest error of a retrying or dead delivery of the period"),
    }),
  ),
});

export const backfillSchema = z
  .strictObject({
    destination_id: text,
    kind: z.enum(DESTINATION_KINDS),
    since: instant,
    until: instant,
    dry_run: z.boolean(),
    leads_in_range: count.describe("leads created in [since, until)"),
    already_present: count.describe("leads that already had their lead.created delivery here"),
    queued: count.describe("deliveries written pending (dry_run: that would be)"),
    outside_window: count.describe(
      "deliveries written skipped: the lead is older than GA4's 72 h or Meta's 7 days (webhooks: 0)",
    ),
    erased: count.describe("deliveries written skipped: the contact was erased"),
    enqueued: count.describe(
      "pending deliveries put on the queue now; the cron sweep sends the rest",
    ),
  })
  .describe("leads_in_range = already_present + queued + outside_window + erased");

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
  response_status: z.number().int().nullable(),
  next_attempt_at: instant.nullable(),
  last_attempt_at: instant.nullable(),
  sent_at: instant.nullable(),
  created_at: instant.nullable(),
  updated_at: instant.nullable(),
  payload: z.unknown().optional().describe("the body sent (`GET /api/v1/deliveries/{id}` only)"),
});

// ---- contacts and consent

const windowSchema = z.strictObject({
  open: z.boolean(),
  opened_at: instant.nullable(),
  expires_at: instant.nullable(),
});

export const consentEventSchema = z.strictObject({
  status: z.enum(CONSENT_STATUSES),
  source: z.enum(["widget", "keyword", "button", "user_preferences"]),
  occurred_at: instant,
  recorded_at: instant,
  text_version: nullableText,
  text: nullableText,
  evidence: nullableText,
  page_url: nullableText,
  ref: nullableText,
  message_id: nullableText,
});

export const contactSchema = z.strictObject({
  id: text,
  wa_id: nullableText,
  name: nullableText,
  lead_id: nullableText,
  first_seen_at: instant.nullable(),
  last_inbound_at: instant.nullable(),
  erased_at: instant.nullable(),
  marketing: z.strictObject({
    status: text.describe(`${CONSENT_STATUSES.join(", ")} or unknown`),
    since: instant.nullable(),
  }),
  windows: z.strictObject({ customer_service: windowSchema, free_entry: windowSchema }),
  consents: z.array(consentEventSchema),
});

export const erasureSchema = z.strictObject({
  id: text,
  erased_at: instant,
  erased: z.strictObject({
    messages: count,
    deliveriesDeleted: count,
    deliveriesRedacted: count,
    outboxRows: count,
  }),
});

export const consentListSchema = z.strictObject({
  data: z.array(
    z.strictObject({
      contact_id: text,
      wa_id: text,
      name: nullableText,
      status: z.enum([...CONSENT_STATUSES, "unknown"]),
      since: instant.nullable(),
    }),
  ),
  next_cursor: nullableText.describe("the next page's cursor; null on the last page"),
});

// ---- stats

const counts = { chat_clicks: count, scans: count, conversations: count };
const rate = z.number().nullable();

const statsPeriodSchema = z.strictObject({
  from: instant,
  to: instant,
  kpis: z.strictObject({
    ...counts,
    click_to_conversation_rate: rate,
    opt_ins: count
      .nullable()
      .describe(
        "contacts that opted in during the period (consent ledger, site-wide); null when filters are applied",
      ),
  }),
  attribution: z.strictObject({ ref: count, ctwa: count, none: count }),
  series: z.array(z.strictObject({ period: text, ...counts })),
});

export const statsSchema = statsPeriodSchema.extend({
  timezone: text.describe("the site's IANA time zone: days, weeks and months are its local ones"),
  interval: z.enum(INTERVALS),
  touch: z.enum(TOUCH_MODELS),
  filters: z.partialRecord(
    z.enum(["channel", "source", "medium", "campaign", "placement", "link_id"]),
    text,
  ),
  breakdowns: z.partialRecord(
    z.enum(GROUP_BYS),
    z.strictObject({
      rows: z.array(
        z.strictObject({
          key: nullableText,
          label: nullableText.optional().describe("group_by=link: the link's name"),
          ...counts,
          rate,
        }),
      ),
      truncated: z.boolean(),
    }),
  ),
  previous: statsPeriodSchema.optional().describe("with `compare=previous`"),
});

// ---- sites and keys (admin)

export const siteSchema = z.strictObject({
  id: text,
  key: text.describe("the script tag's `data-site`"),
  name: text,
  wa_number: text,
  phone_number_id: text,
  allowed_origins: z.array(text),
  waba_id: nullableText,
  consent_keywords: z
    .strictObject({ opt_out: z.array(text), opt_in: z.array(text) })
    .nullable()
    .describe("extra consent keywords (null: the built-in lists only)"),
  click_retention_days: z
    .number()
    .int()
    .nullable()
    .describe("days an unmatched click is kept (null: 90)"),
  timezone: text.describe("IANA time zone of the site's stats (default UTC)"),
  created_at: instant,
});

export const apiKeySchema = z.strictObject({
  id: text,
  name: text,
  prefix: nullableText,
  created_at: instant,
  revoked_at: instant.nullable(),
});

export const apiKeyCreatedSchema = apiKeySchema.extend({
  key: text.describe("the API key, shown only in this answer"),
});

export const siteCreatedSchema = siteSchema.extend({ api_key: apiKeyCreatedSchema.nullable() });

// ---- ingest

export const clickResultSchema = z.strictObject({ ref: text, recorded: z.boolean() });

export const webhookResultSchema = z.strictObject({
  received: z.literal(true),
  outcome: z.enum(["processed", "stored"]),
  messages: count,
  statuses: count,
});

/** A page of `item`s with the keyset cursor of the next page (null on the last). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({ data: z.array(item), next_cursor: nullableText });

// ---- compile-time checks: each schema describes exactly its serializer's type

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Out<S extends z.ZodType> = z.output<S>;
type ContactJson = NonNullable<Awaited<ReturnType<typeof readContact>>>;

export const SCHEMAS_MATCH_TYPES: [
  Same<Out<typeof errorSchema>, ErrorBody>,
  Same<Out<typeof leadSchema>, LeadJson>,
  Same<Out<typeof touchPathEntrySchema>, TouchJson>,
  Same<Out<typeof linkSchema>, LinkJson>,
  Same<Out<typeof destinationSchema>, DestinationJson>,
  Same<Out<typeof windowSchema>, WindowJson>,
  Same<Out<typeof consentEventSchema>, ConsentEventJson>,
  Same<Out<typeof contactSchema>, ContactJson>,
  Same<Out<typeof siteSchema>, SiteJson>,
  Same<Out<typeof apiKeySchema>, ApiKeyJson>,
  Same<Out<typeof webhookResultSchema>["outcome"], IngestOutcome>,
  Same<Out<typeof deliverySummarySchema>, DeliverySummaryJson>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];

export const BACKFILL_MATCHES: Same<Out<typeof backfillSchema>, BackfillJson> = true;

/** DeliveryJson is a union (with or without `payload`): checked by assignability both ways. */
export const deliveryMatches = {
  toSchema: (d: DeliveryJson): Out<typeof deliverySchema> => d,
  fromSchema: (d: Out<typeof deliverySchema>): DeliveryJson => d,
};
