/**
 * Rate limits of the public endpoints (`POST /v1/clicks`, `GET /r/<code>`), counted per client
 * and site with the Workers Rate Limiting binding. A binding's limit is fixed in wrangler.toml,
 * so each tier a site can choose (`sites.click_rate_limit`) is its own binding,
 * `CLICK_LIMITER_<n>`. The default is 60 a minute: mobile carriers put many people behind one
 * address, and a real visitor opens a chat a few times at most.
 *
 * The counters are per Cloudflare location and approximate (abuse protection, not accounting).
 * When the binding is missing or fails, the request is let through: losing a lead's
 * attribution is worse than an unlimited minute, and the body bounds still hold.
 */
import type { Context } from "hono";
import type { ErrorBody } from "./errors";

/** The tiers a site can choose, in requests a minute per client. */
export const CLICK_RATE_LIMITS = [60, 120, 300, 600] as const;
export type ClickRateLimit = (typeof CLICK_RATE_LIMITS)[number];
export const DEFAULT_CLICK_RATE_LIMIT: ClickRateLimit = 60;
/** The window of every tier (the binding accepts 10 or 60 s); also the `Retry-After`. */
export const RATE_LIMIT_PERIOD_S = 60;

/** The tier's binding (undefined when the deployment lacks it). */
function limiter(env: Env, tier: number): RateLimit | undefined {
  const t = (CLICK_RATE_LIMITS as readonly number[]).includes(tier)
    ? tier
    : DEFAULT_CLICK_RATE_LIMIT;
  return (env as unknown as Record<string, RateLimit | undefined>)[`CLICK_LIMITER_${t}`];
}

/** An IPv6 address's /64 (one subscriber's usual allocation), or null if not plain IPv6. */
function ipv6Prefix(ip: string): string | null {
  if (!ip.includes(":") || ip.includes(".")) return null;
  const [head = "", tail, ...rest] = ip.toLowerCase().split("::");
  if (rest.length) return null;
  const h = head ? head.split(":") : [];
  const t = tail === undefined ? [] : tail ? tail.split(":") : [];
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  if (fill < 0) return null;
  const groups = [...h, ...Array<string>(fill).fill("0"), ...t];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

/**
 * Who is asking: Cloudflare's `CF-Connecting-IP` (an IPv6 address counts as its /64). Without
 * it (never in production; some local tools) every such request shares one bucket, so a
 * missing header cannot be used to escape the limit.
 */
export function clientKey(req: Request): string {
  const ip = req.headers.get("cf-connecting-ip")?.trim().slice(0, 64);
  if (!ip) return "no-ip";
  return ipv6Prefix(ip) ?? ip;
}

/**
 * Counts one request of `req`'s client against `scope` (a site id, or a marker for unknown
 * sites) under the site's tier; false when over the limit.
 */
export async function withinRateLimit(
  env: Env,
  scope: string,
  tier: number | undefined,
  req: Request,
): Promise<boolean> {
  const binding = limiter(env, tier ?? DEFAULT_CLICK_RATE_LIMIT);
  if (!binding) return true;
  try {
    return (await binding.limit({ key: `${scope}|${clientKey(req)}` })).success;
  } catch (err) {
    console.warn("rate limiter unavailable", err);
    return true;
  }
}

/** The JSON 429 with `Retry-After`, in the project's error shape. */
export function tooManyRequests(c: Context, message: string): Response {
  c.header("retry-after", String(RATE_LIMIT_PERIOD_S));
  c.header("cache-control", "no-store");
  return c.json<ErrorBody>({ error: { code: "rate_limited", message } }, 429);
}
