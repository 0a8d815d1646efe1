/**
 * Chat-app connections by provider account (`channel_connections`), cached per isolate like
 * sites (sites.ts: 30 s, at most 1,000 entries; an admin change clears the cache of the
 * instance that made it). The cached secret stays sealed; the webhook route opens it.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "./client";
import { channelConnections, type PROVIDERS } from "./schema";
import { onClearSiteCache, SiteCache } from "./sites";

export interface ConnectionSecret {
  id: string;
  /** Sealed (forward/secrets.ts), or null when none was stored. */
  secret: string | null;
}

const byAccount = new SiteCache<ConnectionSecret | null>();
onClearSiteCache(() => byAccount.clear());

/** The connection of this provider account, or null. */
export async function findConnection(
  db: Db,
  provider: (typeof PROVIDERS)[number],
  accountId: string,
  now = Date.now(),
): Promise<ConnectionSecret | null> {
  const key = `${provider}:${accountId}`;
  const hit = byAccount.get(key, now);
  if (hit) return hit.value;
  const row =
    (await db
      .select({ id: channelConnections.id, secret: channelConnections.secret })
      .from(channelConnections)
      .where(
        and(eq(channelConnections.provider, provider), eq(channelConnections.accountId, accountId)),
      )
      .get()) ?? null;
  byAccount.set(key, row, now);
  return row;
}
