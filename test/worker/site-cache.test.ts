/**
 * The per-isolate site caches (worker/db/sites.ts) are bounded: made-up keys (cached as null)
 * never hold more than SITE_CACHE_MAX entries, the least recently used go first, and the TTL
 * still applies.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { sites } from "../../worker/db/schema";
import {
  clearSiteCache,
  findSiteByKey,
  SITE_CACHE_MAX,
  SITE_CACHE_MS,
  siteCacheSizes,
} from "../../worker/db/sites";
import { createSite, db } from "./helpers";

describe("site caches", () => {
  beforeEach(() => clearSiteCache());

  it("hold at most SITE_CACHE_MAX keys, evicting the least recently used", {
    timeout: 30_000,
  }, async () => {
    const site = await createSite();
    const now = Date.now();
    expect((await findSiteByKey(db(), site.key, now))?.id).toBe(site.id);
    for (let i = 0; i < SITE_CACHE_MAX + 50; i++) {
      await findSiteByKey(db(), `made-up-${i}`, now);
      // The real site stays in use, so it is never the oldest.
      if (i % 100 === 0) await findSiteByKey(db(), site.key, now);
    }
    expect(siteCacheSizes().byKey).toBe(SITE_CACHE_MAX);
    // Renamed in D1: a cached entry answers with the old row; an evicted one would read anew.
    await db().update(sites).set({ name: "renamed" }).where(eq(sites.id, site.id)).run();
    expect((await findSiteByKey(db(), site.key, now))?.name).not.toBe("renamed");
  });

  it("still expire after SITE_CACHE_MS", async () => {
    const site = await createSite();
    const now = Date.now();
    await findSiteByKey(db(), site.key, now);
    await db().update(sites).set({ name: "renamed" }).where(eq(sites.id, site.id)).run();
    expect((await findSiteByKey(db(), site.key, now + 1))?.name).not.toBe("renamed");
    expect((await findSiteByKey(db(), site.key, now + SITE_CACHE_MS))?.name).toBe("renamed");
  });
});
