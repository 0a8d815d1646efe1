/**
 * What the phone simulator sends: a WhatsApp Cloud API webhook for one text message, from a
 * phone-only, phone + BSUID or username sender, signed like Meta does
 * (`X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the exact body>`, WebCrypto); or a Telegram
 * update to the demo bot, with its secret token.
 */

/**
 * Local demo contract (see README): the business number and its Cloud API phone number id, the
 * defaults of the simulator's "Business number" and "phone_number_id" fields (any site's work).
 */
export const DEMO_BUSINESS = { number: "15550001111", phoneNumberId: "100000000000001" };
/** The demo site's numbers by their digits → phone_number_id (the second is the agent Leo's). */
export const DEMO_NUMBERS = { 15550001111: "100000000000001", 15550002222: "100000000000002" };

/**
 * Who the message is from, as WhatsApp sends it (protocols §1.11): `phone` — the phone only, as
 * before BSUIDs; `both` — the phone and the BSUID; `username` — the BSUID and the username, the
 * phone withheld (its keys omitted, not empty).
 */
export function sender({ mode, from, userId, username, name }) {
  const phone = mode !== "username" ? from : undefined;
  const bsuid = mode !== "phone" ? userId : undefined;
  const contact = {
    profile: { name, ...(mode === "username" && username ? { username } : {}) },
    ...(phone ? { wa_id: phone } : {}),
    ...(bsuid ? { user_id: bsuid } : {}),
  };
  const ids = { ...(phone ? { from: phone } : {}), ...(bsuid ? { from_user_id: bsuid } : {}) };
  return { contact, ids };
}

/** The Cloud API webhook body for one inbound text message to `business` (default: the demo's). */
export function webhookBody({
  from,
  name,
  text,
  now = Date.now(),
  mode = "phone",
  userId,
  username,
  business = DEMO_BUSINESS,
}) {
  const who = sender({ mode, from, userId, username, name });
  const id = `wamid.${crypto.randomUUID().replaceAll("-", "")}`;
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "WABA_ID",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: {
                display_phone_number: business.number,
                phone_number_id: business.phoneNumberId,
              },
              contacts: [who.contact],
              messages: [
                {
                  ...who.ids,
                  id,
                  timestamp: String(Math.floor(now / 1000)),
                  type: "text",
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

/** Local demo contract (see README): the demo Telegram bot, its id and webhook secret token. */
export const TELEGRAM_BOT = {
  username: "lumen_demo_bot",
  id: "7000000001",
  secret: "dev-telegram-secret",
};

/** A Telegram Bot API `Update`: one private-chat text message from user `userId` (digits). */
export function telegramBody({ userId, username, name, text, now = Date.now() }) {
  const id = Number(userId);
  const [first, ...rest] = name.split(" ");
  const from = {
    id,
    is_bot: false,
    first_name: first,
    ...(rest.length ? { last_name: rest.join(" ") } : {}),
    ...(username ? { username } : {}),
  };
  return JSON.stringify({
    update_id: Math.floor(now / 1000) * 100 + Math.floor(Math.random() * 100),
    message: {
      message_id: Math.floor(now / 1000) % 1e9,
      from,
      chat: { id, first_name: first, type: "private" },
      date: Math.floor(now / 1000),
      text,
    },
  });
}

/** The HMAC (`hash`: "SHA-256", "SHA-1") of `text` keyed with `secret`, as bytes. */
export async function hmac(hash, secret, text) {
  const enc = new TextEncoder();
  const usage = ["sign"];
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash },
    false,
    usage,
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(text)));
}

/** `sha256=<lowercase hex HMAC-SHA256(body)>` keyed with the app secret. */
export async function signBody(body, secret) {
  const mac = await hmac("SHA-256", secret, body);
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
