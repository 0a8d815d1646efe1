/**
 * Twilio Programmable Messaging's WhatsApp inbound webhook (a form POST, protocols.md §3.2) →
 * one normalised message. The form is stored as JSON (`StoredTwilioForm`): erasure finds a
 * person in raw bodies by their JSON-quoted ids, so the sender's digits are kept quoted beside
 * the form. Twilio's form carries no send time: a message's time is when the delivery arrived
 * (`deliveries.received_at`), so the stored JSON depends on the form alone and a replayed form
 * is stored once (the delivery's body hash).
 * Twilio adds parameters without notice: unknown ones are kept and ignored.
 */
import type { CtwaReferral, ParsedDelivery } from "../../model/inbound-message";
import { BSUID } from "../whatsapp/sender";

/** A WhatsApp address as Twilio writes it: `whatsapp:+<E.164 digits>`. */
export const TWILIO_WHATSAPP = /^whatsapp:\+([1-9][0-9]{6,14})$/;
/** A connection's number as given: `whatsapp:+15550001111` or `+15550001111`. */
export const TWILIO_NUMBER = /^(?:whatsapp:)?\+[1-9][0-9]{6,14}$/;
/** A message SID: two letters (`SM`, `MM`) and 32 hex digits. */
const MESSAGE_SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
/** Longest value kept from any one parameter (a WhatsApp body is at most 4,096 characters). */
const VALUE_MAX = 8192;

/** A number as the connection stores it (its account id) and Twilio sends it in `To`. */
export function twilioNumber(number: string): string {
  return number.startsWith("whatsapp:") ? number : `whatsapp:${number}`;
}

/** The account key of a Twilio number's messages (`phoneNumberId`; db/sites.ts finds the site). */
export function twilioAccount(to: string): string {
  return `twilio:${to}`;
}

/** What `deliveries.body` holds for a Twilio delivery. */
export interface StoredTwilioForm {
  /** The sender's phone digits, JSON-quoted so erasure (consent/erase.ts) finds them. */
  wa_id: string | null;
  /** The sender's BSUID when Twilio gave it instead of a phone, JSON-quoted for the same reason. */
  user_id?: string | null;
  /** Every posted parameter, as received (the first value of a repeated name). */
  params: Record<string, string>;
}

/** The parameters of a form body (`application/x-www-form-urlencoded`), in order. */
export function readTwilioForm(text: string): [string, string][] {
  return [...new URLSearchParams(text)];
}

/** The form's parameters as one object (the first value of a repeated name). */
export function formObject(pairs: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) if (!Object.hasOwn(out, name)) out[name] = value;
  return out;
}

/** The JSON stored for a verified form. */
export function storeTwilioForm(params: Record<string, string>): string {
  const { waId, userId } = senderOf(params.From);
  // `user_id` only when there is one, so a phone sender's stored form stays as it always was.
  const stored: StoredTwilioForm = { wa_id: waId, ...(userId ? { user_id: userId } : {}), params };
  return JSON.stringify(stored);
}

/**
 * Who sent a form (`From`): `whatsapp:+<digits>`, or, for a username user whose phone WhatsApp
 * withholds (protocols.md §1.11), the business-scoped user id in its place (`whatsapp:US.1349…`).
 * Neither for any other sender.
 */
function senderOf(from = ""): { waId: string | null; userId: string | null } {
  const waId = TWILIO_WHATSAPP.exec(from)?.[1] ?? null;
  const address = from.startsWith("whatsapp:") ? from.slice("whatsapp:".length) : "";
  return { waId, userId: !waId && BSUID.test(address) ? address : null };
}

const kept = (value: string | undefined) => (value ? value.slice(0, VALUE_MAX) : null);

function referralOf(p: Record<string, string>): CtwaReferral | null {
  const referral: CtwaReferral = {
    ctwa_clid: kept(p.ReferralCtwaClid)?.slice(0, 512) ?? null,
    source_id: kept(p.ReferralSourceId)?.slice(0, 128) ?? null,
    source_url: kept(p.ReferralSourceUrl)?.slice(0, 2048) ?? null,
    source_type: kept(p.ReferralSourceType)?.slice(0, 32) ?? null,
    headline: kept(p.ReferralHeadline)?.slice(0, 1024) ?? null,
  };
  return Object.values(referral).some((v) => v !== null) ? referral : null;
}

/** The kind of content, as messages.type stores it. */
function typeOf(p: Record<string, string>): string {
  if (p.ButtonPayload || p.ButtonText) return "button";
  if (Number(p.NumMedia) > 0) {
    const major = (p.MediaContentType0 ?? "").split("/")[0];
    return ["image", "video", "audio"].includes(major ?? "") ? (major as string) : "document";
  }
  if (p.Latitude && p.Longitude) return "location";
  return "text";
}

/**
 * The message of a Twilio WhatsApp form; null when it is not one (no `MessageSid` or no
 * WhatsApp `To`: the route answers 400). A form from a non-WhatsApp sender is skipped; one from a
 * username user (`From` is `whatsapp:<BSUID>`) is that person's message, found by the BSUID.
 */
export function parseTwilioParams(
  p: Record<string, string>,
  receivedAt: number,
): ParsedDelivery | null {
  const to = p.To ?? "";
  if (!MESSAGE_SID.test(p.MessageSid ?? "") || !TWILIO_WHATSAPP.test(to)) return null;
  const { waId, userId } = senderOf(p.From);
  if (!waId && !userId) return { messages: [], statuses: 0, skipped: 1 };
  const type = typeOf(p);
  const message = {
    phoneNumberId: twilioAccount(to),
    channel: "whatsapp" as const,
    provider: "twilio" as const,
    // `To` is `whatsapp:+<digits>` (checked above): the number that received it.
    businessNumber: TWILIO_WHATSAPP.exec(to)?.[1] ?? null,
    messageId: p.MessageSid as string,
    sentAt: receivedAt,
    type,
    text: kept(p.Body) ?? (type === "button" ? kept(p.ButtonText) : null),
    referral: referralOf(p),
    buttonPayload: kept(p.ButtonPayload)?.slice(0, 1024) ?? null,
    waId,
    userId,
    parentUserId: null,
    username: null,
    name: kept(p.ProfileName)?.slice(0, 256) ?? null,
  };
  return { messages: [message], statuses: 0, skipped: 0 };
}

/** A stored Twilio body (`StoredTwilioForm`) that arrived at `receivedAt`, parsed again. */
export function parseStoredTwilioForm(body: string, receivedAt: number): ParsedDelivery | null {
  const stored = JSON.parse(body) as Partial<StoredTwilioForm> | null;
  const params = stored?.params;
  if (!params || typeof params !== "object" || Array.isArray(params)) return null;
  const strings = Object.fromEntries(
    Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  return parseTwilioParams(strings, receivedAt);
}
