/**
 * Setting a site's time zone: the zone's offsets go into site_tz_offsets (what the rollup
 * triggers count local days by) and the site's rollup rows move to the new days
 * (zone-move.ts: the counts of clicks retention deleted stay), all in one D1 batch, so the stats
 * never mix two zones.
 */
import { saleRollupSql } from "./sales-rollup";
import { storedOffsets } from "./time-zone";
import { ZONE_MOVE_IN_SQL, ZONE_MOVE_OUT_SQL } from "./zone-move";

/** Statements `sql` with the site id as their ?1. */
const bound = (d1: D1Database, siteId: string, sql: readonly string[]) =>
  sql.map((s) => d1.prepare(s).bind(siteId));

/** The statements that move site `siteId` to the IANA zone `tz` (already canonical). */
export function setTimeZoneStatements(d1: D1Database, siteId: string, tz: string) {
  return [
    ...bound(d1, siteId, ZONE_MOVE_OUT_SQL),
    d1.prepare("update sites set timezone = ?2 where id = ?1").bind(siteId, tz),
    d1.prepare("delete from site_tz_offsets where site_id = ?1").bind(siteId),
    d1
      .prepare(
        `insert into site_tz_offsets (site_id, starts_at, offset_ms)
         select ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(?2)`,
      )
      .bind(siteId, JSON.stringify(storedOffsets(tz))),
    ...bound(d1, siteId, ZONE_MOVE_IN_SQL),
  ];
}

/**
 * The statements that set site `siteId`'s currency (ISO 4217, upper case): the revenue of its
 * events is taken out of the rollup, the currency changed and the figures added back, in one
 * batch, so the rollup's revenue is always in the site's current currency, as the raw path's.
 */
export function setCurrencyStatements(d1: D1Database, siteId: string, currency: string) {
  const [out, back] = [saleRollupSql(-1, "e.site_id = ?1"), saleRollupSql(1, "e.site_id = ?1")];
  return [
    ...bound(d1, siteId, out),
    d1.prepare("update sites set currency = ?2 where id = ?1").bind(siteId, currency),
    ...bound(d1, siteId, back),
  ];
}
