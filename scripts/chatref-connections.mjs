/**
 * `chatref connections add|list|remove`: a site's chat-app connections (today Telegram bots),
 * and the Telegram `setWebhook` call that points a bot at the Worker. The bot token is only ever
 * sent to Telegram (`TELEGRAM_API_URL`, default https://api.telegram.org) and never printed;
 * `--dry-run` prints both calls and makes neither.
 */
import { request, settings, stringOption, table, UsageError } from "./chatref-api.mjs";
import { addMetaApp } from "./chatref-meta-apps.mjs";
import { addWhatsAppProvider } from "./chatref-wa-providers.mjs";

const TELEGRAM_API = "https://api.telegram.org";
const BOT_TOKEN = /^([1-9][0-9]{0,15}):[A-Za-z0-9_-]{30,}$/;

/** The Worker URL Telegram must call: `--public-url`, else the CLI's `--url` when it is https. */
function publicUrl(o) {
  const url = (o["public-url"] ?? settings.url).replace(/\/+$/, "");
  if (!/^https:\/\/[^/]+/.test(url))
    throw new UsageError(
      `Telegram only calls https URLs: pass --public-url https://<your-worker> (got "${url}")`,
    );
  return url;
}

/** Most of Telegram's answer that is read (a setWebhook answer is a few hundred bytes). */
const ANSWER_MAX = 64 * 1024;

/**
 * Where the bot token is sent: Telegram, or `TELEGRAM_API_URL` when it is https (or a local
 * fake on a loopback address); anything else is refused before the token leaves.
 */
function telegramApi() {
  const api = (settings.env?.TELEGRAM_API_URL ?? TELEGRAM_API).replace(/\/+$/, "");
  let url;
  try {
    url = new URL(api);
  } catch {
    throw new UsageError(`TELEGRAM_API_URL is not a URL: "${api}"`);
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.username || url.password || !(url.protocol === "https:" || loopback))
    throw new UsageError(
      `TELEGRAM_API_URL must be https:// without credentials (http only on 127.0.0.1), got "${api}"`,
    );
  return api;
}

/** The answer's text, at most ANSWER_MAX bytes of it (the rest is not read). */
async function readCapped(res) {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= ANSWER_MAX) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, ANSWER_MAX).toString("utf8");
}

/** Calls Telegram's setWebhook for the bot; its answer's `description` on failure. */
async function setWebhook(api, token, url, secret) {
  let res;
  try {
    res = await fetch(`${api}/bot${token}/setWebhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url, secret_token: secret, allowed_updates: ["message"] }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    return `setWebhook failed: cannot reach ${api} (${err.cause?.message ?? err.message})`;
  }
  let answer = {};
  try {
    answer = JSON.parse(await readCapped(res)) ?? {};
  } catch {}
  return answer.ok === true
    ? `Telegram now sends the bot's updates to ${url}`
    : `setWebhook failed (HTTP ${res.status}): ${String(answer.description ?? "no description").slice(0, 300)}`;
}

const connectionRows = (data) =>
  table(data, {
    id: (c) => c.id,
    channel: (c) => c.channel,
    account: (c) => c.account_id,
    username: (c) => (c.username ? `@${c.username}` : "-"),
    webhook: (c) => c.webhook_path,
    secret: (c) => (c.secret_hint ? `…${c.secret_hint}` : "-"),
  });

export const CONNECTION_COMMANDS = {
  "connections add": {
    usage:
      "connections add --site <site-id> --telegram-bot-id <id> --username <bot> [--bot-token <token> --public-url https://<worker>] [--dry-run]\n" +
      "  connections add --site <site-id> --provider whatsapp --phone-number-id <id> [--number +<E.164>] [--dry-run]\n" +
      "  connections add --site <site-id> --provider twilio --number whatsapp:+<E.164> --auth-token <token> [--dry-run]\n" +
      "  connections add --site <site-id> --provider 360dialog (--phone-number-id <id> | --number +<E.164>) [--secret <secret>] [--dry-run]\n" +
      "  connections add --site <site-id> --channel messenger --page-id <id> [--page-name <name>] [--dry-run]\n" +
      "  connections add --site <site-id> --channel instagram --account-id <id> [--username <name>] [--dry-run]",
    about:
      "Connect a Telegram bot (or, with --provider whatsapp|twilio|360dialog, a further WhatsApp number; with --channel messenger|instagram, a Page or Instagram account) to a site. With --bot-token, also calls Telegram's setWebhook so the bot's updates reach the Worker (the token is sent only to Telegram). The webhook secret is shown once.",
    options: {
      site: stringOption("the site's id"),
      "telegram-bot-id": stringOption(
        "the bot's numeric id (before the colon of its token; taken from --bot-token when left out)",
      ),
      username: stringOption("the bot's username, e.g. lumen_demo_bot"),
      "secret-token": stringOption("the webhook secret (default: a random one)"),
      "bot-token": stringOption("the bot token from @BotFather, to call setWebhook"),
      "public-url": stringOption("the Worker's public https URL (default: --url)"),
      "dry-run": { type: "boolean", desc: "print what would be done, do nothing" },
      provider: stringOption(
        "telegram (default), whatsapp (a Cloud API number), twilio or 360dialog (WhatsApp)",
      ),
      number: stringOption("the WhatsApp number (Twilio: whatsapp:+<E.164>)"),
      "auth-token": stringOption("Twilio: the account's Auth Token"),
      "phone-number-id": stringOption("360dialog: the number's phone_number_id"),
      secret: stringOption("360dialog: the webhook secret (default: a random one)"),
      channel: stringOption("telegram (default), messenger or instagram"),
      "page-id": stringOption("Messenger: the Facebook Page id"),
      "page-name": stringOption("Messenger: the Page's name, as in m.me/<name>"),
      "account-id": stringOption("Instagram: the professional account's id"),
    },
    required: ["site"],
    run: async (o) => {
      if (o.provider && o.provider !== "telegram") return addWhatsAppProvider(o);
      if (o.channel && o.channel !== "telegram") return addMetaApp(o);
      if (!o.username) throw new UsageError("--username is required for a Telegram bot");
      const token = o["bot-token"];
      const fromToken = token ? BOT_TOKEN.exec(token)?.[1] : undefined;
      if (token && !fromToken) throw new UsageError("--bot-token is not a Telegram bot token");
      const botId = o["telegram-bot-id"] ?? fromToken;
      if (!botId) throw new UsageError("--telegram-bot-id (or --bot-token) is required");
      if (fromToken && fromToken !== botId)
        throw new UsageError(`--bot-token belongs to bot ${fromToken}, not ${botId}`);
      const hook = token ? `${publicUrl(o)}/webhooks/telegram/${botId}` : null;
      const api = token ? telegramApi() : null;
      const path = `/api/v1/sites/${encodeURIComponent(o.site)}/connections`;
      const body = {
        channel: "telegram",
        bot_id: botId,
        username: o.username.replace(/^@/, ""),
        ...(o["secret-token"] ? { secret_token: o["secret-token"] } : {}),
      };
      if (o["dry-run"]) {
        const plan = [`Would POST ${path} ${JSON.stringify(body)}`];
        if (hook)
          plan.push(
            `Would call Telegram setWebhook for bot ${botId} (token not shown): url=${hook}, secret_token=<the connection's secret>`,
          );
        return { json: { dry_run: true, request: body, webhook_url: hook }, text: () => plan };
      }
      const conn = await request("POST", path, body);
      const webhook = hook && api ? await setWebhook(api, token, hook, conn.secret_token) : null;
      return {
        json: { ...conn, ...(webhook ? { set_webhook: webhook } : {}) },
        text: () => [
          `Connected @${conn.username} (bot ${conn.account_id}) as ${conn.id}`,
          `Webhook path:   ${conn.webhook_path}`,
          `Secret token:   ${conn.secret_token}\n(shown only once: Telegram must send it in X-Telegram-Bot-Api-Secret-Token)`,
          webhook ??
            `Point the bot at the Worker: setWebhook url=https://<your-worker>${conn.webhook_path} secret_token=<the secret above> (or run this command again with --bot-token)`,
        ],
      };
    },
  },
  "connections list": {
    usage: "connections list --site <site-id>",
    about: "List a site's chat-app connections (never their secrets).",
    options: { site: stringOption("the site's id") },
    required: ["site"],
    run: async (o) => {
      const list = await request("GET", `/api/v1/sites/${encodeURIComponent(o.site)}/connections`);
      return { json: list, text: () => connectionRows(list.data) };
    },
  },
  "connections remove": {
    usage: "connections remove --site <site-id> <connection-id>",
    about: "Disconnect: the bot's updates are refused from now on.",
    options: { site: stringOption("the site's id") },
    required: ["site"],
    args: ["connection-id"],
    run: async (o, [id]) => {
      const conn = await request(
        "DELETE",
        `/api/v1/sites/${encodeURIComponent(o.site)}/connections/${encodeURIComponent(id)}`,
      );
      return { json: conn, text: () => `Disconnected @${conn.username} (${conn.id})` };
    },
  },
};
