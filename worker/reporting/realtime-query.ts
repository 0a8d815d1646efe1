/**
 * The last 30 minutes of a site, per minute (`GET /api/v1/stats/realtime`, the dashboard's
 * realtime strip): chat clicks, scans and conversations started. Bounded and cheap by design:
 * two statements in one D1 batch, each a range scan of a (site_id, created_at) index over 30
 * minutes (`clicks_site_created_stats_idx` covers placement; `leads_site_created_idx`), grouped
 * into at most 30 rows. No filters and no touch model: it answers "is anything happening now".
 */

/** Minutes in the window, and one minute in ms. */
export const REALTIME_MINUTES = 30;
const MINUTE = 60_000;

/** One minute's counts. */
export interface MinuteCounts {
  chat_clicks: number;
  scans: number;
  conversations: number;
}

/**
 * The window that ends with the minute `now` falls in (so the current minute, still filling, is
 * the last one): [from, to) in Unix ms, whole minutes.
 */
export function realtimeWindow(now: number): { from: number; to: number } {
  const to = (Math.floor(now / MINUTE) + 1) * MINUTE;
  return { from: to - REALTIME_MINUTES * MINUTE, to };
}

/** Each minute of the window, oldest first, with the site's counts (zero where nothing happened). */
export async function readRealtime(
  d1: D1Database,
  siteId: string,
  window: { from: number; to: number },
): Promise<MinuteCounts[]> {
  const where = "where site_id = ?1 and created_at >= ?2 and created_at < ?3";
  // D1 binds a JS number as a real: cast, so the minute is an index.
  const minute = "cast((created_at - ?2) / 60000 as integer)";
  const [clickRows, leadRows] = await d1.batch<{ m: number; a: number; b: number }>([
    d1
      .prepare(
        `select ${minute} as m, sum(placement != 'link') as a, sum(placement = 'link') as b from clicks ${where} group by 1`,
      )
      .bind(siteId, window.from, window.to),
    d1
      .prepare(`select ${minute} as m, count(*) as a, 0 as b from leads ${where} group by 1`)
      .bind(siteId, window.from, window.to),
  ]);
  const minutes: MinuteCounts[] = Array.from({ length: REALTIME_MINUTES }, () => ({
    chat_clicks: 0,
    scans: 0,
    conversations: 0,
  }));
  for (const r of clickRows?.results ?? []) {
    const m = minutes[r.m];
    if (m) Object.assign(m, { chat_clicks: r.a, scans: r.b });
  }
  for (const r of leadRows?.results ?? []) {
    const m = minutes[r.m];
    if (m) m.conversations = r.a;
  }
  return minutes;
}
