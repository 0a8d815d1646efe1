/**
 * Telegram Bot API webhook bodies (one `Update` per request) → normalised inbound messages.
 * Only a person's message in a private chat with the bot is a lead's message: a `/start <ref>`
 * (what a `t.me/<bot>?start=<ref>` deep link sends when Start is pressed), or anything typed
 * later. Edited messages, channel posts, group chats, bots and service updates are counted as
 * skipped; the raw update stays stored either way. Ids are numbers that fit 52 bits (Telegram's
 * own guarantee), kept as decimal strings.
 */
import { z } from "zod";
import type { InboundMessage, ParsedDelivery } from "../../model/inbound-message";

/** The account key of a bot's messages (`phoneNumberId`; db/sites.ts resolves it to a site). */
export function telegramAccount(botId: string): string {
  return `telegram:${botId}`;
}

/** A Telegram bot's numeric id: the part of its token before the colon. */
export const BOT_ID = /^[1-9][0-9]{0,15}$/;
/** A webhook's `secret_token` (`X-Telegram-Bot-Api-Secret-Token`): 1–256 of A-Z a-z 0-9 _ -. */
export const TELEGRAM_SECRET = /^[A-Za-z0-9_-]{1,256}$/;

const id = z.number().int().safe();
const optStr = (max: number) => z.string().max(max).optional().catch(undefined);

const messageSchema = z.object({
  message_id: id,
  date: z.number().int().nonnegative(),
  from: z.object({
    id,
    is_bot: z.boolean(),
    first_name: optStr(256),
    last_name: optStr(256),
    username: optStr(64),
  }),
  chat: z.object({ id, type: z.string().max(32) }),
  text: optStr(4096),
  caption: optStr(1024),
});

export const updateSchema = z.object({
  update_id: id,
  message: z.unknown().optional(),
});

/**
 * The Start button's message: `/start`, with a deep link's parameter or bare (a chat opened, a
 * stopped bot restarted). Telegram sends it for the person, who never typed it.
 */
const START_COMMAND = /^\/start(?:@\w+)?(?:\s|$)/i;

/**
 * The kind of content, as messages.type stores it. The Start button's message is `start`, not
 * `text`: it carries a ref, but no words of the person's, so it is no consent keyword (consent
 * reads only texts and replies) and cannot undo a `/stop`.
 */
function typeOf(message: Record<string, unknown>, text: string | undefined): string {
  if (text !== undefined) return START_COMMAND.test(text) ? "start" : "text";
  for (const kind of ["photo", "video", "document", "voice", "audio", "sticker", "contact"])
    if (kind in message) return kind;
  return "other";
}

/** One update of bot `botId`, normalised; null when the body is not an `Update`. */
export function parseTelegramUpdate(body: unknown, botId: string): ParsedDelivery | null {
  const update = updateSchema.safeParse(body);
  if (!update.success) return null;
  const raw = update.data.message;
  const parsed = raw === undefined ? null : messageSchema.safeParse(raw);
  if (!parsed?.success) return { messages: [], statuses: 0, skipped: 1 };
  const m = parsed.data;
  if (m.chat.type !== "private" || m.from.is_bot) return { messages: [], statuses: 0, skipped: 1 };
  const name = [m.from.first_name, m.from.last_name].filter(Boolean).join(" ") || null;
  const text = m.text ?? m.caption;
  const message: InboundMessage = {
    phoneNumberId: telegramAccount(botId),
    channel: "telegram",
    provider: "telegram",
    // Per bot: update ids are a bot's own sequence, so two bots can share one.
    messageId: `${botId}:${update.data.update_id}`,
    sentAt: m.date * 1000,
    type: typeOf(raw as Record<string, unknown>, m.text),
    text: text ?? null,
    referral: null,
    waId: null,
    userId: null,
    parentUserId: null,
    username: m.from.username ?? null,
    name,
    appUser: { kind: "tg_user", value: String(m.from.id) },
  };
  return { messages: [message], statuses: 0, skipped: 0 };
}
