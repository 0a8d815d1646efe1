/** Number, percent and date formatting in the interface language and the site's time zone. */

export const formatNumber = (lang: string, n: number | null) =>
  n === null ? "—" : new Intl.NumberFormat(lang).format(n);

export const formatPercent = (lang: string, r: number | null) =>
  r === null
    ? "—"
    : new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(r);

/** An amount in `currency` (ISO 4217), e.g. `€1,234.50`; "—" for null. */
export const formatMoney = (lang: string, n: number | null, currency: string) =>
  n === null
    ? "—"
    : new Intl.NumberFormat(lang, { style: "currency", currency, maximumFractionDigits: 2 }).format(
        n,
      );

const two = "2-digit";
/** `2026-11-21 14:05` of an instant in `tz` (the site's zone, as the API's days are). */
export const formatDateTime = (iso: string, tz: string) =>
  new Intl.DateTimeFormat("sv-SE", {
    timeZone: tz,
    year: "numeric",
    month: two,
    day: two,
    hour: two,
    minute: two,
    hourCycle: "h23",
  }).format(new Date(iso));

/** `YYYY-MM-DD` of the local day `ms` falls on in `tz`. */
export const localDate = (ms: number, tz: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: two, day: two }).format(
    ms,
  );

const DAY = 86_400_000;
/** The day after `date` (the API's `to` is exclusive; the form's is inclusive). */
export const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/** `template` with each `{name}` replaced by `values[name]` (unknown names stay as written). */
export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
