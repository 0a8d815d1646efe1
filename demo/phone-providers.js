/**
 * The phone simulator's WhatsApp providers: a message as Twilio posts it (a form signed with
 * `X-Twilio-Signature`: base64 HMAC-SHA1 of the URL the request is made to followed by every
 * parameter's name and value, sorted by name) or as 360dialog forwards it (the Cloud API body
 * with the connection's `X-Chatref-Secret` header). Local demo contract: see README.
 */
import { hmac, webhookBody } from "./phone-webhook.js";

/** The demo's Twilio WhatsApp number and its account's Auth Token. */
export const TWILIO = { to: "whatsapp:+15550001111", authToken: "dev-twilio-auth-token" };
/** The demo's 360dialog number (its phone_number_id) and webhook secret. */
export const DIALOG360 = { account: "100000000000360", secret: "dev-360dialog-secret" };
/** Sender modes whose sender is a phone number only. */
export const PHONE_ONLY = new Set(["phone", "twilio", "360dialog"]);

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** Twilio's signature of a form POST of `params` to `url`, keyed with `authToken`. */
export async function twilioSignature(authToken, url, params) {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((name) => name + params[name])
      .join("");
  const mac = await hmac("SHA-1", authToken, data);
  return btoa(String.fromCharCode(...mac));
}

/** The form Twilio posts for one inbound WhatsApp text from `from` (digits). */
export function twilioForm({ from, name, text }) {
  return {
    MessageSid: `SM${hex(crypto.getRandomValues(new Uint8Array(16)))}`,
    AccountSid: `AC${hex(crypto.getRandomValues(new Uint8Array(16)))}`,
    From: `whatsapp:+${from}`,
    To: TWILIO.to,
    WaId: from,
    ProfileName: name,
    Body: text,
    NumMedia: "0",
    NumSegments: "1",
    ApiVersion: "2010-04-01",
  };
}

/**
 * The request a provider mode sends (`twilio`, `360dialog`) to the Worker at `origin`: its URL
 * and fetch init; null for the other modes.
 */
export async function providerRequest(mode, { origin, from, name, text, now }) {
  if (mode === "twilio") {
    const url = `${origin}/webhooks/twilio`;
    const form = twilioForm({ from, name, text });
    const signature = await twilioSignature(TWILIO.authToken, url, form);
    return {
      url,
      init: {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": signature,
        },
        body: new URLSearchParams(form).toString(),
      },
    };
  }
  if (mode === "360dialog") {
    // The Cloud API body as 360dialog forwards it; the Worker binds it to the connection.
    const body = webhookBody({ from, name, text, now, mode: "phone" });
    return {
      url: `${origin}/webhooks/360dialog/${DIALOG360.account}`,
      init: {
        method: "POST",
        headers: { "content-type": "application/json", "x-chatref-secret": DIALOG360.secret },
        body,
      },
    };
  }
  return null;
}
