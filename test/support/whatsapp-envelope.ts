/**
 * WhatsApp Cloud API webhook bodies for tests (shape of test/fixtures/whatsapp-text-message.json).
 * Pure data, no I/O: used by the workerd tests (test/worker/helpers.ts) and the e2e tests alike.
 */

export interface TextMessage {
  from: string;
  body?: string;
  name?: string;
  id?: string;
  /** Unix seconds. */
  timestamp?: number;
  type?: string;
  referral?: Record<string, string>;
  extra?: Record<string, unknown>;
}

/** A message object; the id is unique unless given. */
export function message(m: TextMessage) {
  return {
    from: m.from,
    id: m.id ?? `wamid.${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`,
    timestamp: String(m.timestamp ?? Math.floor(Date.now() / 1000)),
    type: m.type ?? "text",
    ...(m.body !== undefined ? { text: { body: m.body } } : {}),
    ...(m.referral ? { referral: m.referral } : {}),
    ...m.extra,
  };
}

/**
 * A full webhook envelope for one business number holding these messages (and statuses). Each
 * sender gets a contact entry, named `names[wa_id]` or `Name <wa_id>`.
 */
export function envelope(
  phoneNumberId: string,
  msgs: ReturnType<typeof message>[],
  statuses: unknown[] = [],
  names: Record<string, string> = {},
  displayNumber = "15550001111",
) {
  const contacts = [...new Set(msgs.map((m) => m.from))].map((wa_id) => ({
    profile: { name: names[wa_id] ?? `Name ${wa_id}` },
    wa_id,
  }));
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: displayNumber, phone_number_id: phoneNumberId },
              contacts,
              messages: msgs,
              ...(statuses.length ? { statuses } : {}),
            },
          },
        ],
      },
    ],
  };
}
