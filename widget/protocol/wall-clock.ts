/**
 * The wall clock of an IANA time zone at an instant, read with `Intl` (no time-zone data of our
 * own): the Worker's local days (worker/reporting/time-zone.ts) and the widget's business hours
 * (widget/agents/hours.ts) read a zone the same way. One formatter per zone, kept.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The date and time `zone` shows at `t` (epoch ms), as the epoch ms of that date and time in UTC,
 * to the whole second. `zone` undefined: the runtime's own.
 */
export function wallClock(zone: string | undefined, t: number): number {
  const key = zone ?? "";
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(key, format);
  }
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(t)) p[part.type] = Number(part.value);
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = p;
  return Date.UTC(year, month - 1, day, hour % 24, minute, second);
}
