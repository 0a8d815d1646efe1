/**
 * Site look-ups on the hot paths (click beacons by key, webhooks by phone_number_id), cached per
 * isolate for a short time so a beacon costs one write and no read. Changes to a site take
 * effect within SITE_CACHE_MS. Each cache keeps at most SITE_CACHE_MAX entries, least recently
 * used evicted first: unknown keys are cached too (as null), and a stream of made-up keys must
 * not grow an isolate's memory without bound.
 */
import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "./client";
import { channelConnections, sites } from "./schema";

export type Site = typeof sites.$inferSelect;
/** A site as webhook processing needs it: with whether it forwards leads anywhere. */
export type InboundSite = Site & { forwarding: boolean };

export const SITE_CACHE_MS = 30_000;
export const SITE_CACHE_MAX = 1000;

/** A Map with a TTL per entry and at most SITE_CACHE_MAX entries (Map order = recency). */
export class SiteCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  /** The fresh entry for `key` (marked as just used), or undefined. */
  get(key: string, now: number): { value: V } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (now - entry.at >= SITE_CACHE_MS) return undefined;
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, value: V, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: now });
    if (this.entries.size > SITE_CACHE_MAX) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

const byKey = new SiteCache<Site | null>();
const byPhoneNumberId = new SiteCache<InboundSite | null>();

/** Entries held by the two caches (tests). */
export function siteCacheSizes(): { byKey: number; byPhoneNumberId: number } {
  return { byKey: byKey.size, byPhoneNumberId: byPhoneNumberId.size };
}

/** The site with this public key, or null. */
export async function findSiteByKey(db: Db, key: string, now = Date.now()): Promise<Site | null> {
  const hit = byKey.get(key, now);
  if (hit) return hit.value;
  const site = (await db.select().from(sites).where(eq(sites.key, key)).get()) ?? null;
  byKey.set(key, site, now);
  return site;
}

/**
 * The sites owning these business accounts (unknown ones are absent): WhatsApp numbers by
 * phone_number_id (the site's own, then its further Cloud API numbers in channel_connections),
 * other apps' accounts by `<provider>:<account id>` (channel_connections).
 */
export async function findSitesByPhoneNumberIds(
  db: Db,
  ids: string[],
  now = Date.now(),
): Promise<Map<string, InboundSite>> {
  const found = new Map<string, InboundSite>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = byPhoneNumberId.get(id, now);
    if (!hit) missing.push(id);
    else if (hit.value) found.set(id, hit.value);
  }
  if (missing.length) {
    // Whether any destination is live, so leads of sites that forward nowhere skip the outbox.
    // Written out: drizzle leaves columns unqualified in a one-table select.
    const live = sql<number>`exists (select 1 from destinations d where d.site_id = "sites"."id" and d.disabled_at is null)`;
    const numbers = missing.filter((id) => !id.includes(":"));
    const accounts = missing.filter((id) => id.includes(":"));
    const account = sql<string>`${channelConnections.provider} || ':' || ${channelConnections.accountId}`;
    const rows = [
      ...(numbers.length
        ? await db
            .select({ ...getTableColumns(sites), live, account: sites.phoneNumberId })
            .from(sites)
            .where(inArray(sites.phoneNumberId, numbers))
            .all()
        : []),
      // A site's further Cloud API numbers (agents' numbers): connections of provider whatsapp,
      // named by their bare phone_number_id like the site's own number.
      ...(numbers.length
        ? await db
            .select({ ...getTableColumns(sites), live, account: channelConnections.accountId })
            .from(sites)
            .innerJoin(channelConnections, eq(channelConnections.siteId, sites.id))
            .where(
              and(
                eq(channelConnections.provider, "whatsapp"),
                inArray(channelConnections.accountId, numbers),
              ),
            )
            .all()
        : []),
      ...(accounts.length
        ? await db
            .select({ ...getTableColumns(sites), live, account })
            .from(sites)
            .innerJoin(channelConnections, eq(channelConnections.siteId, sites.id))
            .where(inArray(account, accounts))
            .all()
        : []),
    ];
    for (const id of missing) {
      const row = rows.find((r) => r.account === id);
      let site: InboundSite | null = null;
      if (row) {
        const { live: isLive, account: _, ...columns } = row;
        site = { ...columns, forwarding: Boolean(isLive) };
      }
      byPhoneNumberId.set(id, site, now);
      if (site) found.set(id, site);
    }
  }
  return found;
}

const clearers = new Set<() => void>();

/** Registers a cache `clearSiteCache` also empties (connections.ts). */
export function onClearSiteCache(clear: () => void): void {
  clearers.add(clear);
}

/** Forgets cached sites and connections (tests and admin changes). */
export function clearSiteCache(): void {
  byKey.clear();
  byPhoneNumberId.clear();
  for (const clear of clearers) clear();
}
