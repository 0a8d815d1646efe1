/**
 * The time buckets of the stats' series: the SQL of a row's bucket, and every bucket's label in a
 * period (empty ones included). Days, weeks (from Monday) and months are the site's local ones.
 */
import type { Interval } from "./stats-query";
import { localDay } from "./time-zone";

const DAY = 86_400_000;

/** The bucket of a local day number (`day`: an SQL expression). */
export function bucketExpr(interval: Interval, day: string): string {
  if (interval === "day") return day;
  // Monday-based weeks: day 0 (1970-01-01) was a Thursday.
  if (interval === "week") return `((${day} + 3) / 7) * 7 - 3`;
  return `strftime('%Y-%m', ${day} * 86400, 'unixepoch')`;
}

const isoDay = (dayNumber: number) => new Date(dayNumber * DAY).toISOString().slice(0, 10);

/** Every bucket label of [from, to) in `tz` for the interval, in order (empty ones included). */
export function bucketLabels(from: number, to: number, interval: Interval, tz: string): string[] {
  const labels: string[] = [];
  const first = localDay(tz, from);
  const last = localDay(tz, to - 1);
  if (interval === "month") {
    const d = new Date(first * DAY);
    let y = d.getUTCFullYear();
    let m = d.getUTCMonth();
    while (Date.UTC(y, m, 1) <= last * DAY) {
      labels.push(`${y}-${String(m + 1).padStart(2, "0")}`);
      m++;
      if (m === 12) {
        m = 0;
        y++;
      }
    }
    return labels;
  }
  const start = interval === "day" ? first : Math.floor((first + 3) / 7) * 7 - 3;
  for (let d = start; d <= last; d += interval === "day" ? 1 : 7) labels.push(isoDay(d));
  return labels;
}

/** Bucket key as SQL returns it → its label (a day number becomes an ISO date). */
export const bucketLabel = (key: string | number | null, interval: Interval) =>
  interval === "month" ? String(key) : isoDay(Number(key));
