/**
 * `POST /webhooks/twilio`: WhatsApp messages through Twilio Programmable Messaging (a form POST,
 * protocols.md §3.2). The number in `To` names the connection; its Auth Token must sign the
 * request (`X-Twilio-Signature` over the URL the request was made to and every posted parameter),
 * or the answer is 403 and nothing is stored. A Worker sees the public URL Twilio called
 * (Cloudflare hands it the client's scheme, host, path and query), so no base URL is configured.
 * Then the form is stored (as JSON, adapters/twilio/message.ts) and processed like a Cloud API
 * delivery; the answer is an empty TwiML `<Response/>`, so Twilio sends no reply.
 */
import { Hono } from "hono";
import {
  formObject,
  parseTwilioParams,
  readTwilioForm,
  storeTwilioForm,
  TWILIO_WHATSAPP,
  twilioAccount,
} from "../adapters/twilio/message";
import { twilioSignature } from "../adapters/twilio/signature";
import { findConnection } from "../db/connections";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { secretsEqual } from "../http/secrets-equal";
import { readBody } from "../http/validate";
import { openConnectionSecret } from "./connection-secret";
import { ingestDelivery } from "./process-delivery";
import { unknownAccount } from "./unknown-account";

/** A WhatsApp message's form is a few KB; anything far larger is not one. */
export const TWILIO_BODY_MAX = 64 * 1024;

/** The TwiML that tells Twilio to send nothing back. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

export const twilioRoute = new Hono<AppEnv>().post("/", async (c) => {
  const given = c.req.header("x-twilio-signature") ?? "";
  const raw = await readBody(c, TWILIO_BODY_MAX);
  const pairs = readTwilioForm(new TextDecoder().decode(raw));
  const params = formObject(pairs);
  const to = params.To ?? "";
  if (!TWILIO_WHATSAPP.test(to))
    throw new ApiError(400, "validation_failed", "Not a Twilio WhatsApp form (To=whatsapp:+…)");
  const connection = await findConnection(c.var.db, "twilio", to);
  if (!connection)
    throw await unknownAccount(c, twilioAccount(to), "Unknown Twilio WhatsApp number");
  const token = await openConnectionSecret(connection, c.env, "twilio");
  const expected = token ? await twilioSignature(token, c.req.url, pairs) : "";
  if (!expected || !given || !(await secretsEqual(given.slice(0, 256), expected)))
    throw new ApiError(403, "forbidden", "Missing or invalid X-Twilio-Signature");
  const now = Date.now();
  const parsed = parseTwilioParams(params, now);
  if (!parsed) throw new ApiError(400, "validation_failed", "Not a Twilio message (MessageSid)");
  const { later } = await ingestDelivery(
    c.var.db,
    c.env.FORWARD_QUEUE,
    twilioAccount(to),
    storeTwilioForm(params),
    parsed,
    now,
  );
  if (later) c.executionCtx.waitUntil(later());
  return c.body(EMPTY_TWIML, 200, { "content-type": "text/xml; charset=utf-8" });
});
