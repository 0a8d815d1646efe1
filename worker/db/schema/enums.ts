import { CHANNELS as WIDGET_CHANNELS } from "../../../widget/protocol/click-beacon";
import type { ChatChannel, ChatProvider } from "../../model/inbound-message";
/** The closed value sets stored in text columns (drizzle `enum`s), shared by schema and code. */

/** `inferred`: a recent click chosen without its ref (attribution/infer-score.ts), never mixed with `ref`. */
export const ATTRIBUTIONS = ["ref", "ctwa", "none", "inferred"] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];
export const TOUCH_KINDS = ["ref", "ctwa", "inferred"] as const;
/** A site's inferred attribution setting (sites.inference). */
export const INFERENCE_MODES = ["on", "off"] as const;
/** The widget's opt-in checkbox state carried by a click. */
export const OPTIN_STATES = ["granted", "declined"] as const;
/** A contact's marketing consent. */
export const CONSENT_STATUSES = ["opted_in", "opted_out"] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
/**
 * What an API key may do: `read` answers every GET, `full` everything (api/api-route.ts);
 * `events` nothing in the API: it only posts sale events to its own CRM hook URL
 * (`POST /webhooks/crm/<key>`, api/crm-hook-route.ts), so it can sit in a no-code tool.
 */
export const API_KEY_SCOPES = ["read", "full", "events"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
/** Where a consent event came from. */
export const CONSENT_SOURCES = ["widget", "keyword", "button", "user_preferences"] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];
/**
 * Identifier kinds: WhatsApp BSUID (current or an alias kept after a change), phone, Telegram user
 * id, Messenger page-scoped id, Instagram-scoped id.
 */
export const IDENTITY_KINDS = ["wa_user", "wa_phone", "tg_user", "fb_psid", "ig_sid"] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];
/** Where a site's leads are forwarded. */
export const DESTINATION_KINDS = [
  "ga4", // GA4 Measurement Protocol
  "meta_capi", // Meta Conversions API
  "webhook", // the owner's own systems, signed per Standard Webhooks
  "google_ads", // Google Ads click conversions (Data Manager API)
  "tiktok", // TikTok Events API
  "yandex_metrica", // Yandex Metrica offline conversions, uploaded in bulk (forward/yandex-upload.ts)
  "microsoft_ads", // Microsoft Advertising offline conversions
] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];
/**
 * What a CRM reports after the conversation (POST /api/v1/leads/{id}/events): a qualified lead,
 * a purchase (with its value), a refund (a positive value taken off the revenue), a lost lead.
 */
export const SALE_EVENT_TYPES = ["qualified", "purchase", "refund", "lost"] as const;
export type SaleEventType = (typeof SALE_EVENT_TYPES)[number];
/**
 * The lead events a destination can take (GA4 and Meta take lead.created only): the lead's own,
 * then one per sale event type (`lead.<type>`).
 */
export type LeadEvent = "lead.created" | "lead.updated" | `lead.${SaleEventType}`;
export const LEAD_EVENTS = [
  "lead.created",
  "lead.updated",
  ...SALE_EVENT_TYPES.map((type) => `lead.${type}` as const),
] as readonly LeadEvent[] as readonly [LeadEvent, ...LeadEvent[]];
/**
 * An outbox row's life: pending (waiting for its first attempt) → sent, or retrying (an attempt
 * failed; next_attempt_at says when the next one runs) → sent | dead (gave up); skipped when the
 * destination cannot take this lead (the reason is in last_error).
 */
export const OUTBOX_STATUSES = ["pending", "retrying", "sent", "skipped", "dead"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The chat apps a conversation can start in: the widget's list (its beacon's `channel`). */
export const CHANNELS = WIDGET_CHANNELS satisfies readonly ChatChannel[];
/**
 * Who delivers a channel's webhooks: `whatsapp` is Meta's WhatsApp Cloud API (the name every
 * stored message already carries), `telegram` the Telegram Bot API.
 */
export const PROVIDERS = [
  "whatsapp",
  "telegram",
  "messenger",
  "instagram",
  "360dialog",
  "twilio",
] as const satisfies readonly ChatProvider[];
