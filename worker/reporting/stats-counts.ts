/**
 * The figures of one group of the stats (a breakdown row, a series bucket, a total) as the SQL
 * of stats-query.ts returns them, and as the API answers them.
 */

export interface Counts {
  chat_clicks: number;
  scans: number;
  conversations: number;
  /**
   * Conversations whose counted touch (first or last, by the touch model) is a click or scan
   * that carried its ref code: what the click → conversation rate divides. The others are
   * Click-to-WhatsApp ads and conversations with no attribution.
   */
  clicked_conversations: number;
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
  /** Conversations whose touch is a click (CLICK_ATTRIBUTIONS). */
  clicked?: number | null;
  qualified?: number | null;
  purchases?: number | null;
  /** Millionths of the site's currency. */
  revenue?: number | null;
}

export const toCounts = (r: GroupRow): Counts => ({
  chat_clicks: r.chat ?? 0,
  scans: r.scan ?? 0,
  conversations: r.conv ?? 0,
  clicked_conversations: r.clicked ?? 0,
  qualified: r.qualified ?? 0,
  purchases: r.purchases ?? 0,
  revenue: (r.revenue ?? 0) / 1e6,
});

/**
 * The attributions (and touch kinds) that are a click: an exact ref code; `inferred` (a visit
 * matched without its code, design.md §4) once it is recorded. Both stats paths read this list.
 */
export const CLICK_ATTRIBUTIONS = ["ref", "inferred"] as const;

/** SQL: the conversations (`conv`) of rows whose attribution column `attr` is a click. */
export const clickedSql = (attr: string, conv: string) =>
  `sum(case when ${attr} in (${CLICK_ATTRIBUTIONS.map((a) => `'${a}'`).join(", ")}) then ${conv} else 0 end)`;

/**
 * Conversations that had a click / (chat clicks + scans), null without clicks. Conversations
 * without a click (ads, not attributed) are not divided by clicks they never had.
 */
export function rate(c: Counts): number | null {
  const clicks = c.chat_clicks + c.scans;
  return clicks ? Math.round((c.clicked_conversations / clicks) * 10_000) / 10_000 : null;
}
