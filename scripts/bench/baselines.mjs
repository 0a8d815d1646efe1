/**
 * Baseline workers: the least a route could do for the same request, run in the same workerd
 * and D1 as the real Worker so the ratio route / baseline shows what the route's own code costs.
 */
import { BENCH_360, BENCH_TWILIO } from "./adapter-payloads.mjs";
import { BENCH_BOT } from "./local-worker.mjs";

/**
 * @typedef {object} Baseline
 * @property {string} name Shown in the report.
 * @property {string | string[]} schema DDL for its tables, and any seed rows (run as one batch).
 * @property {string} script The worker (ES module source).
 * @property {Record<string, unknown>} [options] More Miniflare worker options (a rate limiter).
 */

/** @type {Baseline} Parse the beacon JSON, one D1 insert of a similar row, answer 201 JSON. */
export const clickBaseline = {
  name: "baseline: JSON.parse + 1 D1 insert",
  schema: `create table bench_clicks (id integer primary key autoincrement, site text not null,
    ref text not null, placement text, page_url text, utm_source text, utm_medium text,
    utm_campaign text, landing_url text, created_at integer not null)`,
  script: `
const SQL = "insert into bench_clicks (site, ref, placement, page_url, utm_source, utm_medium," +
  " utm_campaign, landing_url, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
export default {
  async fetch(request, env) {
    const b = JSON.parse(await request.text());
    const t = b.touch ?? {};
    const r = await env.DB.prepare(SQL)
      .bind(b.site, b.ref, b.placement, b.page_url, t.utm_source ?? null, t.utm_medium ?? null,
        t.utm_campaign ?? null, t.landing_url ?? null, Date.now())
      .run();
    return Response.json({ ref: b.ref, recorded: r.meta.changes > 0 }, { status: 201 });
  },
};`,
};

/**
 * @type {Baseline} The click baseline plus what the hardening made every click do first: count
 * it against a Workers Rate Limiting binding (configured as the route's, with a limit no run
 * reaches). Miniflare simulates the binding with a round trip to a Durable Object, where
 * Cloudflare counts in memory on the machine; comparing with this baseline shows what the
 * route's own code costs with the simulator's share on both sides.
 */
export const limitedClickBaseline = {
  name: "baseline: JSON.parse + rate limiter + 1 D1 insert",
  schema: clickBaseline.schema,
  options: {
    ratelimits: { CLICK_LIMITER_60: { namespace_id: "7060", simple: { limit: 1e9, period: 60 } } },
  },
  script: clickBaseline.script.replace(
    "const t = b.touch ?? {};",
    `const key = b.site + "|" + (request.headers.get("cf-connecting-ip") ?? "no-ip");
    if (!(await env.CLICK_LIMITER_60.limit({ key })).success) {
      return Response.json({ error: { code: "rate_limited" } }, { status: 429 });
    }
    const t = b.touch ?? {};`,
  ),
};

/** @type {Baseline} Verify X-Hub-Signature-256 (HMAC-SHA256), one D1 insert of the raw body. */
export const webhookBaseline = {
  name: "baseline: HMAC verify + 1 D1 insert",
  schema: `create table bench_deliveries (id integer primary key autoincrement,
    body text not null, received_at integer not null)`,
  script: `
let key;
export default {
  async fetch(request, env) {
    const raw = await request.arrayBuffer();
    const hex = /^sha256=([0-9a-f]{64})$/i.exec(request.headers.get("x-hub-signature-256") ?? "")?.[1];
    key ??= crypto.subtle.importKey("raw", new TextEncoder().encode(env.WHATSAPP_APP_SECRET),
      { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
    const mac = new Uint8Array(32);
    for (let i = 0; i < 32; i++) mac[i] = Number.parseInt(hex?.slice(i * 2, i * 2 + 2) ?? "", 16);
    if (!hex || !(await crypto.subtle.verify("HMAC", await key, mac, raw))) {
      return Response.json({ error: { code: "unauthorized" } }, { status: 401 });
    }
    const r = await env.DB.prepare("insert into bench_deliveries (body, received_at) values (?, ?)")
      .bind(new TextDecoder().decode(raw), Date.now())
      .run();
    return Response.json({ received: true, id: r.meta.last_row_id });
  },
};`,
};

/**
 * A baseline that compares one header with a secret and inserts the raw body (the shape of
 * Telegram's and 360dialog's webhooks).
 * @param {string} header
 * @param {string} secret
 * @returns {Baseline}
 */
function secretHeaderBaseline(header, secret) {
  return {
    name: "baseline: secret header + 1 D1 insert",
    schema: `create table bench_updates (id integer primary key autoincrement,
    body text not null, received_at integer not null)`,
    script: `
export default {
  async fetch(request, env) {
    if (request.headers.get(${JSON.stringify(header)}) !== ${JSON.stringify(secret)}) {
      return Response.json({ error: { code: "unauthorized" } }, { status: 401 });
    }
    const body = await request.text();
    const r = await env.DB.prepare("insert into bench_updates (body, received_at) values (?, ?)")
      .bind(body, Date.now())
      .run();
    return Response.json({ received: true, id: r.meta.last_row_id });
  },
};`,
  };
}

export const telegramBaseline = secretHeaderBaseline(
  "x-telegram-bot-api-secret-token",
  BENCH_BOT.secret,
);
export const dialog360Baseline = secretHeaderBaseline("x-chatref-secret", BENCH_360.secret);

/**
 * @type {Baseline} Verify `X-Twilio-Signature` (HMAC-SHA1 over the URL and the sorted form
 * parameters), one D1 insert of the raw body, answer an empty TwiML.
 */
export const twilioBaseline = {
  name: "baseline: HMAC-SHA1 verify + 1 D1 insert",
  schema: `create table bench_forms (id integer primary key autoincrement,
    body text not null, received_at integer not null)`,
  script: `
const TOKEN = ${JSON.stringify(BENCH_TWILIO.token)};
let key;
export default {
  async fetch(request, env) {
    const body = await request.text();
    const pairs = [...new URLSearchParams(body)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const signed = new TextEncoder().encode(request.url + pairs.flat().join(""));
    key ??= crypto.subtle.importKey("raw", new TextEncoder().encode(TOKEN),
      { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await key, signed));
    if (btoa(String.fromCharCode(...mac)) !== request.headers.get("x-twilio-signature")) {
      return Response.json({ error: { code: "forbidden" } }, { status: 403 });
    }
    await env.DB.prepare("insert into bench_forms (body, received_at) values (?, ?)")
      .bind(body, Date.now())
      .run();
    return new Response('<?xml version="1.0" encoding="UTF-8"?><Response/>',
      { headers: { "content-type": "text/xml" } });
  },
};`,
};

/**
 * @type {Baseline} The scan route's work shape: one D1 select by a unique key (the short code),
 * one D1 insert of a scan row, answer 302 to wa.me. Seeded with the same code as the real run.
 */
export const scanBaseline = {
  name: "baseline: 1 indexed D1 select + 1 D1 insert",
  schema: [
    `create table bench_links (id text primary key, site_id text not null, code text not null
      unique, utm_source text, utm_medium text, utm_campaign text)`,
    `create table bench_scans (id integer primary key autoincrement, link_id text not null,
      site_id text not null, ref text not null, utm_source text, utm_medium text,
      utm_campaign text, user_agent text, created_at integer not null)`,
    `insert into bench_links values ('link_bench', 'site_bench', 'benchcod', 'poster', 'offline',
      'bench')`,
  ],
  script: `
const FIND = "select id, site_id, utm_source, utm_medium, utm_campaign from bench_links where code = ?";
const ADD = "insert into bench_scans (link_id, site_id, ref, utm_source, utm_medium, utm_campaign," +
  " user_agent, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)";
export default {
  async fetch(request, env) {
    const code = new URL(request.url).pathname.slice(3);
    const link = await env.DB.prepare(FIND).bind(code).first();
    if (!link) return new Response("not found", { status: 404 });
    const ref = crypto.randomUUID().slice(0, 10).toUpperCase();
    await env.DB.prepare(ADD)
      .bind(link.id, link.site_id, ref, link.utm_source, link.utm_medium, link.utm_campaign,
        request.headers.get("user-agent"), Date.now())
      .run();
    const text = encodeURIComponent("Hi! My code is " + ref);
    return new Response(null, {
      status: 302,
      headers: { location: "https://wa.me/15550009999?text=" + text, "cache-control": "no-store" },
    });
  },
};`,
};
