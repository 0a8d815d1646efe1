/** Helpers for the Twilio tests: a connected number, and forms signed as Twilio signs them. */
import { expect } from "vitest";
import { twilioSignature } from "../../worker/adapters/twilio/signature";
import { call, createSite, newPhone, storedDeliveries, type TestSite } from "./helpers";
import { postConnection } from "./telegram-helpers";

export const TWILIO_URL = "https://chatref.test/webhooks/twilio";

export interface TestTwilio {
  /** `whatsapp:+<digits>`, as Twilio sends `To`. */
  to: string;
  authToken: string;
  connectionId: string;
}

/** A new site with a new Twilio WhatsApp number connected to it. */
export async function siteWithTwilio() {
  const site = await createSite();
  return { site, conn: await connectTwilio(site) };
}

/** Connects a new Twilio WhatsApp number to `site` through the admin API. */
export async function connectTwilio(site: TestSite): Promise<TestTwilio> {
  const to = `whatsapp:+${newPhone()}`;
  const authToken = `tok_${crypto.randomUUID().replaceAll("-", "")}`;
  const res = await postConnection(site.id, {
    channel: "whatsapp",
    provider: "twilio",
    number: to,
    auth_token: authToken,
  });
  expect(res.status).toBe(201);
  const json = (await res.json()) as { id: string };
  return { to, authToken, connectionId: json.id };
}

const hex = (n: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b.toString(16).padStart(2, "0"))
    .join("")
    .slice(0, n);

/** A new message SID (`SM` + 32 hex digits). */
export const newSid = () => `SM${hex(32)}`;

/** An inbound WhatsApp message's form from `waId` to the connected number. */
export function twilioForm(
  conn: TestTwilio,
  waId: string,
  body: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    SmsMessageSid: "",
    NumMedia: "0",
    ProfileName: "Ana",
    MessageSid: newSid(),
    WaId: waId,
    AccountSid: `AC${hex(32)}`,
    From: `whatsapp:+${waId}`,
    To: conn.to,
    Body: body,
    NumSegments: "1",
    ApiVersion: "2010-04-01",
    ...extra,
  };
}

export interface SendOptions {
  /** The token to sign with (the connection's by default); null sends no signature. */
  token?: string | null;
  /** The URL to sign (the one requested by default). */
  signedUrl?: string;
  url?: string;
  /** Parameters changed after signing. */
  tamper?: Record<string, string>;
}

/** POSTs `form` to the Twilio webhook, signed as Twilio would. */
export async function sendTwilio(
  conn: TestTwilio,
  form: Record<string, string>,
  o: SendOptions = {},
) {
  const url = o.url ?? TWILIO_URL;
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
  };
  const token = o.token === undefined ? conn.authToken : o.token;
  if (token !== null)
    headers["x-twilio-signature"] = await twilioSignature(
      token,
      o.signedUrl ?? url,
      Object.entries(form),
    );
  const body = new URLSearchParams({ ...form, ...o.tamper }).toString();
  return call(new Request(url, { method: "POST", headers, body }));
}

/** The stored raw deliveries of a Twilio number. */
export const storedFor = (to: string) => storedDeliveries(`twilio:${to}`);
