/**
 * `POST /webhooks/360dialog/<account>`: WhatsApp through 360dialog (protocols.md §3.1). 360dialog
 * forwards the Cloud API body unchanged but not Meta's signature, so each connection has its own
 * secret, which 360dialog sends as a custom webhook header (`X-Chatref-Secret`); it is checked
 * in constant time before the body is read. The body is parsed as the Cloud API's and every item
 * is bound to the connection's account (adapters/dialog360/delivery.ts), then stored and
 * processed like a Cloud API delivery. Only a forged or unknown request gets a non-2xx answer.
 */
import { Hono } from "hono";
import {
  DIALOG360_ACCOUNT,
  DIALOG360_SECRET,
  DIALOG360_SECRET_HEADER,
  dialog360Account,
  parseDialog360Delivery,
} from "../adapters/dialog360/delivery";
import { findConnection } from "../db/connections";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { secretsEqual } from "../http/secrets-equal";
import { parseJson, readBody } from "../http/validate";
import { openConnectionSecret } from "./connection-secret";
import { ingestDelivery } from "./process-delivery";
import { unknownAccount } from "./unknown-account";
import { WEBHOOK_BODY_MAX } from "./whatsapp-route";

export const dialog360Route = new Hono<AppEnv>().post("/:account", async (c) => {
  const account = c.req.param("account");
  if (!DIALOG360_ACCOUNT.test(account))
    throw new ApiError(404, "not_found", "Unknown 360dialog number");
  const connection = await findConnection(c.var.db, "360dialog", account);
  if (!connection)
    throw await unknownAccount(c, dialog360Account(account), "Unknown 360dialog number");
  const given = c.req.header(DIALOG360_SECRET_HEADER) ?? "";
  const secret = await openConnectionSecret(connection, c.env, "360dialog");
  if (!secret || !DIALOG360_SECRET.test(given) || !(await secretsEqual(given, secret)))
    throw new ApiError(401, "unauthorized", "Missing or invalid X-Chatref-Secret");
  const raw = await readBody(c, WEBHOOK_BODY_MAX);
  const text = new TextDecoder().decode(raw);
  const parsed = parseDialog360Delivery(parseJson(text), account);
  if (!parsed)
    throw new ApiError(400, "validation_failed", "Not a WhatsApp webhook envelope (entry[])");
  const { outcome, later } = await ingestDelivery(
    c.var.db,
    c.env.FORWARD_QUEUE,
    dialog360Account(account),
    text,
    parsed,
  );
  if (later) c.executionCtx.waitUntil(later());
  return c.json({
    received: true as const,
    outcome,
    messages: parsed.messages.length,
    statuses: parsed.statuses,
  });
});
