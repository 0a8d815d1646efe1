/**
 * The bench's requests to the chat adapters beyond the Cloud API and Telegram: Messenger (Meta's
 * Messenger Platform; Instagram runs the same route code), WhatsApp through Twilio and through
 * 360dialog — each signed as its provider signs, each message from a new person with a (valid,
 * unknown) ref, to connections of the bench site seeded by `seedAdapterConnections`.
 */
import { createHmac } from "node:crypto";
import { APP_SECRET, BENCH_SITE } from "./local-worker.mjs";

/** The bench site's Messenger page, Twilio number and 360dialog account (and their secrets). */
export const BENCH_PAGE = { id: "7100000999" };
export const BENCH_TWILIO = { to: "whatsapp:+15550009998", token: "bench-twilio-auth-token" };
export const BENCH_360 = { account: "100000000000360", secret: "bench-360dialog-secret" };

/**
 * Connects them to the bench site (insert after `seedSite`); secrets stored as the local demo
 * stores them ("plain." + base64url: no CHATREF_SECRET_KEY in the bench).
 * @param {D1Database} db
 */
export async function seedAdapterConnections(db) {
  const now = Date.now();
  const plain = (s) => `plain.${Buffer.from(s).toString("base64url")}`;
  const rows = [
    ["conn_bench_fb", "messenger", "messenger", BENCH_PAGE.id, null],
    ["conn_bench_tw", "whatsapp", "twilio", BENCH_TWILIO.to, plain(BENCH_TWILIO.token)],
    ["conn_bench_360", "whatsapp", "360dialog", BENCH_360.account, plain(BENCH_360.secret)],
  ];
  await db.batch(
    rows.map((r) =>
      db
        .prepare(
          "insert into channel_connections (id, site_id, channel, provider, account_id, username, secret, created_at, updated_at) values (?,'site_bench',?,?,?,null,?,?,?)",
        )
        .bind(...r, now, now),
    ),
  );
}

/** A run-unique counter and tag, so every request is a new person and a new message id. */
function sequence() {
  let n = 0;
  const run = Date.now().toString(36).toUpperCase();
  return () => ({ n: ++n, run });
}

/**
 * Messenger text messages to the bench page (`POST /webhooks/messenger`), signed with the app
 * secret (the route falls back to WHATSAPP_APP_SECRET when META_APP_SECRET is unset).
 * @param {import("./payloads.mjs").Protocol} protocol
 */
export function messengerRequests(protocol) {
  const next = sequence();
  return async () => {
    const { n, run } = next();
    const body = JSON.stringify({
      object: "page",
      entry: [
        {
          id: BENCH_PAGE.id,
          time: Date.now(),
          messaging: [
            {
              sender: { id: String(8_100_000_000_000 + n) },
              recipient: { id: BENCH_PAGE.id },
              timestamp: Date.now(),
              message: { mid: `m_${run}${n}`, text: `Hi! My code is ${protocol.mintRef()}` },
            },
          ],
        },
      ],
    });
    const signature = await protocol.signMetaBody(body, APP_SECRET);
    return {
      path: "/webhooks/messenger",
      headers: { "content-type": "application/json", "x-hub-signature-256": signature },
      body,
    };
  };
}

/** Twilio's `X-Twilio-Signature`: Base64(HMAC-SHA1(token, URL + sorted name+value pairs)). */
function twilioSignature(token, url, params) {
  const signed =
    url +
    [...params]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flat()
      .join("");
  return createHmac("sha1", token).update(signed).digest("base64");
}

/**
 * Twilio WhatsApp inbound forms (`POST /webhooks/twilio`), signed over the URL the load
 * generator calls.
 * @param {import("./payloads.mjs").Protocol} protocol
 * @returns {(base: URL) => import("./load.mjs").BenchRequest}
 */
export function twilioRequests(protocol) {
  const next = sequence();
  return (base) => {
    const { n } = next();
    const params = [
      ["MessageSid", `SM${(Date.now() * 1000 + n).toString(16).padStart(32, "0").slice(-32)}`],
      ["AccountSid", `AC${"0".repeat(32)}`],
      ["From", `whatsapp:+${17700000000 + n}`],
      ["To", BENCH_TWILIO.to],
      ["ProfileName", "Bench"],
      ["Body", `Hi! My code is ${protocol.formatRef(protocol.mintRef())}`],
      ["NumMedia", "0"],
    ];
    const url = new URL("/webhooks/twilio", base).href;
    return {
      path: "/webhooks/twilio",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilioSignature(BENCH_TWILIO.token, url, params),
      },
      body: new URLSearchParams(params).toString(),
    };
  };
}

/**
 * 360dialog deliveries (the Cloud API body) to `POST /webhooks/360dialog/<account>`, with the
 * connection's secret header.
 * @param {import("./payloads.mjs").Protocol} protocol
 */
export function dialog360Requests(protocol) {
  const next = sequence();
  return () => {
    const { n, run } = next();
    const waId = String(17800000000 + n);
    const body = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "WABA_BENCH",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: {
                  display_phone_number: BENCH_SITE.waNumber,
                  phone_number_id: BENCH_360.account,
                },
                contacts: [{ profile: { name: "Bench" }, wa_id: waId }],
                messages: [
                  {
                    from: waId,
                    id: `wamid.D360${run}${n.toString(36).toUpperCase()}`,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: "text",
                    text: { body: `Hi! My code is ${protocol.formatRef(protocol.mintRef())}` },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    return {
      path: `/webhooks/360dialog/${BENCH_360.account}`,
      headers: { "content-type": "application/json", "x-chatref-secret": BENCH_360.secret },
      body,
    };
  };
}
