/**
 * The kinds of chat-app account a site can connect (`POST /api/v1/sites/:id/connections`): what
 * the admin API takes for each, and what is stored (`channel_connections`: provider, account id,
 * username, one sealed secret). A new adapter adds its kind to CONNECTION_KINDS; the route, the
 * list and the removal stay as they are.
 */
import { z } from "zod";
import { META_APP_NAME, TELEGRAM_BOT_NAME } from "../../widget/protocol/click-beacon";
import { DIALOG360_ACCOUNT, DIALOG360_SECRET } from "../adapters/dialog360/delivery";
import { META_ACCOUNT_ID } from "../adapters/meta-messaging/messaging";
import { BOT_ID, TELEGRAM_SECRET } from "../adapters/telegram/update";
import { twilioNumber } from "../adapters/twilio/message";
import { toB64url } from "../forward/secrets";
import { phoneField } from "../http/phone-field";
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

/** A kind's row, in ConnectionRow's order. */
const stored = (
  accountId: string,
  username: string | null,
  secret: string | null,
  showSecret: boolean,
): ConnectionRow => ({ accountId, username, secret, showSecret });

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
  row: (body) => stored(body.bot_id, body.username, body.secret_token ?? newSecretToken(), true),
};

const twilioBody = z.strictObject({
  channel: z.literal("whatsapp"),
  provider: z.literal("twilio"),
  // As people write it (`whatsapp:+1 (555) 000-1111` too), stored as Twilio writes `To`.
  number: z
    .string()
    .trim()
    .max(60)
    .transform((s) => s.replace(/^whatsapp:/i, ""))
    .pipe(phoneField())
    .transform((digits) => `+${digits}`)
    .describe("the Twilio WhatsApp number messages are sent to (Twilio's `To`)"),
  auth_token: z
    .string()
    .min(8)
    .max(128)
    .regex(/^[\x21-\x7e]+$/, "the account's Auth Token")
    .describe("the Twilio account's Auth Token, which signs `X-Twilio-Signature`"),
});

/**
 * A WhatsApp number on Twilio: the number (stored as Twilio writes `To`, `whatsapp:+<digits>`)
 * and the account's Auth Token, which is Twilio's secret, never shown back.
 */
export const twilioConnection: ConnectionKind<typeof twilioBody> = {
  channel: "whatsapp",
  provider: "twilio",
  body: twilioBody,
  row: (body) => stored(twilioNumber(body.number), null, body.auth_token, false),
};

const dialog360Body = z
  .strictObject({
    channel: z.literal("whatsapp"),
    provider: z.literal("360dialog"),
    phone_number_id: z
      .string()
      .regex(DIALOG360_ACCOUNT, "the number's Cloud API phone_number_id (digits)")
      .optional(),
    number: phoneField().optional().describe("the number, when its phone_number_id is not at hand"),
    secret: z
      .string()
      .regex(DIALOG360_SECRET, "16–256 characters of A-Z a-z 0-9 _ -")
      .optional()
      .describe("the webhook secret header's value; a random one when left out"),
  })
  .refine((b) => (b.phone_number_id === undefined) !== (b.number === undefined), {
    message: "give phone_number_id or number (one of them)",
  });

/**
 * A WhatsApp number on 360dialog: its account (phone_number_id, or the number's digits) and the
 * secret 360dialog must send in `X-Chatref-Secret` (set as a custom webhook header), shown once.
 */
export const dialog360Connection: ConnectionKind<typeof dialog360Body> = {
  channel: "whatsapp",
  provider: "360dialog",
  body: dialog360Body,
  row: (body) => {
    const account = body.phone_number_id ?? (body.number ?? "").replace(/^\+/, "");
    return stored(account, null, body.secret ?? newSecretToken(), true);
  },
};

const cloudBody = z.strictObject({
  channel: z.literal("whatsapp"),
  provider: z.literal("whatsapp"),
  phone_number_id: z
    .string()
    .regex(/^[0-9]{1,32}$/, "the number's Cloud API phone_number_id (digits)")
    .describe("another Cloud API number of the site (an agent's): its phone_number_id"),
  number: phoneField().optional().describe("the number itself, as the widget's agents name it"),
});

/**
 * Another WhatsApp Cloud API number of the site (its agents' numbers): webhooks naming its
 * phone_number_id go to this site, like the site's own number (db/sites.ts). Meta's app secret
 * signs them, so it has no secret of its own.
 */
export const cloudNumberConnection: ConnectionKind<typeof cloudBody> = {
  channel: "whatsapp",
  provider: "whatsapp",
  body: cloudBody,
  row: (body) => stored(body.phone_number_id, body.number ?? null, null, false),
};

/**
 * A Meta messaging account: its id (`entry[].id` of the app's webhooks) and optional name (the
 * deep link's `m.me/<page>` / `ig.me/m/<username>`). No secret of its own: the webhooks are
 * signed with the Meta app secret.
 */
function metaAccountConnection<
  C extends "messenger" | "instagram",
  I extends string,
  N extends string,
>(channel: C, id: [I, string], name: [N, string]) {
  const body = z.strictObject({
    channel: z.literal(channel),
    [id[0]]: z.string().regex(META_ACCOUNT_ID, id[1]),
    [name[0]]: z.string().trim().regex(META_APP_NAME, name[1]).optional(),
  } as { channel: z.ZodLiteral<C> } & Record<I, z.ZodString> &
    Record<N, z.ZodOptional<z.ZodString>>);
  const kind: ConnectionKind<typeof body> = {
    channel,
    provider: channel,
    body,
    row: (b) => {
      const values = b as Record<string, string | undefined>;
      return stored(values[id[0]] ?? "", values[name[0]] ?? null, null, false);
    },
  };
  return kind;
}

/** A Facebook Page on Messenger (`page` webhooks). */
export const messengerConnection = metaAccountConnection(
  "messenger",
  ["page_id", "a Facebook Page id (digits)"],
  ["page_name", "the Page's username, as in m.me/<page>"],
);

/** An Instagram professional account (`instagram` webhooks). */
export const instagramConnection = metaAccountConnection(
  "instagram",
  ["account_id", "an Instagram professional account id (digits)"],
  ["username", "the account's username, as in ig.me/m/<username>"],
);

export const CONNECTION_KINDS = [
  telegramConnection,
  messengerConnection,
  instagramConnection,
  twilioConnection,
  dialog360Connection,
  cloudNumberConnection,
] as const;

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
