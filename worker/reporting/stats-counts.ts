/**
 * The figures of one group of the stats (a breakdown row, a series bucket, a total) as the SQL
 * of stats-query.ts returns them, and as the API answers them.
 */

export interface Counts {
  chat_clicks: number;
  scans: number;
  conversations: number;
  /** Leads first qualified in the period, purchases, revenue in the site's currency (units). */
  qualified: number;
  purchases: number;
  revenue: number;
}

export interface GroupRow {
  key: string | number | null;
  chat: number | null;
  scan: number | null;
  conv: number | null;
  qualified?: number | null;
  purchases?: number | null;
  /** Millionths of the site's currency. */
  revenue?: number | null;
}

export const toCounts = (r: GroupRow): Counts => ({
  chat_clicks: r.chat ?? 0,
  scans: r.scan ?? 0,
  conversations: r.conv ?? 0,
  qualified: r.qualified ?? 0,
  purchases: r.purchases ?? 0,
  revenue: (r.revenue ?? 0) / 1e6,
});

/** conversations / (chat clicks + scans), null without clicks. */
export function rate(c: Counts): number | null {
  const clicks = c.chat_clicks + c.scans;
  return clicks ? Math.round((c.conversations / clicks) * 10_000) / 10_000 : null;
}
