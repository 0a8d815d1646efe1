/**
 * Rate limits of the public endpoints (worker/http/rate-limit.ts), against the real Rate
 * Limiting bindings of wrangler.toml as Miniflare runs them: a burst over the limit from one
 * client stores exactly the limit and answers the rest 429 with Retry-After; another client and
 * another site are unaffected; the per-site tier is validated, shown and applied.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clicks } from "../../worker/db/schema";
import { clientKey } from "../../worker/http/rate-limit";
import { call, clickRequest, createSite, db, postLink, type TestSite } from "./helpers";

const ADMIN = { authorization: `Bearer ${env.CHATREF_ADMIN_TOKEN}` };
const PHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
let ipCounter = 0;
/** A client address no other test uses. */
const newIp = () => `203.0.${113 + Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

/**
 * Miniflare's windows are aligned to the wall clock minute: a burst must not straddle a
 * boundary, or it would be counted in two windows.
 */
async function awayFromWindowEdge(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 15_000) await new Promise((r) => setTimeout(r, left + 50));
}

function beacon(site: TestSite, ip: string) {
  const { ref, request } = clickRequest(site, { utm_source: "burst" });
  request.headers.set("cf-connecting-ip", ip);
  return { ref, request };
}

async function burst(site: TestSite, ip: string, n: number) {
  const statuses: number[] = [];
  const limited: Response[] = [];
  for (let i = 0; i < n; i++) {
    const res = await call(beacon(site, ip).request);
    statuses.push(res.status);
    if (res.status === 429) limited.push(res);
  }
  return { statuses, limited };
}

const stored = async (site: TestSite) =>
  (await db().select().from(clicks).where(eq(clicks.siteId, site.id)).all()).length;

async function setLimit(site: TestSite, limit: unknown): Promise<Response> {
  return call(
    new Request(`https://chatref.test/api/v1/sites/${site.id}`, {
      method: "PATCH",
      headers: { ...ADMIN, "content-type": "application/json" },
      body: JSON.stringify({ click_rate_limit: limit }),
    }),
  );
}

describe("POST /v1/clicks rate limit", { timeout: 60_000 }, () => {
  it("stores exactly 60 of 70 beacons from one client; the rest get 429 + Retry-After", async () => {
    await awayFromWindowEdge();
    const site = await createSite();
    const ip = newIp();
    const { statuses, limited } = await burst(site, ip, 70);
    expect(statuses.filter((s) => s === 201)).toHaveLength(60);
    expect(limited).toHaveLength(10);
    expect(await stored(site)).toBe(60);
    for (const res of limited) {
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await res.json()).toMatchObject({ error: { code: "rate_limited" } });
    }
    // The refused beacon is not stored even once the client is limited.
    const { ref, request } = beacon(site, ip);
    expect((await call(request)).status).toBe(429);
    expect(await db().select().from(clicks).where(eq(clicks.ref, ref)).all()).toHaveLength(0);

    // Another client of the same site, and the same client on another site, are unaffected.
    expect((await call(beacon(site, newIp()).request)).status).toBe(201);
    const other = await createSite();
    expect((await call(beacon(other, ip).request)).status).toBe(201);
    expect(await stored(site)).toBe(61);
  });

  it("applies the site's tier: 120 a minute once set by the admin API", async () => {
    await awayFromWindowEdge();
    const site = await createSite();
    const res = await setLimit(site, 120);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ click_rate_limit: 120 });
    const { statuses } = await burst(site, newIp(), 125);
    expect(statuses.filter((s) => s === 201)).toHaveLength(120);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(await stored(site)).toBe(120);
  });

  it("accepts only the tiers that have a binding", async () => {
    const site = await createSite();
    for (const bad of [0, 59, 100, 1000, "60", null]) {
      const res = await setLimit(site, bad);
      expect(res.status, String(bad)).toBe(400);
    }
    const shown = await call(
      new Request(`https://chatref.test/api/v1/sites/${site.id}`, { headers: ADMIN }),
    );
    expect(await shown.json()).toMatchObject({ click_rate_limit: 60 });
  });

  it("counts unknown site keys per client too", async () => {
    await awayFromWindowEdge();
    const site = await createSite();
    const ip = newIp();
    for (let i = 0; i < 60; i++) {
      const { request } = beacon({ ...site, key: `nope-${i}` }, ip);
      expect((await call(request)).status).toBe(404);
    }
    const { request } = beacon({ ...site, key: "nope-x" }, ip);
    expect((await call(request)).status).toBe(429);
  });
});

describe("GET /r/<code> rate limit", { timeout: 60_000 }, () => {
  it("redirects and records 60 scans of 70 from one client; the rest see a 429 page", async () => {
    await awayFromWindowEdge();
    const site = await createSite();
    const created = await postLink(site, { name: "Poster", utm_source: "poster" });
    const { code } = (await created.json()) as { code: string };
    const ip = newIp();
    const scan = (from: string) =>
      call(
        new Request(`https://chatref.test/r/${code}`, {
          headers: { "user-agent": PHONE_UA, "cf-connecting-ip": from, "accept-language": "es" },
          redirect: "manual",
        }),
      );
    const statuses: number[] = [];
    let page: Response | undefined;
    for (let i = 0; i < 70; i++) {
      const res = await scan(ip);
      statuses.push(res.status);
      if (res.status === 429) page = res;
    }
    expect(statuses.filter((s) => s === 302)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect(await stored(site)).toBe(60);
    expect(Number(page?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(page?.headers.get("content-type")).toContain("text/html");
    const html = (await page?.text()) ?? "";
    expect(html).toContain('lang="es"');
    // The chat is still reachable, without a ref (nothing was recorded for it).
    expect(html).toContain(`href="https://wa.me/${site.waNumber}"`);
    expect((await scan(newIp())).status).toBe(302);
    expect(await stored(site)).toBe(61);
  });
});

describe("clientKey", () => {
  const key = (ip?: string) =>
    clientKey(new Request("https://x.test/", { headers: ip ? { "cf-connecting-ip": ip } : {} }));

  it("counts an IPv6 address as its /64 and IPv4 as itself", () => {
    expect(key("2001:db8:1:2::1")).toBe(key("2001:0db8:0001:0002:ffff:1:2:3"));
    expect(key("2001:db8:1:2::1")).not.toBe(key("2001:db8:1:3::1"));
    expect(key("198.51.100.7")).toBe("198.51.100.7");
    expect(key("198.51.100.7")).not.toBe(key("198.51.100.8"));
  });

  it("puts requests without CF-Connecting-IP in one shared bucket", () => {
    expect(key()).toBe(key(""));
    expect(key()).not.toBe(key("198.51.100.7"));
  });
});
