#!/usr/bin/env node
/**
 * The local forwarding receiver that `npm start` runs next to the Worker: it stands in for GA4,
 * Meta and a customer's webhook endpoint, so the demo shows every lead arriving with no network.
 * One line per delivery. Webhooks are checked like a real receiver does: Standard Webhooks
 * signature with the demo signing secret, a 5-minute timestamp tolerance, and de-duplication on
 * webhook-id (a retry of an event already processed is acknowledged and reported as a duplicate).
 *
 *   POST /webhook                 signed lead.created / lead.updated events
 *   POST /ga4/mp/collect          GA4 Measurement Protocol bodies
 *   POST /meta/<dataset>/events   Meta Conversions API bodies
 *   POST /google/token            an OAuth token endpoint (hands out GOOGLE_ACCESS_TOKEN)
 *   POST /google/v1/events:ingest Google Ads Data Manager bodies (that bearer token required)
 *   POST /yandex/management/v1/counter/<id>/offline_conversions/upload?type=CHATS|BASIC
 *                                 Metrica CSV uploads (multipart field `file`, OAuth header)
 *   GET  /yandex/management/v1/counter/<id>/offline_conversions/uploadings/<upload id>
 *                                 an upload's status (always PROCESSED, every line linked)
 *   POST /microsoft/…             Microsoft Advertising token and conversions (receiver-microsoft.mjs)
 *
 * Standalone: `node scripts/local-receiver.mjs` (RECEIVER_PORT, default 8790).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { microsoftAnswer } from "./receiver-microsoft.mjs";

/** The demo webhook destination's signing secret (scripts/demo-seed.sql). */
export const DEMO_SIGNING_SECRET = "whsec_Y2hhdHJlZi1sb2NhbC1kZW1vLXNpZ25pbmcta2V5ISE=";
const TOLERANCE_S = 5 * 60;
/** The access token /google/token hands out and /google/v1/events:ingest requires. */
export const GOOGLE_ACCESS_TOKEN = "local-demo-google-access-token";
/** The demo Metrica destination's OAuth token (scripts/demo-seed.sql). */
export const YANDEX_OAUTH_TOKEN = "dev-yandex-oauth-token";
/** Lines per Metrica upload id, for the status answers. */
const yandexUploads = new Map();

/**
 * The CSV in a multipart/form-data body's `file` field, or null.
 * @param {string} contentType
 * @param {string} body
 */
function multipartFile(contentType, body) {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  if (!boundary) return null;
  for (const part of body.split(`--${boundary}`)) {
    const at = part.indexOf("\r\n\r\n");
    if (at < 0 || !/name="file"/.test(part.slice(0, at))) continue;
    return part.slice(at + 4).replace(/\r\n$/, "");
  }
  return null;
}

/**
 * Whether the Standard Webhooks headers sign `body` with `secret`.
 * @param {string} secret `whsec_<base64>`
 * @param {Record<string, string | string[] | undefined>} headers
 * @param {string} body
 */
export function verifyWebhook(secret, headers, body, now = Date.now()) {
  const id = String(headers["webhook-id"] ?? "");
  const timestamp = String(headers["webhook-timestamp"] ?? "");
  const signatures = String(headers["webhook-signature"] ?? "").split(" ");
  if (!id || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > TOLERANCE_S) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.some((entry) => {
    const [version, value = ""] = entry.split(",");
    const given = Buffer.from(value, "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** @param {import("node:http").IncomingMessage} req */
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

const short = (value, max = 60) => {
  const s = String(value ?? "");
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

/**
 * @typedef {object} Delivery One request the receiver accepted.
 * @property {"webhook" | "ga4" | "meta" | "google_ads" | "tiktok" | "yandex_metrica" | "microsoft_ads"} kind
 * @property {string} id The webhook-id, GA4 client_id, Meta or TikTok event_id, Google
 *   transactionId, or Microsoft MicrosoftClickId + ConversionTime.
 * @property {boolean} duplicate A webhook-id (or Microsoft conversion) seen before.
 * @property {number} at performance.now() when it arrived.
 * @property {unknown} body The parsed body.
 */

/**
 * Starts the receiver.
 * @param {{ port?: number, host?: string, log?: (line: string) => void, secret?: string,
 *   onDelivery?: (d: Delivery) => void }} [options] `onDelivery` sees every accepted request
 *   (the bench measures lead-to-delivery latency with it).
 * @returns {Promise<{ origin: string, close: () => Promise<void>, setSecret: (s: string) => void,
 *   stats: { received: number, unique: number } }>}
 */
export async function startReceiver(options = {}) {
  const log = options.log ?? ((line) => console.log(line));
  const onDelivery = options.onDelivery ?? (() => {});
  let secret = options.secret ?? DEMO_SIGNING_SECRET;
  const seen = new Set();
  const stats = { received: 0, unique: 0 };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://receiver");
    const body = await readBody(req);
    const answer = (status, value = {}) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    try {
      if (req.method === "POST" && url.pathname === "/webhook") {
        stats.received++;
        if (!verifyWebhook(secret, req.headers, body)) {
          log("[receiver] webhook  REJECTED: bad signature or timestamp");
          return answer(401, { error: "bad signature" });
        }
        const id = String(req.headers["webhook-id"]);
        const event = JSON.parse(body);
        const at = performance.now();
        onDelivery({ kind: "webhook", id, duplicate: seen.has(id), at, body: event });
        if (seen.has(id)) {
          log(`[receiver] webhook  duplicate ${id} (already processed; acknowledged)`);
          return answer(200, { duplicate: true });
        }
        seen.add(id);
        stats.unique++;
        const lead = event.data ?? {};
        const t = lead.touch ?? {};
        const source =
          lead.attribution === "ref"
            ? `${t.utm_source ?? "-"}/${t.utm_medium ?? "-"}/${t.utm_campaign ?? "-"}`
            : lead.attribution === "ctwa"
              ? `ad ${lead.ctwa?.source_id ?? "?"}`
              : "none";
        log(
          `[receiver] webhook  ${event.type} ${lead.id} from ${lead.contact?.wa_id} — ${lead.attribution}: ${source} (signature ok)`,
        );
        return answer(200);
      }
      if (req.method === "POST" && url.pathname === "/ga4/mp/collect") {
        const payload = JSON.parse(body);
        const at = performance.now();
        onDelivery({ kind: "ga4", id: payload.client_id, duplicate: false, at, body: payload });
        const names = (payload.events ?? []).map((e) => e.name).join(" + ");
        const campaign = payload.events?.find((e) => e.name === "campaign_details")?.params ?? {};
        log(
          `[receiver] GA4      ${names} client_id=${payload.client_id} ${campaign.source ?? "-"}/${campaign.medium ?? "-"}/${campaign.campaign ?? "-"}`,
        );
        res.writeHead(204);
        return res.end();
      }
      const meta = /^\/meta\/(\d+)\/events$/.exec(url.pathname);
      if (req.method === "POST" && meta) {
        const payload = JSON.parse(body);
        const at = performance.now();
        for (const e of payload.data ?? []) {
          onDelivery({ kind: "meta", id: e.event_id, duplicate: false, at, body: payload });
          const ids = Object.keys(e.user_data ?? {}).join(",");
          log(
            `[receiver] Meta     ${e.event_name} ${e.action_source} event_id=${short(e.event_id, 48)} user_data=${ids}`,
          );
        }
        return answer(200, { events_received: payload.data?.length ?? 0 });
      }
      if (req.method === "POST" && url.pathname === "/google/token") {
        const grant = new URLSearchParams(body).get("grant_type") ?? "-";
        log(`[receiver] Google   OAuth token (${grant})`);
        return answer(200, {
          access_token: GOOGLE_ACCESS_TOKEN,
          expires_in: 3599,
          token_type: "Bearer",
        });
      }
      if (req.method === "POST" && url.pathname === "/google/v1/events:ingest") {
        if (req.headers.authorization !== `Bearer ${GOOGLE_ACCESS_TOKEN}`) {
          log("[receiver] Google   REJECTED: no valid bearer token");
          return answer(401, { error: { code: 401, status: "UNAUTHENTICATED" } });
        }
        const payload = JSON.parse(body);
        const at = performance.now();
        for (const e of payload.events ?? []) {
          onDelivery({
            kind: "google_ads",
            id: e.transactionId,
            duplicate: false,
            at,
            body: payload,
          });
          const click = Object.entries(e.adIdentifiers ?? {})
            .map(([k, v]) => `${k}=${short(String(v), 24)}`)
            .join(" ");
          log(
            `[receiver] Google   conversion ${click} transactionId=${e.transactionId} phone=${e.userData ? "hashed" : "-"}${payload.validateOnly ? " (validateOnly)" : ""}`,
          );
        }
        return answer(200, { requestId: `local-${Date.now()}` });
      }
      if (req.method === "POST" && url.pathname === "/tiktok/open_api/v1.3/event/track/") {
        const payload = JSON.parse(body);
        const at = performance.now();
        for (const e of payload.data ?? []) {
          onDelivery({ kind: "tiktok", id: e.event_id, duplicate: false, at, body: payload });
          log(
            `[receiver] TikTok   ${e.event} pixel=${payload.event_source_id} ttclid=${short(e.user?.ttclid, 24)} event_id=${short(e.event_id, 48)} phone=${e.user?.phone ? "hashed" : "-"}`,
          );
        }
        // TikTok's success answer: HTTP 200 with code 0 (errors come as 200 with another code).
        return answer(200, { code: 0, message: "OK", request_id: `local-${Date.now()}`, data: {} });
      }
      const microsoft = microsoftAnswer(req, url.pathname, body, { log, onDelivery });
      if (microsoft) return answer(microsoft.status, microsoft.body);
      const ym =
        /^\/yandex\/management\/v1\/counter\/(\d+)\/offline_conversions\/(upload|uploadings\/(\d+))$/.exec(
          url.pathname,
        );
      if (ym) {
        if (req.headers.authorization !== `OAuth ${YANDEX_OAUTH_TOKEN}`) {
          log("[receiver] Metrica  REJECTED: no valid OAuth token");
          return answer(401, { code: 401, message: "Invalid oauth_token" });
        }
        if (req.method === "GET" && ym[3]) {
          const lines = yandexUploads.get(ym[3]) ?? 0;
          log(`[receiver] Metrica  status of upload ${ym[3]}: PROCESSED (${lines} lines linked)`);
          return answer(200, {
            uploading: {
              id: Number(ym[3]),
              status: "PROCESSED",
              line_quantity: lines,
              linked_quantity: lines,
            },
          });
        }
        const csv =
          req.method === "POST"
            ? multipartFile(String(req.headers["content-type"] ?? ""), body)
            : null;
        if (csv === null) return answer(400, { code: 400, message: "no CSV in field file" });
        const [header = "", ...lines] = csv.trimEnd().split("\n");
        const type = url.searchParams.get("type") ?? "BASIC";
        const id = 1_000_000 + yandexUploads.size;
        yandexUploads.set(String(id), lines.length);
        const at = performance.now();
        const columns = header.split(",");
        log(
          `[receiver] Metrica  ${type} upload ${id} counter=${ym[1]}: ${lines.length} lines (${header})`,
        );
        for (const line of lines) {
          const cells = Object.fromEntries(line.split(",").map((v, i) => [columns[i], v]));
          const lineId = cells.ChatUserID ?? cells.Yclid ?? line;
          onDelivery({ kind: "yandex_metrica", id: lineId, duplicate: false, at, body: cells });
          log(`[receiver] Metrica    ${line}`);
        }
        return answer(200, {
          uploading: {
            id,
            type,
            status: "UPLOADED",
            line_quantity: lines.length,
            create_time: new Date().toISOString(),
          },
        });
      }
      return answer(404, { error: "unknown path" });
    } catch (err) {
      log(`[receiver] could not read a delivery: ${err instanceof Error ? err.message : err}`);
      return answer(400, { error: "bad body" });
    }
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve(undefined));
  });
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    origin: `http://${host}:${address.port}`,
    stats,
    /** Verifies webhooks with another signing secret from now on. */
    setSecret: (next) => {
      secret = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const receiver = await startReceiver({ port: Number(process.env.RECEIVER_PORT || 8790) });
  console.log(`[receiver] listening on ${receiver.origin}`);
}
