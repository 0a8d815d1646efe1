/**
 * A site's rollup moved to the local days of its new time zone (site-time-zone.ts runs these in
 * one batch around the change of the site's stored offsets, ?1 is the site).
 *
 * A move, not a rebuild: the rollup still counts the chat clicks whose rows retention has deleted
 * (unmatched clicks older than the site's click_retention_days, consent/retention.ts), and no
 * recount of the clicks table can find them again. So, on the old days, a tuple row whose clicks
 * are all still stored is deleted (to be counted again on its new day), and a row that counts
 * more keeps only what no stored click explains: those clicks stay on their old local day (at
 * most a day off in the new zone), without the conversations and sales, which are recounted.
 * Then, on the new days, the stored clicks, leads and sale events are counted again.
 *
 * One pass over the site's clicks more than a recount from the rows (the deletion's look-up):
 * the site's projections are emptied first, so the rows' deletions are cheap for their triggers,
 * and filled again from the few rows kept before the rows are counted again (whose triggers then
 * add to them as usual). At 1,000,000 clicks, about 1.3 times a recount's time (README, "At
 * scale").
 */
import { COUNT_COLUMNS, PROJECTION_CLEAR_SQL, projectionFillSql } from "./rollup-projections";
import { clickRollupSql, clickRows, KEY_COLUMNS, leadRollupSql, TUPLE } from "./rollup-triggers";
import { saleRollupSql } from "./sales-rollup";

const DAY_MS = 86_400_000;

/**
 * The site's stored clicks (those matching `where` too) by tuple on their current local day:
 * the tuple's key columns, then chat and scans.
 */
const storedClicks = (where: string) => `select site_id, day,
  ${TUPLE.map(([c, row, none]) => `coalesce(${row}, '${none}') as ${c}`).join(", ")},
  sum(chat) as chat, sum(scans) as scans
from (${clickRows(1, `site_id = ?1 and ${where}`)})
group by ${KEY_COLUMNS.split(", ")
  .map((_, i) => i + 1)
  .join(", ")}`;

/** The counts recounted from the stored rows: all but the clicks'. */
const RECOUNTED = COUNT_COLUMNS.filter((c) => c !== "chat" && c !== "scans");

/** Before the site's offsets change: what the stored rows count leaves the old days. */
export const ZONE_MOVE_OUT_SQL = [
  ...PROJECTION_CLEAR_SQL,
  // Rows of conversations or sales only, and rows whose clicks are all stored.
  `delete from stats_daily_tuples where site_id = ?1 and (chat = 0 and scans = 0
    or (${KEY_COLUMNS}, chat, scans) in (${storedClicks("true")}))`,
  // The rows left count clicks retention deleted: their stored clicks out (the days up to the
  // last such row only: a local day ends less than two UTC days after its number's midnight).
  `update stats_daily_tuples as t set chat = t.chat - c.chat, scans = t.scans - c.scans
  from (${storedClicks(`created_at < (select max(day) + 2 from stats_daily_tuples where site_id = ?1) * ${DAY_MS}`)}) as c
  where t.site_id = ?1 and ${KEY_COLUMNS.split(", ")
    .map((k) => `t.${k} = c.${k}`)
    .join(" and ")}`,
  "delete from stats_daily_tuples where site_id = ?1 and chat <= 0 and scans <= 0",
  // What is recounted goes; a negative count (only a drifted row could hold one) becomes 0.
  `update stats_daily_tuples set chat = max(chat, 0), scans = max(scans, 0),
    ${RECOUNTED.map((c) => `${c} = 0`).join(", ")} where site_id = ?1`,
  // The projections: the kept rows (the statements above wrote differences into emptied ones).
  ...PROJECTION_CLEAR_SQL,
  ...projectionFillSql("site_id = ?1"),
];

/** After the site's offsets changed: the stored clicks, leads and sale events on their new days. */
export const ZONE_MOVE_IN_SQL = [
  clickRollupSql(1, "site_id = ?1"),
  ...leadRollupSql(1, "l.site_id = ?1"),
  ...saleRollupSql(1, "e.site_id = ?1"),
];
