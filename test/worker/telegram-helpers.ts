/** Helpers for the Telegram tests: a connected bot, and updates as the Bot API sends them. */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { call, createSite, storedDeliveries, type TestSite } from "./helpers";

export interface TestBot {
  botId: string;
  username: string;
  secret: string;
  connectionId: string;
}

let bots = 0;
let updates = 0;

/** An admin API call. */
export function admin(path: string, init: RequestInit = {}): Promise<Response> {
  return call(
    new Request(`https://chatref.test${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${env.CHATREF_ADMIN_TOKEN}`,
        "content-type": "application/json",
      },
    }),
  );
}

/** `POST /api/v1/sites/<siteId>/connections` with this body (the admin API). */
export const postConnection = (siteId: string, body: object) =>
  admin(`/api/v1/sites/${siteId}/connections`, { method: "POST", body: JSON.stringify(body) });

/** A new site with a new bot connected to it. */
export async function siteWithBot() {
  const site = await createSite();
  return { site, bot: await connectBot(site) };
}

/** Connects a new bot to `site` through the admin API. */
export async function connectBot(site: TestSite): Promise<TestBot> {
  const botId = String(7_100_000_000 + Math.floor(Math.random() * 1e6) * 100 + (bots++ % 100));
  const username = `shop_${botId}_bot`;
  const res = await postConnection(site.id, { channel: "telegram", bot_id: botId, username });
  expect(res.status).toBe(201);
  const json = (await res.json()) as { id: string; secret_token: string };
  return { botId, username, secret: json.secret_token, connectionId: json.id };
}

export interface TgUser {
  id: number;
  first_name: string;
  username?: string;
}

let users = 0;
export const newTgUser = (): TgUser => ({
  id: 500_000_000 + Math.floor(Math.random() * 1e8) + users++,
  first_name: "Ana",
  username: `ana_${users}`,
});

/** A private-chat text message update from `from`. */
export function textUpdate(from: TgUser, text: string, extra: Record<string, unknown> = {}) {
  const id = ++updates;
  return {
    update_id: 800_000_000 + id,
    message: {
      message_id: id,
      from: { ...from, is_bot: false, language_code: "en" },
      chat: { id: from.id, first_name: from.first_name, type: "private" },
      date: Math.floor(Date.now() / 1000),
      text,
      ...extra,
    },
  };
}

/** POSTs an update to the bot's webhook with `secret` (the bot's by default). */
export function sendUpdate(bot: TestBot, update: unknown, secret: string | null = bot.secret) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== null) headers["x-telegram-bot-api-secret-token"] = secret;
  return call(
    new Request(`https://chatref.test/webhooks/telegram/${bot.botId}`, {
      method: "POST",
      headers,
      body: typeof update === "string" ? update : JSON.stringify(update),
    }),
  );
}

/** The stored raw updates of a bot (deliveries of provider `telegram:<bot id>`). */
export const storedFor = (botId: string) => storedDeliveries(`telegram:${botId}`);
