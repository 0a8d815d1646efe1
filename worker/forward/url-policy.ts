/**
 * Where a destination may send: checked when a destination is created or updated, and again on
 * the exact URL right before every request (deliver.ts), so a row stored before these rules, or
 * under a different setting, is never fetched.
 *
 * - https only, no userinfo (`user:pass@` would travel to whoever answers);
 * - no IP literal in a special range (ip-ranges.ts). The URL is parsed first: the WHATWG parser
 *   turns every numeric IPv4 form (`0177.0.0.1`, `0x7f.1`, `2130706433`, `127.1`) into dotted
 *   decimal and IPv6 into its compressed form, so the check sees one canonical host;
 * - no local names: `localhost`, `*.localhost`, `*.local`, `*.internal`, `*.home.arpa`, and no
 *   single-label host (resolved by search domains on a private network);
 * - GA4, Meta, Google Ads, TikTok, Yandex and Microsoft credentials only to their vendors' hosts.
 *
 * With CHATREF_LOCAL_DEV=1 (`.dev.vars` for `npm start`, the test config; never production)
 * loopback hosts are allowed too, over http, for the local receiver and the test fakes.
 *
 * Hostnames are not resolved (a Worker has no DNS API): on Cloudflare a Worker's fetch leaves
 * from Cloudflare's edge, not from the operator's network (SECURITY.md).
 */
import type { DestinationKind } from "../db/schema";
import { ApiError } from "../http/errors";
import { isLocalDev } from "./env";
import { ipv4Range, ipv6Range, isLoopbackIp, parseIpv4, parseIpv6 } from "./ip-ranges";

/** The hosts a kind's credential may go to (null: any public host). */
export const ALLOWED_HOSTS: Record<DestinationKind, readonly string[] | null> = {
  // Measurement Protocol collection hosts (protocols.md §4): global and EU data collection.
  ga4: ["www.google-analytics.com", "region1.google-analytics.com"],
  meta_capi: ["graph.facebook.com"],
  webhook: null,
  // Data Manager API and Google's OAuth token endpoint (protocols.md §6.1): the access token and
  // the refresh token / signed assertion go nowhere else.
  google_ads: ["datamanager.googleapis.com", "oauth2.googleapis.com"],
  // TikTok Events API (protocols.md §6.4): the access token goes nowhere else.
  tiktok: ["business-api.tiktok.com"],
  // Metrica's Management API (protocols.md §6.2): the OAuth token goes nowhere else.
  yandex_metrica: ["api-metrika.yandex.net"],
  // Campaign Management API and the Microsoft identity platform (protocols.md §6.3): the access
  // and developer tokens go to the first, the refresh token and client secret to the second.
  microsoft_ads: ["campaign.api.bingads.microsoft.com", "login.microsoftonline.com"],
};

const LOCAL_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa"];

/** Whether a URL's canonical hostname is loopback: 127.0.0.0/8, [::1] or localhost. */
function isLoopbackHost(hostname: string): boolean {
  if (hostname === "localhost") return true;
  const ip4 = parseIpv4(hostname);
  if (ip4 !== null) return isLoopbackIp(ip4);
  const ip6 = hostname.startsWith("[") ? parseIpv6(hostname.slice(1, -1)) : null;
  return ip6 !== null && isLoopbackIp(ip6);
}

/** Why the host may not be reached, or null. `hostname` is canonical, without trailing dots. */
function hostProblem(hostname: string): string | null {
  const ip4 = parseIpv4(hostname);
  if (ip4 !== null) {
    const range = ipv4Range(ip4);
    return range ? `host ${hostname} is ${range}` : null;
  }
  if (hostname.startsWith("[")) {
    const ip6 = parseIpv6(hostname.slice(1, -1));
    if (!ip6) return `host ${hostname} is not a valid IPv6 address`;
    const range = ipv6Range(ip6);
    return range ? `host ${hostname} is ${range}` : null;
  }
  if (hostname === "localhost" || LOCAL_SUFFIXES.some((s) => hostname.endsWith(s)))
    return `host ${hostname} is a local name`;
  if (!hostname.includes(".")) return `host ${hostname} is not a public domain name`;
  return null;
}

/**
 * Why a destination of `kind` may not send to `raw`, or null when it may. The answer names the
 * host but never the rest of the URL (its query can carry the credential).
 */
export function urlProblem(raw: string, kind: DestinationKind, localDev: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "not a valid URL";
  }
  if (url.username || url.password)
    return "credentials in the URL (user:password@) are not allowed";
  const hostname = url.hostname.replace(/\.+$/, "");
  if (localDev && isLoopbackHost(hostname))
    return url.protocol === "https:" || url.protocol === "http:"
      ? null
      : "only https URLs are allowed";
  if (url.protocol !== "https:") return "only https URLs are allowed";
  const problem = hostProblem(hostname);
  if (problem) return problem;
  const allowed = ALLOWED_HOSTS[kind];
  if (allowed && !allowed.includes(hostname))
    return `host ${hostname} is not allowed for ${kind}; use ${allowed.join(" or ")}`;
  return null;
}

/** The config fields that hold a URL the destination sends to. */
export const URL_FIELDS = ["endpoint", "url", "token_endpoint"] as const;

/**
 * Checks every URL field of a validated config; throws 400 `validation_failed` naming the field
 * and what is wrong.
 */
export function assertConfigUrls(
  kind: DestinationKind,
  config: object,
  env: { CHATREF_LOCAL_DEV?: string },
): void {
  const fields = config as Partial<Record<(typeof URL_FIELDS)[number], unknown>>;
  for (const field of URL_FIELDS) {
    const value = fields[field];
    if (typeof value !== "string") continue;
    const problem = urlProblem(value, kind, isLocalDev(env));
    if (problem) throw new ApiError(400, "validation_failed", `${field}: ${problem}`);
  }
}
