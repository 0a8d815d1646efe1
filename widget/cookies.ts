/**
 * Analytics ids read from first-party cookies: the GA client id (`_ga`), GA4 session ids
 * (`_ga_<STREAM>`), Meta's `_fbp` / `_fbc` and Yandex Metrica's `_ym_uid` (its ClientId: digits
 * only, at most 32; anything else is ignored). Read at page load and again at click time,
 * because gtag or the Meta pixel may set them after the widget has loaded.
 */
import { GA_SESSIONS_MAX, type GaSessions, type Touch } from "./protocol/click-beacon";

/** The cookie ids: touch fields, plus the GA4 sessions (sent with the click, not stored). */
export type CookieIds = Touch & { ga_sessions?: GaSessions };

/** Parses `document.cookie` into a name → value map (malformed pairs are skipped). */
export function parseCookies(cookie: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of cookie.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 1) continue;
    const name = pair.slice(0, eq).trim();
    let value = pair.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // Keep the raw value when it is not valid percent-encoding.
    }
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

/** `GA1.1.123456789.1700000000` → `123456789.1700000000` (the last two fields), else "". */
export function gaClientId(cookie: string | undefined): string {
  const parts = (cookie ?? "").split(".");
  return parts.length >= 4 && /^GA\d/i.test(parts[0] ?? "") ? parts.slice(-2).join(".") : "";
}

/**
 * Session ids of the `_ga_<STREAM>` cookies, by stream: `GS1.1.1732000000.5.1.…` (the third
 * field) or `GS2.1.s1732000000$o5$g1$…` (the `s` field); the first GA_SESSIONS_MAX valid ones.
 */
export function gaSessions(jar: Map<string, string>): GaSessions | undefined {
  const out: GaSessions = {};
  let n = 0;
  for (const [name, value] of jar) {
    // The bounds of GA_STREAM_ID and GA_SESSION_ID, inlined (smaller than testing twice).
    const stream = /^_ga_([A-Z0-9]{1,20})$/.exec(name)?.[1];
    const id = /^GS\d\.\d+\.(?:.*\$)?s?(\d{1,20})(?![^.$])/.exec(value)?.[1];
    if (stream && id && n++ < GA_SESSIONS_MAX) out[stream] = id;
  }
  return n ? out : undefined;
}

/** The analytics ids present in `cookie` (absent ones are left out). */
export function cookieIds(cookie: string): CookieIds {
  const jar = parseCookies(cookie);
  const ids: CookieIds = {};
  const ga = gaClientId(jar.get("_ga"));
  if (ga) ids.ga_client_id = ga;
  const fbp = jar.get("_fbp");
  if (fbp) ids.fbp = fbp;
  const fbc = jar.get("_fbc");
  if (fbc) ids.fbc = fbc;
  const ym = jar.get("_ym_uid");
  if (ym && /^\d{1,32}$/.test(ym)) ids.ym_uid = ym;
  const sessions = gaSessions(jar);
  if (sessions) ids.ga_sessions = sessions;
  return ids;
}

/** Reads the ids from the page's cookies; empty when cookies are unavailable. */
export function readCookieIds(): CookieIds {
  try {
    return cookieIds(document.cookie);
  } catch {
    return {};
  }
}
