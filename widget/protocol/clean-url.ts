/**
 * Page, landing and referrer URLs lose what must never be stored as attribution: the fragment
 * (OAuth implicit flows put `#access_token=` there), userinfo, and query parameters that look
 * like credentials or contact details. The widget cleans before sending and the Worker cleans
 * again before storing (a beacon can be forged), both with this one function.
 *
 * Removed parameters, by name, case-insensitive (`-` and `_` alike):
 * token, access_token, refresh_token, id_token, auth, authorization, auth_token, jwt, bearer,
 * password, passwd, pwd, pass, secret, client_secret, key, api_key, apikey, session, sessionid,
 * session_id, sid, jsessionid, phpsessid, code, otp, signature, sig, email, e-mail, mail,
 * phone; and any name ending in `_token`, `_secret`, `_password`, `_key` or `_session`.
 * Everything else (UTM tags, click ids, the shop's own parameters) is kept byte for byte.
 */

/**
 * The names above as one pattern (smaller in widget.js than a list): a name ending in `_token`,
 * `_secret`, `_password`, `_key` or `_session` may be just that word, or have a prefix.
 */
const SECRET =
  /^(?:[\s\S]*_)?(?:token|secret|password|key|session)$|^(?:auth(?:orization)?|jwt|bearer|passwd|pwd|pass|apikey|j?sessionid|phpsessid|session_id|sid|code|otp|sig(?:nature)?|e_?mail|mail|phone)$/;

/** True when a query parameter called `name` is removed by `cleanUrl`. */
export function isSecretParam(name: string): boolean {
  return SECRET.test(name.trim().toLowerCase().replace(/-/g, "_"));
}

function paramName(part: string): string {
  const name = part.split("=", 1)[0] ?? "";
  try {
    return decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    return name;
  }
}

/**
 * `raw` without fragment, userinfo and credential-like query parameters. Text that is not an
 * absolute URL keeps only what precedes its first `?` or `#`.
 */
export function cleanUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.replace(/[?#][\s\S]*$/, "");
  }
  url.hash = "";
  url.username = "";
  url.password = "";
  const parts = url.search.slice(1).split("&");
  const kept = parts.filter((p) => p !== "" && !isSecretParam(paramName(p)));
  // Rewritten only when something goes, so the rest of the query keeps its exact encoding.
  if (kept.length !== parts.length) url.search = kept.length ? `?${kept.join("&")}` : "";
  return url.href;
}
