/**
 * WhatsApp through 360dialog (protocols.md §3.1): 360dialog forwards the Cloud API webhook body
 * unchanged, so the Cloud API parser reads it (adapters/whatsapp/payload.ts). What differs is
 * who vouches for it: a 360dialog connection's secret header, not Meta's signature. So every
 * item is bound to the connection that authenticated it — its account key becomes
 * `360dialog:<account>` whatever `phone_number_id` the body names — and a connection can only
 * ever feed its own site.
 */
import type { ParsedDelivery } from "../../model/inbound-message";
import { parseWhatsAppDelivery } from "../whatsapp/payload";

/** A 360dialog connection's account id: its number's Cloud API `phone_number_id`, or its digits. */
export const DIALOG360_ACCOUNT = /^[0-9]{5,32}$/;
/** The header carrying a connection's webhook secret (set as a custom header in 360dialog). */
export const DIALOG360_SECRET_HEADER = "x-chatref-secret";
/** A webhook secret: 16–256 characters of A-Z a-z 0-9 _ -. */
export const DIALOG360_SECRET = /^[A-Za-z0-9_-]{16,256}$/;

/** The account key of a 360dialog connection's items (db/sites.ts finds the site). */
export function dialog360Account(account: string): string {
  return `360dialog:${account}`;
}

/** A 360dialog webhook body, parsed as the Cloud API's and bound to `account`; null when not one. */
export function parseDialog360Delivery(body: unknown, account: string): ParsedDelivery | null {
  const parsed = parseWhatsAppDelivery(body);
  if (!parsed) return null;
  const phoneNumberId = dialog360Account(account);
  return {
    ...parsed,
    messages: parsed.messages.map((m) => ({
      ...m,
      phoneNumberId,
      channel: "whatsapp",
      provider: "360dialog",
    })),
    preferences: parsed.preferences?.map((p) => ({ ...p, phoneNumberId })),
    identityChanges: parsed.identityChanges?.map((i) => ({ ...i, phoneNumberId })),
  };
}
