/** Number, percent and date formatting in the interface language. */

export const formatNumber = (lang: string, n: number | null) =>
  n === null ? "—" : new Intl.NumberFormat(lang).format(n);

export const formatPercent = (lang: string, r: number | null) =>
  r === null
    ? "—"
    : new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(r);

/** `2026-11-21 14:05` in UTC (the API's buckets are UTC days). */
export const formatDateTime = (iso: string) => iso.slice(0, 16).replace("T", " ");

const DAY = 86_400_000;
/** `YYYY-MM-DD` of a UTC day offset from today. */
export const utcDay = (offsetDays = 0) =>
  new Date((Math.floor(Date.now() / DAY) + offsetDays) * DAY).toISOString().slice(0, 10);
/** The day after `date` (the API's `to` is exclusive; the form's is inclusive). */
export const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
