/**
 * A site's time zone as the stats need it: which local day an instant falls on, when a local
 * day begins, and the UTC offsets that hold over a period. Offsets come from the runtime's
 * Intl (IANA tz data), found on an absolute weekly grid and bisected to the second, so every
 * caller — the offsets stored for the rollup triggers (site_tz_offsets) and the raw queries'
 * CASE expressions — sees the very same transitions.
 */
import { wallClock } from "../../widget/protocol/wall-clock";

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** The stored offsets cover transitions in these years; earlier instants use the first offset. */
export const STORED_FROM = Date.UTC(2000, 0, 1);
export const STORED_TO = Date.UTC(2100, 0, 1);
/** starts_at of a zone's first stored row: before any instant a site can have. */
export const BEFORE_ALL = -8_640_000_000_000_000;

/** From `start` on (until the next one), local time = UTC + `offset` ms. */
export interface Segment {
  start: number;
  offset: number;
}

/** The zone's canonical IANA name (`utc` → `UTC`), or null when the runtime does not know it. */
export function canonicalTimeZone(tz: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Local time minus UTC at `ms`, in ms (whole seconds). */
export function offsetAt(tz: string, ms: number): number {
  if (tz === "UTC") return 0;
  return wallClock(tz, ms) - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The offsets over [from, to): the first segment starts at `from`, each further one at a
 * transition. Transitions are searched on whole weeks since 1970 and bisected to the second
 * (two transitions in one week that cancel out are not seen; no zone has had one since 2000).
 */
export function offsetSegments(tz: string, from: number, to: number): Segment[] {
  const segments: Segment[] = [{ start: from, offset: offsetAt(tz, from) }];
  if (tz === "UTC") return segments;
  let t0 = Math.floor(from / WEEK) * WEEK;
  let o0 = offsetAt(tz, t0);
  for (let t1 = t0 + WEEK; t0 < to; t0 = t1, t1 += WEEK) {
    const o1 = offsetAt(tz, t1);
    if (o1 === o0) continue;
    let lo = t0;
    let hi = t1;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetAt(tz, mid) === o0) lo = mid;
      else hi = mid;
    }
    if (hi > from && hi < to) segments.push({ start: hi, offset: offsetAt(tz, hi) });
    o0 = o1;
  }
  return segments;
}

/** Local days since 1970-01-01 of the instant `ms` in `tz`. */
export const localDay = (tz: string, ms: number) => Math.floor((ms + offsetAt(tz, ms)) / DAY);

/**
 * The instant local day `day` begins in `tz`: its first 00:00, or — where a transition skips
 * midnight — the transition itself.
 */
export function localMidnight(tz: string, day: number): number {
  const near = offsetSegments(tz, day * DAY - 2 * DAY, day * DAY + 2 * DAY);
  let best = Number.POSITIVE_INFINITY;
  near.forEach((s, i) => {
    const end = near[i + 1]?.start ?? Number.POSITIVE_INFINITY;
    const midnight = day * DAY - s.offset;
    if (midnight >= s.start && midnight < end) best = Math.min(best, midnight);
    else if (Math.floor((s.start + s.offset) / DAY) === day) best = Math.min(best, s.start);
  });
  return best;
}

/** An SQL expression of `at`'s local day number, for instants in [from, to). */
export function localDaySql(tz: string, at: string, from: number, to: number): string {
  const segments = offsetSegments(tz, from, to);
  const [first, ...rest] = segments;
  if (!rest.length) return `((${at} + ${first?.offset ?? 0}) / ${DAY})`;
  const cases = rest.map((s, i) => `when ${at} < ${s.start} then ${segments[i]?.offset}`);
  return `((${at} + case ${cases.join(" ")} else ${rest.at(-1)?.offset} end) / ${DAY})`;
}

/** The rows site_tz_offsets holds for `tz` (none for UTC): [starts_at, offset_ms]. */
export function storedOffsets(tz: string): [number, number][] {
  const segments = offsetSegments(tz, STORED_FROM, STORED_TO);
  if (segments.every((s) => s.offset === 0)) return [];
  return segments.map((s, i) => [i === 0 ? BEFORE_ALL : s.start, s.offset]);
}

/**
 * The SQL of the local day of `at` for the site `site` (both SQL expressions), reading
 * site_tz_offsets: what the rollup triggers count by.
 */
export const storedLocalDaySql = (site: string, at: string) =>
  `((${at}) + coalesce((select o.offset_ms from site_tz_offsets o where o.site_id = ${site}
    and o.starts_at <= ${at} order by o.starts_at desc limit 1), 0)) / ${DAY}`;
