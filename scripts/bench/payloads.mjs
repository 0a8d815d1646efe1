/**
 * The requests the bench sends. The ref codec and Meta's signature come from the project's own
 * modules (TypeScript, bundled here with esbuild), so nothing about the wire format is written
 * twice.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";
import { APP_SECRET, BENCH_BOT, BENCH_LINK, BENCH_SITE } from "./local-worker.mjs";

/**
 * @typedef {object} Protocol
 * @property {() => string} mintRef
 * @property {(code: string) => string} formatRef
 * @property {(body: string, secret: string) => Promise<string>} signMetaBody
 */

/**
 * Bundles and imports the ref codec and the webhook signer.
 * @param {string} root Repository root.
 * @returns {Promise<Protocol>}
 */
export async function loadProtocol(root) {
  const out = await build({
    stdin: {
      contents: [
        'export { mintRef, formatRef } from "./widget/protocol/ref-codec";',
        'export { signMetaBody } from "./worker/adapters/whatsapp/signature";',
      ].join("\n"),
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
  });
  const code = out.outputFiles[0]?.text ?? "";
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}

/**
 * Click beacons: a unique valid ref per request, sent as text/plain from the site's origin.
 * @param {Protocol} protocol
 * @returns {() => import("./load.mjs").BenchRequest}
 */
export function clickRequests(protocol) {
  return () => ({
    path: "/v1/clicks",
    headers: { "content-type": "text/plain;charset=UTF-8", origin: BENCH_SITE.origin },
    body: JSON.stringify({
      site: BENCH_SITE.key,
      ref: protocol.mintRef(),
      placement: "button",
      page_url: "https://shop.example/",
      lang: "en",
      touch: {
        utm_source: "google",
        utm_medium: "cpc",
        utm_campaign: "bench",
        landing_url: "https://shop.example/?utm_source=google",
      },
    }),
  });
}

/**
 * Signed Cloud API text-message deliveries shaped like the repository fixture, each with a
 * unique wamid and contact, to the bench site's number. Each sender has a phone and a BSUID, as
 * WhatsApp sends since 2026 (the heaviest identity shape: both ids linked, a merge checked);
 * BENCH_WEBHOOK_IDS=phone sends the phone only, as payloads did before BSUIDs. The text carries a (valid, unknown)
 * ref, as a chat opened from the widget would, so the worker's ref look-up runs too.
 * @param {Protocol} protocol
 * @param {string} root Repository root.
 * @returns {Promise<() => Promise<import("./load.mjs").BenchRequest>>}
 */
export async function webhookRequests(protocol, root) {
  const fixture = await readFile(join(root, "test/fixtures/whatsapp-text-message.json"), "utf8");
  const template = JSON.parse(fixture);
  const value = template.entry[0].changes[0].value;
  value.metadata.phone_number_id = BENCH_SITE.phoneNumberId;
  value.metadata.display_phone_number = BENCH_SITE.waNumber;
  let n = 0;
  const run = Date.now().toString(36).toUpperCase();
  const withBsuid = process.env.BENCH_WEBHOOK_IDS !== "phone";
  return async () => {
    n++;
    const waId = String(16500000000 + n);
    value.contacts[0].wa_id = waId;
    value.messages[0].from = waId;
    if (withBsuid) {
      value.contacts[0].user_id = `US.${waId}${run}`;
      value.messages[0].from_user_id = `US.${waId}${run}`;
    }
    value.messages[0].id = `wamid.BENCH${run}${n.toString(36).toUpperCase()}`;
    value.messages[0].timestamp = String(Math.floor(Date.now() / 1000));
    value.messages[0].text.body = `Hi! My code is ${protocol.formatRef(protocol.mintRef())}`;
    const body = JSON.stringify(template);
    return {
      path: "/webhooks/whatsapp",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": await protocol.signMetaBody(body, APP_SECRET),
      },
      body,
    };
  };
}

/**
 * Telegram updates to the bench bot, as a `t.me/<bot>?start=<ref>` link sends them: `/start`
 * with a (valid, unknown) ref, each from a new user, with the bot's secret token.
 * @param {Protocol} protocol
 * @returns {() => import("./load.mjs").BenchRequest}
 */
export function telegramRequests(protocol) {
  let n = 0;
  const base = Date.now() % 1e9;
  return () => {
    n++;
    const user = 600_000_000 + n;
    const body = JSON.stringify({
      update_id: base + n,
      message: {
        message_id: n,
        from: { id: user, is_bot: false, first_name: "Bench", username: `bench_${n}` },
        chat: { id: user, first_name: "Bench", type: "private" },
        date: Math.floor(Date.now() / 1000),
        text: `/start ${protocol.mintRef()}`,
      },
    });
    return {
      path: `/webhooks/telegram/${BENCH_BOT.id}`,
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": BENCH_BOT.secret,
      },
      body,
    };
  };
}

/** A phone's User-Agent (device class "mobile"), so every scan is counted. */
export const PHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148";

/**
 * Scans of the bench campaign link: `GET /r/<code>` from a phone, redirects not followed; only
 * a 302 counts as success.
 * @returns {() => import("./load.mjs").BenchRequest}
 */
export function scanRequests() {
  /** @type {import("./load.mjs").BenchRequest} */
  const req = {
    method: "GET",
    path: `/r/${BENCH_LINK.code}`,
    headers: { "user-agent": PHONE_UA, "accept-language": "en-US,en;q=0.9" },
    body: "",
    expect: 302,
  };
  return () => req;
}
