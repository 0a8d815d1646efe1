/**
 * Allowed-origin matching for click beacons. A pattern is an origin (`https://shop.example`),
 * optionally with `*` as the first host label (`https://*.example.com`) or as the port
 * (`http://localhost:*`), or `*` alone for any origin.
 */

function split(origin: string): { scheme: string; host: string; port: string } | null {
  const m = /^(https?):\/\/([^/:]+)(?::(\d+|\*))?$/i.exec(origin);
  if (!m) return null;
  return { scheme: (m[1] ?? "").toLowerCase(), host: (m[2] ?? "").toLowerCase(), port: m[3] ?? "" };
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
