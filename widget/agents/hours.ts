/**
 * Business hours (widget-agents.js): a weekly schedule written on the script tag
 * (`mo-fr 09:00-18:00; sa 10:00-14:00`), evaluated in the site's IANA time zone with Intl (no
 * library). Pure functions of an instant, so they are tested at the boundaries and across DST
 * changes. Open/closed reads the wall clock of the zone (a window 09:00–18:00 opens at 09:00 local
 * whatever the offset that day); the next opening converts a wall time back to an instant.
 */
import { wallClock as zoneClock } from "../protocol/wall-clock";

/** One opening of a week: `day` 0 = Monday … 6 = Sunday; minutes of the day. */
export interface Window {
  day: number;
  /** Opens at this minute (0–1439). */
  start: number;
  /** Closes at this minute (1–1440); at or before `start`: the window runs past midnight. */
  end: number;
}

/** Day names of the grammar (two letters; a third is tolerated: `mon`, `tue`). */
const DAYS = ["mo", "tu", "we", "th", "fr", "sa", "su"];
const MINUTE = 60_000;
const DAY_MS = 1440 * MINUTE;

function dayIndex(name: string): number {
  return /^[a-z]{2,3}$/.test(name) ? DAYS.indexOf(name.slice(0, 2)) : -1;
}

/** `HH:MM` (00:00–24:00) in minutes, else -1. */
function minutes(text: string): number {
  const m = /^(\d{1,2}):(\d\d)$/.exec(text.trim());
  const value = m ? Number(m[1]) * 60 + Number(m[2]) : -1;
  return m && Number(m[2]) < 60 && value <= 1440 ? value : -1;
}

/**
 * Parses `mo-fr 09:00-18:00; sa 10:00-14:00` (groups separated by `;`; days as `mo`, a range
 * `mo-fr` that may wrap `fr-mo`, or a list `mo,we,fr`; several windows `09:00-13:00,14:00-18:00`;
 * `22:00-02:00` runs past midnight into the next day). Undefined when any part is invalid.
 */
export function parseHours(spec: string): Window[] | undefined {
  const windows: Window[] = [];
  for (const group of spec.toLowerCase().split(";")) {
    if (!group.trim()) continue;
    const m = /^\s*([a-z,\s-]+?)\s+([\d:,\s-]+)$/.exec(group);
    if (!m) return undefined;
    const days: number[] = [];
    for (const part of (m[1] as string).split(",")) {
      const ends = part.split("-").map((d) => dayIndex(d.trim()));
      if (ends.length > 2 || ends.some((d) => d < 0)) return undefined;
      const to = ends.at(-1) as number;
      for (let d = ends[0] as number; ; d = (d + 1) % 7) {
        days.push(d);
        if (d === to) break;
      }
    }
    for (const range of (m[2] as string).split(",")) {
      const [start = -1, end = -1, extra] = range.split("-").map(minutes);
      if (extra !== undefined || start < 0 || start > 1439 || end < 0 || start === end)
        return undefined;
      for (const day of days) windows.push({ day, start, end });
    }
  }
  return windows.length ? windows : undefined;
}

/** Whether `zone` is an IANA time zone this browser knows. */
export function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The wall clock of `zone` at instant `t`, as the epoch ms of the same date and time in UTC
 * (seconds dropped), and its weekday (0 = Monday). `zone` undefined: the browser's own.
 */
export function wallClock(zone: string | undefined, t: number): { local: number; day: number } {
  const clock = zoneClock(zone, t);
  const local = clock - (clock % MINUTE);
  return { local, day: (new Date(local).getUTCDay() + 6) % 7 };
}

/** Whether the schedule is open at instant `t` in `zone`. */
export function isOpen(windows: readonly Window[], zone: string | undefined, t: number): boolean {
  const { local, day } = wallClock(zone, t);
  const minute = Math.floor((local % DAY_MS) / MINUTE);
  return windows.some((w) =>
    w.start < w.end
      ? w.day === day && minute >= w.start && minute < w.end
      : (w.day === day && minute >= w.start) || ((w.day + 1) % 7 === day && minute < w.end),
  );
}

/** The instant at which `zone`'s wall clock reads `local` (a time skipped by DST: just after). */
function instantOf(zone: string | undefined, local: number): number {
  let t = local;
  // Twice: the offset at the first guess may differ from the offset at the answer (DST day).
  for (let i = 0; i < 2; i++)
    t = local - (wallClock(zone, t).local - Math.floor(t / MINUTE) * MINUTE);
  return t;
}

/** The first instant after `t` at which a window opens in `zone`; undefined with no window. */
export function nextOpening(
  windows: readonly Window[],
  zone: string | undefined,
  t: number,
): number | undefined {
  const { local, day } = wallClock(zone, t);
  const midnight = local - (local % DAY_MS);
  let best: number | undefined;
  // Today and the next seven days: a window earlier today comes back in a week.
  for (let k = 0; k <= 7; k++) {
    for (const w of windows) {
      if (w.day !== (day + k) % 7) continue;
      const at = instantOf(zone, midnight + k * DAY_MS + w.start * MINUTE);
      if (at > t && (best === undefined || at < best)) best = at;
    }
  }
  return best;
}
