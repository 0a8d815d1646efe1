/**
 * The admin API client of the `chatref` CLI (scripts/chatref.mjs): one request function with
 * bounded waiting, its three failure kinds, and the plain-text renderings of its answers.
 */

/** The local Worker `npm start` serves. */
export const DEFAULT_URL = "http://127.0.0.1:8787";

export class UsageError extends Error {}
export class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
export class Unreachable extends Error {}

/** Where `request` goes and with which token; `main` sets both before running a command. */
/** Where and how the CLI calls (set by main): Worker URL, admin token, environment. */
export const settings = { url: DEFAULT_URL, token: "", env: {} };

/**
 * One request to the Worker: its status, text and JSON (if any), or Unreachable when no answer
 * came. `request` (the admin API) and `doctor`'s checks both go through it.
 */
export async function fetchWorker(
  method,
  pathname,
  { headers = {}, body, timeoutMs = 30_000 } = {},
) {
  let res;
  let text;
  try {
    res = await fetch(new URL(pathname, `${settings.url}/`), {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    throw new Unreachable(`cannot reach ${settings.url}: ${err.cause?.message ?? err.message}`);
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, ok: res.ok, statusText: res.statusText, text, json };
}

/** A JSON request with the token in use; the answer's JSON, or ApiFailure. */
export async function request(method, pathname, body) {
  const res = await fetchWorker(method, pathname, {
    headers: {
      authorization: `Bearer ${settings.token}`,
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok)
    throw new ApiFailure(
      res.status,
      res.json?.error?.code ?? "http_error",
      res.json?.error?.message ?? (res.text.slice(0, 200) || res.statusText),
    );
  if (res.json === undefined)
    throw new ApiFailure(res.status, "bad_response", `not JSON: ${res.text.slice(0, 200)}`);
  return res.json;
}

/** Every item of a paged admin list (`/api/v1/sites`), following `next_cursor`. */
export async function allPages(pathname) {
  const data = [];
  let cursor = null;
  do {
    const query = `?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page = await request("GET", `${pathname}${query}`);
    data.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return data;
}

export function siteText(s) {
  return [
    `Site ${s.id}`,
    `  key              ${s.key}`,
    `  name             ${s.name}`,
    `  number           ${s.wa_number}`,
    `  phone_number_id  ${s.phone_number_id}`,
    `  allowed origins  ${s.allowed_origins.join(" ") || "(none: beacons are refused)"}`,
    `  waba_id          ${s.waba_id ?? "-"}`,
    `  time zone        ${s.timezone}`,
    `  click limit      ${s.click_rate_limit ?? 60} a minute per client`,
    `  consent default  ${s.consent_default ?? "granted"} (where a click carries no Consent Mode state)`,
    `  inference        ${s.inference ?? "on"} (a first message without its ref may be inferred to a recent click)`,
    `  created          ${s.created_at}`,
  ].join("\n");
}

export function newKeyText(k) {
  return [
    `API key ${k.id} (${k.name})${k.scope ? `, scope ${k.scope}` : ""}`,
    `  ${k.key}`,
    "  Store it now: it is shown only once (only its hash is kept).",
  ].join("\n");
}

/** A plain text table; `columns` maps a header to the cell of a row. */
export function table(rows, columns) {
  if (!rows.length) return "(none)";
  const heads = Object.keys(columns);
  const cells = rows.map((r) => heads.map((h) => String(columns[h](r) ?? "")));
  const widths = heads.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) =>
    c
      .map((v, i) => v.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(heads.map((h) => h.toUpperCase())), ...cells.map(line)].join("\n");
}

/** A `--name <value>` option described by `desc` (chatref.mjs parses it with node:util). */
export const stringOption = (desc) => ({ type: "string", desc });
