/**
 * WhatsApp Cloud API webhook bodies → normalised inbound messages. The envelope must have the
 * documented shape (`entry[].changes[].value`); inside it every item is parsed on its own and
 * leniently, so one odd message, a status or an unknown type never fails the batch.
 */
import { z } from "zod";
import type { CtwaReferral, ParsedDelivery, PreferenceChange } from "../../model/inbound-message";
import { numberDigits } from "./business-number";
import { type ContactEntry, readPhone, readSender } from "./sender";

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
        parent_user_id: optStr(160),
        profile: z
          .object({ name: optStr(256), username: optStr(64) })
          .optional()
          .catch(undefined),
      }),
    )
    .optional()
    .catch(undefined),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  user_preferences: z.array(z.unknown()).optional(),
  user_id_update: z.array(z.unknown()).optional(),
});

/** A `user_preferences` item (marketing stop/resume); its timestamp is an integer (seconds). */
const preferenceSchema = z.object({
  wa_id: optStr(64),
  user_id: optStr(160),
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

/** An identity change: `system` message (`user_changed_number`, `user_changed_user_id`). */
const systemSchema = z
  .object({
    type: optStr(64),
    wa_id: optStr(64),
    new_wa_id: optStr(64),
    user_id: optStr(160),
    previous_user_id: optStr(160),
  })
  .optional()
  .catch(undefined);

/** The older `user_id_update` field's item. */
const userIdUpdateSchema = z.object({
  wa_id: optStr(64),
  user_id: z.object({ previous: str(160).min(1), current: str(160).min(1) }),
  timestamp: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,12}$/)]),
});

const messageSchema = z.object({
  from: optStr(64),
  from_user_id: optStr(160),
  from_parent_user_id: optStr(160),
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
  system: systemSchema,
});

export type {
  CtwaReferral,
  IdentityChange,
  InboundMessage,
  ParsedDelivery,
  PreferenceChange,
  Sender,
} from "../../model/inbound-message";

/** Returns null when `body` is not a webhook envelope at all (the caller answers 400). */
export function parseWhatsAppDelivery(body: unknown): ParsedDelivery | null {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return null;
  const out: ParsedDelivery = {
    messages: [],
    preferences: [],
    identityChanges: [],
    statuses: 0,
    skipped: 0,
  };
  for (const entry of envelope.data.entry) {
    for (const change of entry.changes) {
      const field = change.field ?? "messages";
      if (!["messages", "user_preferences", "user_id_update"].includes(field)) continue;
      const value = valueSchema.safeParse(change.value);
      if (!value.success) {
        out.skipped++;
        continue;
      }
      const { metadata, contacts = [], messages = [], statuses = [] } = value.data;
      const phoneNumberId = metadata.phone_number_id;
      const businessNumber = numberDigits(metadata.display_phone_number);
      if (field === "user_preferences") {
        readPreferences(phoneNumberId, value.data.user_preferences ?? [], contacts, out);
        continue;
      }
      if (field === "user_id_update") {
        readUserIdUpdates(phoneNumberId, value.data.user_id_update ?? [], out);
        continue;
      }
      out.statuses += statuses.length;
      for (const raw of messages) {
        const m = messageSchema.safeParse(raw);
        const msg = m.success ? m.data : null;
        if (msg?.type === "system" && readSystem(phoneNumberId, msg, out)) continue;
        const sender = msg
          ? readSender(
              { phone: msg.from, userId: msg.from_user_id, parentUserId: msg.from_parent_user_id },
              contacts,
            )
          : null;
        if (!msg || !sender || msg.type === "system") {
          out.skipped++;
          continue;
        }
        const reply = msg.interactive?.button_reply ?? msg.interactive?.list_reply;
        out.messages.push({
          phoneNumberId,
          businessNumber,
          ...sender,
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

/**
 * A `system` message announcing an identity change; false when it is another kind. The item's
 * own `from` / `from_user_id` name the person before the change, `system` the ids after it.
 */
function readSystem(
  phoneNumberId: string,
  msg: z.output<typeof messageSchema>,
  out: ParsedDelivery,
): boolean {
  const system = msg.system;
  const reason = system?.type;
  if (!system || (reason !== "user_changed_number" && reason !== "user_changed_user_id"))
    return false;
  const previous = {
    waId: readPhone(msg.from),
    userId: system.previous_user_id ?? msg.from_user_id ?? null,
  };
  const current = {
    waId: readPhone(system.wa_id ?? system.new_wa_id),
    userId: system.user_id ?? null,
  };
  out.identityChanges?.push({
    phoneNumberId,
    reason,
    previous: { ...previous, userId: previous.userId === current.userId ? null : previous.userId },
    current: { ...current, waId: reason === "user_changed_user_id" ? null : current.waId },
    at: Number(msg.timestamp) * 1000,
  });
  return true;
}

/** The older `user_id_update` field: a BSUID replaced by another. */
function readUserIdUpdates(phoneNumberId: string, items: unknown[], out: ParsedDelivery): void {
  for (const raw of items) {
    const u = userIdUpdateSchema.safeParse(raw);
    if (!u.success) {
      out.skipped++;
      continue;
    }
    out.identityChanges?.push({
      phoneNumberId,
      reason: "user_id_update",
      previous: { waId: null, userId: u.data.user_id.previous },
      current: { waId: null, userId: u.data.user_id.current },
      at: Number(u.data.timestamp) * 1000,
    });
  }
}

/** Marketing stop/resume items; other categories and values are skipped. */
function readPreferences(
  phoneNumberId: string,
  items: unknown[],
  contacts: ContactEntry[],
  out: ParsedDelivery,
): void {
  for (const raw of items) {
    const p = preferenceSchema.safeParse(raw);
    const value = p.success ? p.data.value : "";
    const sender = p.success
      ? readSender({ phone: p.data.wa_id, userId: p.data.user_id }, contacts)
      : null;
    if (!p.success || !sender || p.data.category !== "marketing_messages" || !isPreference(value)) {
      out.skipped++;
      continue;
    }
    out.preferences?.push({
      phoneNumberId,
      ...sender,
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
