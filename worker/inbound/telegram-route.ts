/**
 * `POST /webhooks/telegram/<bot id>`: a Telegram bot's updates (set with `setWebhook`, the bot's
 * `secret_token` sent back in `X-Telegram-Bot-Api-Secret-Token`). The secret is checked before
 * the body is read; then the update is stored and processed like a WhatsApp delivery
 * (process-delivery.ts): `/start <ref>` from a `t.me/<bot>?start=<ref>` link attributes the
 * lead, a chat opened without a ref is a lead attributed `none`, later messages are touches.
 * Telegram retries any non-2xx answer, so only a forged or unknown request gets one.
 */
import { Hono } from "hono";
import {
  BOT_ID,
  parseTelegramUpdate,
  TELEGRAM_SECRET,
  telegramAccount,
} from "../adapters/telegram/update";
import { findConnection } from "../db/connections";
import type { AppEnv } from "../env";
import { openSecret, SecretError, sealingKey } from "../forward/secrets";
import { ApiError } from "../http/errors";
import { secretsEqual } from "../http/secrets-equal";
import { parseJson, readBody } from "../http/validate";
import { ingestDelivery } from "./process-delivery";
import { unknownAccount } from "./unknown-account";

/** Updates are small (a message is at most 4,096 characters); anything far larger is not one. */
export const TELEGRAM_BODY_MAX = 256 * 1024;

const forbidden = () =>
  new ApiError(401, "unauthorized", "Missing or invalid X-Telegram-Bot-Api-Secret-Token");

export const telegramRoute = new Hono<AppEnv>().post("/:botId", async (c) => {
  const botId = c.req.param("botId");
  if (!BOT_ID.test(botId)) throw new ApiError(404, "not_found", "Unknown Telegram bot");
  const connection = await findConnection(c.var.db, "telegram", botId);
  if (!connection) throw await unknownAccount(c, telegramAccount(botId), "Unknown Telegram bot");
  const given = c.req.header("x-telegram-bot-api-secret-token") ?? "";
  // Fails closed: a connection whose secret is missing or cannot be opened accepts nothing.
  let secret = "";
  try {
    if (connection.secret)
      secret = await openSecret(connection.secret, connection.id, sealingKey(c.env));
  } catch (err) {
    if (!(err instanceof SecretError)) throw err;
    console.error("telegram connection secret cannot be opened", connection.id, err.message);
  }
  if (!secret || !TELEGRAM_SECRET.test(given) || !(await secretsEqual(given, secret)))
    throw forbidden();
  const raw = await readBody(c, TELEGRAM_BODY_MAX);
  const text = new TextDecoder().decode(raw);
  const parsed = parseTelegramUpdate(parseJson(text), botId);
  if (!parsed) throw new ApiError(400, "validation_failed", "Not a Telegram Update (update_id)");
  const { outcome, later } = await ingestDelivery(
    c.var.db,
    c.env.FORWARD_QUEUE,
    telegramAccount(botId),
    text,
    parsed,
  );
  if (later) c.executionCtx.waitUntil(later());
  return c.json({ received: true, outcome, messages: parsed.messages.length });
});
