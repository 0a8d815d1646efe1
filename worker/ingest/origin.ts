/**
 * Allowed-origin matching for click beacons. A pattern is an origin (`https://shop.example`),
 * optionally with `*` as the first host label (`https://*.example.com`) or as the port
 * (`http://localhost:*`), or `*` alone for any origin.
 */

function split(origin: string): { scheme: string; host: string; port: string } | null {
  const m = /^(https?):\/\/([^/:]+)(?::(\d+|\*))?$/i.exec(origin);
  if (!m) return null;
  const scheme = (m[1] ?? "").toLowerCase();
  // A default port written out (`https://shop.example:443`) is the origin without it.
  const port = m[3] === DEFAULT_PORT[scheme] ? "" : (m[3] ?? "");
  return { scheme, host: (m[2] ?? "").toLowerCase(), port };
}

/** True when `origin` (the request's Origin header) matches one of `patterns`. */
export function originAllowed(origin: string | undefined, patterns: readonly string[]): boolean {
  if (patterns.includes("*")) return true;
  if (!origin) return false;
  const o = split(origin);
  if (!o) return false;
  return patterns.some((pattern) => {
    const p = split(pattern);
    if (!p || p.scheme !== o.scheme) return false;
    if (p.port !== "*" && p.port !== o.port) return false;
    if (p.host.startsWith("*."))
      return o.host.endsWith(p.host.slice(1)) && o.host.length > p.host.length - 1;
    return p.host === o.host;
  });
}

/** The default port of each scheme, which a browser's Origin header never shows. */
const DEFAULT_PORT: Record<string, string> = { http: "80", https: "443" };

/** Placeholders that let the URL parser read a wildcard pattern (`*` is no host or port). */
const WILD_HOST = "chatref-wildcard-label.";
const WILD_PORT = "65535";

/**
 * An allowed origin as people paste it, in the form stored and matched: scheme and host in
 * lower case (an international name in its ASCII form), the default port dropped, and any path,
 * query, fragment or trailing slash cut (`HTTPS://Shop.Example:443/cart/` →
 * `https://shop.example`). Wildcards keep working (`https://*.example.com`, `http://localhost:*`)
 * and `*` stays `*`. Null when it is not an http(s) origin (no scheme, user info, a bad host).
 */
export function normaliseOrigin(input: string): string | null {
  const s = input.trim();
  if (s === "*") return s;
  const m = /^(https?):\/\/(\*\.)?([^/?#]*?)(:\*)?(?:[/?#].*)?$/i.exec(s);
  if (!m) return null;
  const [, scheme = "", wildHost, hostPort = "", wildPort] = m;
  if (hostPort.includes("@") || hostPort.includes("*")) return null;
  let url: URL;
  try {
    url = new URL(
      `${scheme}://${wildHost ? WILD_HOST : ""}${hostPort}${wildPort ? `:${WILD_PORT}` : ""}`,
    );
  } catch {
    return null;
  }
  if (wildPort && url.port !== WILD_PORT) return null;
  let host = url.hostname;
  if (wildHost) {
    if (!host.startsWith(WILD_HOST)) return null;
    host = `*.${host.slice(WILD_HOST.length)}`;
  }
  const port = wildPort ? "*" : url.port;
  return `${url.protocol.slice(0, -1)}://${host}${port ? `:${port}` : ""}`;
}
