/**
 * Analytics ids read from first-party cookies: the GA client id (`_ga`) and Meta's `_fbp` /
 * `_fbc`. Read at page load and again at click time, because gtag or the Meta pixel may set
 * them after the widget has loaded.
 */
import type { Touch } from "./protocol/click-beacon";

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

/** The analytics ids present in `cookie` (absent ones are left out). */
export function cookieIds(cookie: string): Touch {
  const jar = parseCookies(cookie);
  const ids: Touch = {};
  const ga = gaClientId(jar.get("_ga"));
  if (ga) ids.ga_client_id = ga;
  const fbp = jar.get("_fbp");
  if (fbp) ids.fbp = fbp;
  const fbc = jar.get("_fbc");
  if (fbc) ids.fbc = fbc;
  return ids;
}

/** Reads the ids from the page's cookies; empty when cookies are unavailable. */
export function readCookieIds(): Touch {
  try {
    return cookieIds(document.cookie);
  } catch {
    return {};
  }
}
