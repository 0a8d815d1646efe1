/**
 * The checks of `npx chatref doctor` (scripts/chatref-doctor.mjs), one function each: the Worker,
 * the admin token and the site, Meta's verify-token handshake, a signed status-only webhook, a
 * click beacon. Each resolves to ✓ or ✗ with the fix; none throws for an answer it expected.
 */
import { createHmac, randomBytes } from "node:crypto";
import { ApiFailure, allPages, fetchWorker } from "./chatref-api.mjs";

/** What a check came to: "ok", "fail" or "skip", what was seen, and the fix when it failed. */
export const ok = (detail) => ({ status: "ok", detail });
export const fail = (detail, fix) => ({ status: "fail", detail, fix });
export const skip = (detail) => ({ status: "skip", detail });

/** The doctor's own marks on what it writes, so it can be told apart from real traffic. */
export const DOCTOR_SOURCE = "chatref-doctor";

/** One request to the Worker (chatref-api.mjs), with a doctor's shorter patience. */
const call = (method, pathname, { headers = {}, body } = {}) =>
  fetchWorker(method, pathname, { headers, body, timeoutMs: 15_000 });

const REF_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A fresh ref code (widget/protocol/ref-codec.ts: 8 random symbols + a mod-1021 check). */
export function doctorRef() {
  const payload = [...randomBytes(8)].map((b) => REF_ALPHABET[b & 31]).join("");
  let value = 0;
  for (const ch of payload) value = value * 32 + REF_ALPHABET.indexOf(ch);
  const check = value % 1021;
  return payload + REF_ALPHABET[check >> 5] + REF_ALPHABET[check & 31];
}

/** An origin a browser could send for an allowed-origin pattern (`*` host label or port filled). */
export function concreteOrigin(pattern) {
  if (pattern === "*") return "https://chatref-doctor.example";
  return pattern.replace("://*.", "://www.").replace(/:\*$/, ":8080");
}

/** The Worker answers its liveness route (`GET /healthz`). */
export async function checkWorker() {
  try {
    const r = await call("GET", "/healthz");
    if (r.status === 200 && r.json?.ok === true) return ok("GET /healthz answers 200");
    return fail(
      `GET /healthz answered HTTP ${r.status}, not chatref's {"ok":true}`,
      "--url must be the Worker's base URL (https://<your domain or *.workers.dev>), without a path",
    );
  } catch (err) {
    return fail(
      err.message,
      "check --url; deploy with `npm run build && npx wrangler deploy` (README, Deploy)",
    );
  }
}

/** Every site, then the one --site names (key or id), or the only one. */
export async function checkAdmin(o) {
  let sites;
  try {
    sites = await allPages("/api/v1/sites");
  } catch (err) {
    if (!(err instanceof ApiFailure)) throw err;
    const fix =
      err.status === 403
        ? "administration is disabled: npx wrangler secret put CHATREF_ADMIN_TOKEN (openssl rand -hex 32)"
        : "pass the Worker's admin token: --admin-token or env CHATREF_ADMIN_TOKEN (set on the Worker with npx wrangler secret put CHATREF_ADMIN_TOKEN)";
    return { result: fail(`GET /api/v1/sites: HTTP ${err.status} ${err.message}`, fix) };
  }
  const want = o.site;
  const site = want ? sites.find((s) => s.key === want || s.id === want) : sites[0];
  if (want && !site)
    return {
      result: fail(
        `the admin token works, but no site has key or id "${want}" (sites: ${sites.map((s) => s.key).join(", ") || "none"})`,
        "create it: npx chatref sites create --url … --key … --name … --number … --phone-number-id … --origin https://<your site>",
      ),
    };
  if (!site)
    return {
      result: fail(
        "the admin token works, but the Worker has no site yet",
        "create one: npx chatref sites create --url … --key … --name … --number … --phone-number-id … --origin https://<your site>",
      ),
    };
  if (!want && sites.length > 1)
    return {
      result: fail(
        `the admin token works; ${sites.length} sites, which one? (${sites.map((s) => s.key).join(", ")})`,
        "pass --site <site key or id>",
      ),
    };
  return { site, result: ok(`GET /api/v1/sites answers; site "${site.key}" (${site.id})`) };
}

/** Meta's verify-token handshake (protocols.md §1.7) with `token`: the challenge comes back. */
export async function checkHandshake(token) {
  if (!token)
    return fail(
      "no verify token to test with",
      "pass --verify-token <the token in Meta's webhook settings> or set WHATSAPP_VERIFY_TOKEN",
    );
  const challenge = randomBytes(6).toString("hex");
  const q = new URLSearchParams({
    "hub.mode": "subscribe",
    "hub.verify_token": token,
    "hub.challenge": challenge,
  });
  const r = await call("GET", `/webhooks/whatsapp?${q}`);
  if (r.status === 200 && r.text === challenge)
    return ok("GET /webhooks/whatsapp echoes the challenge: Meta's “Verify and save” will pass");
  return fail(
    `GET /webhooks/whatsapp?hub.mode=subscribe… answered HTTP ${r.status}`,
    "the verify token does not match the Worker's WHATSAPP_VERIFY_TOKEN (Meta's “Verify and save” fails the same way): set it with npx wrangler secret put WHATSAPP_VERIFY_TOKEN and type the same token in Meta (WhatsApp › Configuration › Webhook › Verify token)",
  );
}

/** A delivery receipt for a message id that never existed: nothing in it names a person. */
export function statusOnlyDelivery(site, now = Date.now()) {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: site.waba_id ?? "0",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: {
                display_phone_number: site.wa_number,
                phone_number_id: site.phone_number_id,
              },
              statuses: [
                {
                  id: `wamid.${DOCTOR_SOURCE}-${now}`,
                  status: "delivered",
                  timestamp: String(Math.floor(now / 1000)),
                  recipient_id: "0",
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

/** A status-only delivery for the site's number, signed with `secret`, is accepted. */
export async function checkSignature(site, secret) {
  if (!secret)
    return fail(
      "no app secret to sign with",
      "pass --app-secret <App secret from developers.facebook.com › your app › App settings › Basic> or set WHATSAPP_APP_SECRET",
    );
  const body = statusOnlyDelivery(site);
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const r = await call("POST", "/webhooks/whatsapp", {
    headers: { "content-type": "application/json", "x-hub-signature-256": signature },
    body,
  });
  if (r.status === 200 && r.json?.statuses === 1)
    return ok(
      `a signed status-only delivery for phone_number_id ${site.phone_number_id} was accepted (no contact, message or lead recorded)`,
    );
  if (r.status === 401)
    return fail(
      "POST /webhooks/whatsapp refused the signature (HTTP 401): Meta's real webhooks would be refused too",
      "WHATSAPP_APP_SECRET does not match the Meta app's secret: copy App secret from developers.facebook.com › your app › App settings › Basic, then npx wrangler secret put WHATSAPP_APP_SECRET (and pass the same to --app-secret)",
    );
  return fail(
    `POST /webhooks/whatsapp answered HTTP ${r.status}: ${r.text.slice(0, 200)}`,
    "see the Worker's log: npx wrangler tail",
  );
}

/** A click beacon from `origin`, tagged as the doctor's, is recorded (not refused). */
export async function checkBeacon(site, origin) {
  const landing = `${origin}/?utm_source=${DOCTOR_SOURCE}&utm_medium=test`;
  const beacon = {
    site: site.key,
    ref: doctorRef(),
    placement: "button",
    channel: "whatsapp",
    page_url: landing,
    touch: { utm_source: DOCTOR_SOURCE, utm_medium: "test", landing_url: landing, at: Date.now() },
  };
  const r = await call("POST", "/v1/clicks", {
    headers: { "content-type": "text/plain;charset=UTF-8", origin },
    body: JSON.stringify(beacon),
  });
  if (r.status === 201 || r.status === 200)
    return ok(
      `a beacon from ${origin} was recorded: one test click, utm_source=${DOCTOR_SOURCE} (it counts in the stats under that source; --skip-beacon leaves it out)`,
    );
  if (r.status === 403)
    return fail(
      `a beacon from ${origin} was refused (HTTP 403): ${r.json?.error?.message ?? r.text.slice(0, 200)}`,
      `add the page's origin: npx chatref sites update ${site.id} ${[...site.allowed_origins, origin].map((x) => `--origin ${x.includes("*") ? `"${x}"` : x}`).join(" ")}`,
    );
  if (r.status === 429)
    return fail("the click rate limit answered 429", "wait a minute and run doctor again");
  return fail(
    `POST /v1/clicks answered HTTP ${r.status}: ${r.text.slice(0, 200)}`,
    "see the Worker's log: npx wrangler tail",
  );
}
