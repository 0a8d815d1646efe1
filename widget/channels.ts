/**
 * The chat apps a site can offer (WhatsApp, Telegram, Messenger, Instagram): which ones the
 * script tag configures, whether their names are valid, and each app's deep link carrying the
 * visit's ref. In widget.js because a tap must set the link synchronously; the chooser's looks
 * live in widget-qr.js (qr/chooser.ts).
 */
import type { WidgetConfig } from "./config";
import { reportError } from "./events";
import { chatUrl } from "./message";
import { CHANNELS, type Channel, META_APP_NAME, TELEGRAM_BOT_NAME } from "./protocol/click-beacon";

/** One app an element offers: the app and its address (number, bot, page or username). */
export interface App {
  channel: Channel;
  target: string;
  /** The agent whose app it is (data-agents, agents/parse.ts): the beacon carries the name. */
  agent?: string;
}

/**
 * Valid names: a Telegram bot username is 5–32 of `A-Z a-z 0-9 _` and ends in "bot"; page and
 * Instagram names are `A-Z a-z 0-9 . _ -`. Anything else would build a link to somewhere else.
 */
const NAMES: Record<string, RegExp> = {
  telegram: TELEGRAM_BOT_NAME,
  messenger: META_APP_NAME,
  instagram: META_APP_NAME,
};

/** Blanks the invalid app names in `config`, with one warning naming them (never throws). */
export function checkApps(config: WidgetConfig, target: EventTarget): void {
  const bad: string[] = [];
  for (const [channel, valid] of Object.entries(NAMES)) {
    const key = channel as "telegram";
    if (config[key] && !valid.test(config[key])) {
      bad.push(`data-${key}="${config[key]}"`);
      config[key] = "";
    }
  }
  if (bad.length) reportError(target, "invalid_app", `ignored invalid ${bad.join(", ")}`);
}

/**
 * The apps configured for an element (its `number` wins over `data-number`), in the order of
 * CHANNELS; only `channel` when it is set (none when that app is not configured).
 */
export function configuredApps(
  config: WidgetConfig,
  number: string,
  channel?: string | null,
): App[] {
  const targets: Record<Channel, string> = {
    whatsapp: number,
    telegram: config.telegram,
    messenger: config.messenger,
    instagram: config.instagram,
  };
  return CHANNELS.filter((c) => targets[c] && (!channel || c === channel)).map((c) => ({
    channel: c,
    target: targets[c],
  }));
}

/**
 * The app's link: wa.me with the prefilled `message` (which carries the ref), or the app's deep
 * link with the `ref` as its start or ref parameter (the ref alphabet fits Telegram's
 * `A-Z a-z 0-9 _ -`, 64 max). Without a ref: the plain link a button shows before a tap.
 */
export function appLink(app: App, ref?: string, message?: string): string {
  const t = app.target;
  if (app.channel === "whatsapp") return chatUrl(t, message);
  if (app.channel === "telegram") return `https://t.me/${t}${ref ? `?start=${ref}` : ""}`;
  const base = app.channel === "messenger" ? `https://m.me/${t}` : `https://ig.me/m/${t}`;
  return ref ? `${base}?ref=${ref}` : base;
}
