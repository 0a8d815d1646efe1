/**
 * WhatsApp Cloud API webhook bodies → normalised inbound messages. The envelope must have the
 * documented shape (`entry[].changes[].value`); inside it every item is parsed on its own and
 * leniently, so one odd message, a status or an unknown type never fails the batch.
 */
import { z } from "zod";

const str = (max: number) => z.string().max(max);
const optStr = (max: number) => z.string().max(max).optional().catch(undefined);

export const envelopeSchema = z.object({
  object: z.string().max(64).optional(),
  entry: z
    .array(
      z.object({
        id: z.string().max(64).optional(),
        changes: z
          .array(z.object({ field: z.string().max(64).optional(), value: z.unknown() }))
          .max(1000),
      }),
    )
    .max(1000),
});

const valueSchema = z.object({
  metadata: z.object({ phone_number_id: str(64), display_phone_number: optStr(32) }),
  contacts: z
    .array(
      z.object({
        wa_id: optStr(64),
        user_id: optStr(160),
        profile: z
          .object({ name: optStr(256) })
          .optional()
          .catch(undefined),
      }),
    )
    .optional()
    .catch(undefined),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  user_preferences: z.array(z.unknown()).optional(),
});

/** A `user_preferences` item (marketing stop/resume); its timestamp is an integer (seconds). */
const preferenceSchema = z.object({
  wa_id: str(64).min(1),
  detail: optStr(512),
  category: str(64),
  value: str(32),
  timestamp: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,12}$/)]),
});

const referralSchema = z.object({
  source_url: optStr(2048),
  source_id: optStr(128),
  source_type: optStr(32),
  headline: optStr(1024),
  ctwa_clid: optStr(512),
});

/** An interactive reply (`button_reply` or `list_reply`): the id the business set and its title. */
const replySchema = z
  .object({ id: optStr(256), title: optStr(256) })
  .optional()
  .catch(undefined);

const captioned = z
  .object({ caption: optStr(4096) })
  .optional()
  .catch(undefined);

const messageSchema = z.object({
  from: optStr(64),
  from_user_id: optStr(160),
  id: str(256).min(1),
  timestamp: z.union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative()]),
  type: str(64),
  text: z
    .object({ body: str(65536) })
    .optional()
    .catch(undefined),
  button: z
    .object({ text: optStr(1024), payload: optStr(1024) })
    .optional()
    .catch(undefined),
  interactive: z
    .object({ button_reply: replySchema, list_reply: replySchema })
    .optional()
    .catch(undefined),
  image: captioned,
  video: captioned,
  document: captioned,
  referral: referralSchema.optional().catch(undefined),
});

/** A Click-to-WhatsApp ad referral, as the lead and touch store it. */
export interface CtwaReferral {
  ctwa_clid: string | null;
  source_id: string | null;
  source_url: string | null;
  source_type: string | null;
  headline: string | null;
}

/** One inbound message, independent of the provider's shape. */
export interface InboundMessage {
  phoneNumberId: string;
  /** The contact's WhatsApp id (phone digits), or the business-scoped user id when no phone is given. */
  waId: string;
  name: string | null;
  messageId: string;
  /** When the contact sent it (ms). */
  sentAt: number;
  type: string;
  /** Text a ref may be in: the text body, a caption, a quick-reply button's text or reply title. */
  text: string | null;
  referral: CtwaReferral | null;
  /**
   * A quick-reply button's payload, for opt-out buttons: a template button's (`type: "button"`)
   * or an interactive reply's id (`type: "interactive"`, `button_reply` or `list_reply`).
   */
  buttonPayload?: string | null;
}

/** A `user_preferences` change: the contact stopped or resumed marketing messages. */
export interface PreferenceChange {
  phoneNumberId: string;
  waId: string;
  value: "stop" | "resume";
  /** When the contact changed it (ms). */
  at: number;
  detail: string | null;
}

/** What a delivery held, once parsed. */
export interface ParsedDelivery {
  messages: InboundMessage[];
  /** Marketing preference changes (`field: "user_preferences"`). */
  preferences?: PreferenceChange[];
  statuses: number;
  /** Items that could not be read (kept in the raw delivery). */
  skipped: number;
}

/** Returns null when `body` is not a webhook envelope at all (the caller answers 400). */
export function parseWhatsAppDelivery(body: unknown): ParsedDelivery | null {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return null;
  const out: ParsedDelivery = { messages: [], preferences: [], statuses: 0, skipped: 0 };
  for (const entry of envelope.data.entry) {
    for (const change of entry.changes) {
      const prefs = change.field === "user_preferences";
      if (change.field !== undefined && change.field !== "messages" && !prefs) continue;
      const value = valueSchema.safeParse(change.value);
      if (!value.success) {
        out.skipped++;
        continue;
      }
      const { metadata, contacts = [], messages = [], statuses = [] } = value.data;
      if (prefs) {
        readPreferences(metadata.phone_number_id, value.data.user_preferences ?? [], out);
        continue;
      }
      out.statuses += statuses.length;
      for (const raw of messages) {
        const m = messageSchema.safeParse(raw);
        const waId = m.success
          ? (m.data.from ?? m.data.from_user_id)?.replace(/^\+/, "")
          : undefined;
        if (!m.success || !waId) {
          out.skipped++;
          continue;
        }
        const msg = m.data;
        const reply = msg.interactive?.button_reply ?? msg.interactive?.list_reply;
        const contact = contacts.find((ct) => ct.wa_id === waId || ct.user_id === waId);
        out.messages.push({
          phoneNumberId: metadata.phone_number_id,
          waId,
          name: contact?.profile?.name ?? null,
          messageId: msg.id,
          sentAt: Number(msg.timestamp) * 1000,
          type: msg.type,
          text:
            msg.text?.body ??
            msg.image?.caption ??
            msg.video?.caption ??
            msg.document?.caption ??
            msg.button?.text ??
            reply?.title ??
            null,
          referral: msg.referral ? toReferral(msg.referral) : null,
          buttonPayload: msg.button?.payload ?? reply?.id ?? null,
        });
      }
    }
  }
  return out;
}

/** Marketing stop/resume items; other categories and values are skipped. */
function readPreferences(phoneNumberId: string, items: unknown[], out: ParsedDelivery): void {
  for (const raw of items) {
    const p = preferenceSchema.safeParse(raw);
    const value = p.success ? p.data.value : "";
    if (!p.success || p.data.category !== "marketing_messages" || !isPreference(value)) {
      out.skipped++;
      continue;
    }
    out.preferences?.push({
      phoneNumberId,
      waId: p.data.wa_id.replace(/^\+/, ""),
      value,
      at: Number(p.data.timestamp) * 1000,
      detail: p.data.detail ?? null,
    });
  }
}

function isPreference(value: string): value is PreferenceChange["value"] {
  return value === "stop" || value === "resume";
}

function toReferral(r: z.output<typeof referralSchema>): CtwaReferral | null {
  const referral = {
    ctwa_clid: r.ctwa_clid ?? null,
    source_id: r.source_id ?? null,
    source_url: r.source_url ?? null,
    source_type: r.source_type ?? null,
    headline: r.headline ?? null,
  };
  return Object.values(referral).some((v) => v !== null) ? referral : null;
}
