/**
 * Analytics ids read from first-party cookies: the GA client id (`_ga`), GA4 session ids
 * (`_ga_<STREAM>`), Meta's `_fbp` / `_fbc` and Yandex Metrica's `_ym_uid` (its ClientId: digits
 * only, at most 32; anything else is ignored). Read at page load and again at click time,
 * because gtag or the Meta pixel may set them after the widget has loaded.
 */
import { GA_SESSIONS_MAX, type GaSessions, type Touch } from "./protocol/click-beacon";

/** The cookie ids: touch fields, plus the GA4 sessions (sent with the click, not stored). */
export type CookieIds = Touch & { ga_sessions?: GaSessions };

/**
 * The analytics ids present in `cookie` (absent ones are left out), in one pass over the pairs
 * (the first of a repeated name wins, as the browser lists the most specific first; values are
 * percent-decoded where valid): `_ga` `GA1.1.123456789.1700000000` → `123456789.1700000000` (the
 * last two fields); `_fbp` and `_fbc` as they are; `_ym_uid` when it is 1–32 digits; and the
 * session ids of the `_ga_<STREAM>` cookies, by stream: `GS1.1.1732000000.5.1.…` (the third
 * field) or `GS2.1.s1732000000$o5$g1$…` (the `s` field), the first GA_SESSIONS_MAX valid ones.
 */
export function cookieIds(cookie: string): CookieIds {
  const ids: CookieIds = {};
  const sessions: GaSessions = {};
  const seen = new Set<string>();
  let n = 0;
  for (const pair of cookie.split(";")) {
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    if (eq < 1 || seen.has(name)) continue;
    seen.add(name);
    let value = pair.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // Keep the raw value when it is not valid percent-encoding.
    }
    const ga = value.split(".");
    if (name === "_ga" && ga.length > 3 && /^GA\d/i.test(value))
      ids.ga_client_id = ga.slice(-2).join(".");
    if ((name === "_fbp" || name === "_fbc") && value) ids[name.slice(1) as "fbp"] = value;
    if (name === "_ym_uid" && /^\d{1,32}$/.test(value)) ids.ym_uid = value;
    // The bounds of GA_STREAM_ID and GA_SESSION_ID, inlined (smaller than testing twice).
    const stream = /^_ga_([A-Z0-9]{1,20})$/.exec(name)?.[1];
    const id = /^GS\d\.\d+\.(?:.*\$)?s?(\d{1,20})(?![^.$])/.exec(value)?.[1];
    if (stream && id && n++ < GA_SESSIONS_MAX) sessions[stream] = id;
  }
  if (n) ids.ga_sessions = sessions;
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
