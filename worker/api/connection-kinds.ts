/**
 * The kinds of chat-app account a site can connect (`POST /api/v1/sites/:id/connections`): what
 * the admin API takes for each, and what is stored (`channel_connections`: provider, account id,
 * username, one sealed secret). A new adapter adds its kind to CONNECTION_KINDS; the route, the
 * list and the removal stay as they are.
 */
import { z } from "zod";
import { TELEGRAM_BOT_NAME } from "../../widget/protocol/click-beacon";
import { BOT_ID, TELEGRAM_SECRET } from "../adapters/telegram/update";
import { toB64url } from "../forward/secrets";
import type { ChatChannel, ChatProvider } from "../model/inbound-message";

/** What one kind stores from a request body. */
export interface ConnectionRow {
  accountId: string;
  username: string | null;
  /** The plain secret to seal (a webhook secret, an auth token), or null when there is none. */
  secret: string | null;
  /** Whether the answer shows the secret once (a secret chatref drew, or one the caller chose). */
  showSecret: boolean;
}

export interface ConnectionKind<Body extends z.ZodObject = z.ZodObject> {
  channel: ChatChannel;
  provider: ChatProvider;
  /** A strict object whose `channel` literal (and `provider`, where a channel has several) names it. */
  body: Body;
  row(body: z.output<Body>): ConnectionRow;
}

/** A random webhook secret: 32 bytes, base64url (43 characters). */
export const newSecretToken = () => toB64url(crypto.getRandomValues(new Uint8Array(32)));

const telegramBody = z.strictObject({
  channel: z.literal("telegram"),
  bot_id: z.string().regex(BOT_ID, "a Telegram bot id: the digits before the token's colon"),
  username: z
    .string()
    .trim()
    .regex(TELEGRAM_BOT_NAME, "a Telegram bot username (5–32 characters, ending in bot)"),
  secret_token: z
    .string()
    .regex(TELEGRAM_SECRET, "1–256 characters of A-Z a-z 0-9 _ -")
    .optional()
    .describe("the webhook secret; a random one when left out"),
});

/** A Telegram bot: its id, username and the `secret_token` its webhook must carry. */
export const telegramConnection: ConnectionKind<typeof telegramBody> = {
  channel: "telegram",
  provider: "telegram",
  body: telegramBody,
  row: (body) => ({
    accountId: body.bot_id,
    username: body.username,
    secret: body.secret_token ?? newSecretToken(),
    showSecret: true,
  }),
};

export const CONNECTION_KINDS = [telegramConnection] as const;

/** The request body: one of the kinds. */
export const createConnectionBody = z.union(CONNECTION_KINDS.map((k) => k.body));

/** The kind a validated body is (matched by its `channel` and, where given, `provider`). */
export function connectionKindOf(body: { channel: string; provider?: string }): ConnectionKind {
  const kind = CONNECTION_KINDS.find(
    (k) => k.channel === body.channel && (body.provider ?? k.provider) === k.provider,
  );
  if (!kind) throw new Error(`no connection kind for ${body.channel}/${body.provider}`);
  return kind as unknown as ConnectionKind;
}
