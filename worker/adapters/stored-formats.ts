/**
 * Each provider's stored raw deliveries (`deliveries.body`), read again by the retry sweep
 * (inbound/retry-deliveries.ts) and redacted by erasure (consent/erase.ts). The `provider`
 * column names whose a body is: `<provider>` (`whatsapp`, the Cloud API) or
 * `<provider>:<account id>` (`telegram:7000000001`). A new adapter adds its entry here and
 * nothing else changes on those two paths.
 */
import type { ParsedDelivery } from "../model/inbound-message";
import { parseDialog360Delivery } from "./dialog360/delivery";
import { parseMetaMessaging } from "./meta-messaging/messaging";
import { redactMetaMessaging } from "./meta-messaging/redact";
import { redactTelegramUpdate } from "./telegram/redact";
import { parseTelegramUpdate } from "./telegram/update";
import { parseStoredTwilioForm } from "./twilio/message";
import { redactTwilioForm } from "./twilio/redact";
import { parseWhatsAppDelivery } from "./whatsapp/payload";
import { redactDeliveryBody } from "./whatsapp/redact";

export interface StoredFormat {
  /**
   * The body, verified and parsed once when it arrived, parsed again; null when it is not one.
   * `receivedAt` (ms) is when it arrived: the message time of providers that send none.
   */
  parse(body: string, account: string, receivedAt: number): ParsedDelivery | null;
  /** The body without the items naming any of `ids`; null when it names none (unchanged). */
  redact(body: string, ids: string[]): string | null;
}

const FORMATS: Record<string, StoredFormat> = {
  whatsapp: {
    parse: (body) => parseWhatsAppDelivery(JSON.parse(body)),
    redact: redactDeliveryBody,
  },
  telegram: {
    parse: (body, bot) => parseTelegramUpdate(JSON.parse(body), bot),
    redact: redactTelegramUpdate,
  },
  // `messenger:<page id>` / `instagram:<account id>`: the body names its accounts itself.
  messenger: {
    parse: (body) => parseMetaMessaging(JSON.parse(body), "messenger"),
    redact: redactMetaMessaging,
  },
  instagram: {
    parse: (body) => parseMetaMessaging(JSON.parse(body), "instagram"),
    redact: redactMetaMessaging,
  },
  // `twilio:whatsapp:+<number>`: the form stored as JSON (adapters/twilio/message.ts).
  twilio: {
    parse: (body, _account, receivedAt) => parseStoredTwilioForm(body, receivedAt),
    redact: redactTwilioForm,
  },
  // `360dialog:<account>`: the Cloud API body, bound to the connection's account.
  "360dialog": {
    parse: (body, account) => parseDialog360Delivery(JSON.parse(body), account),
    redact: redactDeliveryBody,
  },
};

/**
 * Stored delivery `body` (of `provider`) without the items of the people `ids` name, or null
 * when it names none of them; a body no adapter reads cannot be processed either, so it is
 * emptied (`{}`) rather than kept. Used by erasure (consent/erase.ts) and for a redelivery of an
 * erased person's message (inbound/process-delivery.ts).
 */
export function redactStored(provider: string, body: string, ids: string[]): string | null {
  try {
    return storedFormat(provider).format.redact(body, ids);
  } catch {
    return "{}";
  }
}

/** The format of a stored delivery by its `provider` column, and the account it names. */
export function storedFormat(provider: string): { format: StoredFormat; account: string } {
  const at = provider.indexOf(":");
  const kind = at < 0 ? provider : provider.slice(0, at);
  const format = FORMATS[kind];
  if (!format) throw new Error(`no adapter reads deliveries of provider "${kind}"`);
  return { format, account: at < 0 ? "" : provider.slice(at + 1) };
}
