/**
 * Setting a site's time zone: the zone's offsets go into site_tz_offsets (what the rollup
 * triggers count local days by) and the site's rollup rows are rebuilt on the new days, all in
 * one D1 batch, so the stats never mix two zones.
 */
import { REBUILD_SITE_SQL } from "./rollup-triggers";
import { storedOffsets } from "./time-zone";

/** The statements that move site `siteId` to the IANA zone `tz` (already canonical). */
export function setTimeZoneStatements(d1: D1Database, siteId: string, tz: string) {
  return [
    d1.prepare("update sites set timezone = ?2 where id = ?1").bind(siteId, tz),
    d1.prepare("delete from site_tz_offsets where site_id = ?1").bind(siteId),
    d1
      .prepare(
        `insert into site_tz_offsets (site_id, starts_at, offset_ms)
         select ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(?2)`,
      )
      .bind(siteId, JSON.stringify(storedOffsets(tz))),
    ...REBUILD_SITE_SQL.map((sql) => d1.prepare(sql).bind(siteId)),
  ];
}
