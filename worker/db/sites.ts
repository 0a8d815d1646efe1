/**
 * Site look-ups on the hot paths (click beacons by key, webhooks by phone_number_id), cached per
 * isolate for a short time so a beacon costs one write and no read. Changes to a site take
 * effect within SITE_CACHE_MS.
 */
import { eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "./client";
import { sites } from "./schema";

export type Site = typeof sites.$inferSelect;
/** A site as webhook processing needs it: with whether it forwards leads anywhere. */
export type InboundSite = Site & { forwarding: boolean };

export const SITE_CACHE_MS = 30_000;
const byKey = new Map<string, { site: Site | null; at: number }>();
const byPhoneNumberId = new Map<string, { site: InboundSite | null; at: number }>();

function fresh<T extends { at: number }>(entry: T | undefined, now: number): entry is T {
  return entry !== undefined && now - entry.at < SITE_CACHE_MS;
}

/** The site with this public key, or null. */
export async function findSiteByKey(db: Db, key: string, now = Date.now()): Promise<Site | null> {
  const hit = byKey.get(key);
  if (fresh(hit, now)) return hit.site;
  const site = (await db.select().from(sites).where(eq(sites.key, key)).get()) ?? null;
  byKey.set(key, { site, at: now });
  return site;
}

/** The sites owning these business numbers, keyed by phone_number_id (unknown ids are absent). */
export async function findSitesByPhoneNumberIds(
  db: Db,
  ids: string[],
  now = Date.now(),
): Promise<Map<string, InboundSite>> {
  const found = new Map<string, InboundSite>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = byPhoneNumberId.get(id);
    if (!fresh(hit, now)) missing.push(id);
    else if (hit.site) found.set(id, hit.site);
  }
  if (missing.length) {
    // Whether any destination is live, so leads of sites that forward nowhere skip the outbox.
    // Written out: drizzle leaves columns unqualified in a one-table select.
    const live = sql<number>`exists (select 1 from destinations d where d.site_id = "sites"."id" and d.disabled_at is null)`;
    const rows = await db
      .select({ ...getTableColumns(sites), live })
      .from(sites)
      .where(inArray(sites.phoneNumberId, missing))
      .all();
    for (const id of missing) {
      const row = rows.find((r) => r.phoneNumberId === id);
      const site = row ? { ...row, forwarding: Boolean(row.live) } : null;
      byPhoneNumberId.set(id, { site, at: now });
      if (site) found.set(id, site);
    }
  }
  return found;
}

/** Forgets cached sites (tests and admin changes). */
export function clearSiteCache(): void {
  byKey.clear();
  byPhoneNumberId.clear();
}
