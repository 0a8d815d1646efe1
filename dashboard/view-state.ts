/**
 * The dashboard's view as a query string, so a view can be bookmarked, shared and undone with
 * the back button: period, interval, touch model, comparison and drill-down filters (the exact
 * values `GET /api/v1/stats` and `GET /api/v1/leads` filter on, the chat app among them). Never
 * the API key: it stays in sessionStorage. Inferred conversations (README, "Inferred
 * attribution") are counted unless the view leaves them out (`inferred=exclude`, the API's own
 * parameter): a setting of the view kept with its filters, never a drill-down chip. Pure
 * functions, tested in Node.
 */
import { isChatApp } from "./chat-apps";
import { nextDay } from "./format";

/** The filters, in the order their chips show (named as the API's parameters). */
export const FILTER_KEYS = [
  "channel",
  "source",
  "medium",
  "campaign",
  "placement",
  "link_id",
  "chat_app",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
/**
 * The drill-down filters, and `inferred: "exclude"` when the view leaves out conversations
 * attributed by inference (the chips and "Clear all" only touch `FILTER_KEYS`).
 */
export type Filters = Partial<Record<FilterKey, string>> & { inferred?: "exclude" };

export type Touch = "first" | "last";
export type Interval = "day" | "week" | "month";

export interface ViewState {
  /** The period's first and last local day (inclusive); both empty: the API's default. */
  from: string;
  to: string;
  interval: Interval;
  touch: Touch;
  compare: boolean;
  filters: Filters;
}

export const DEFAULT_VIEW: ViewState = {
  from: "",
  to: "",
  interval: "day",
  touch: "first",
  compare: true,
  filters: {},
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string | null): s is string =>
  s !== null && DATE.test(s) && !Number.isNaN(Date.parse(s));
/** The API's limits: a filter value is 1–512 characters, a link id at most 64. */
const maxLength = (k: FilterKey) => (k === "link_id" ? 64 : 512);

/** The view a query string describes; anything missing or malformed is the default. */
export function parseView(search: string): ViewState {
  const q = new URLSearchParams(search);
  const from = q.get("from");
  const to = q.get("to");
  const interval = q.get("interval");
  const filters: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = q.get(k);
    // The API refuses a chat app it does not know: such a link shows every app.
    if (v && v.length <= maxLength(k) && (k !== "chat_app" || isChatApp(v))) filters[k] = v;
  }
  if (q.get("inferred") === "exclude") filters.inferred = "exclude";
  const period = isDate(from) && isDate(to) && from <= to;
  return {
    from: period ? from : "",
    to: period ? to : "",
    interval: interval === "week" || interval === "month" ? interval : "day",
    touch: q.get("touch") === "last" ? "last" : "first",
    compare: q.get("compare") !== "off",
    filters,
  };
}

/** The query string of a view (no leading `?`): only what differs from the default. */
export function viewSearch(v: ViewState): string {
  const q = new URLSearchParams();
  if (v.from && v.to) {
    q.set("from", v.from);
    q.set("to", v.to);
  }
  if (v.interval !== "day") q.set("interval", v.interval);
  if (v.touch !== "first") q.set("touch", v.touch);
  if (!v.compare) q.set("compare", "off");
  for (const k of FILTER_KEYS) {
    const value = v.filters[k];
    if (value !== undefined) q.set(k, value);
  }
  if (v.filters.inferred === "exclude") q.set("inferred", "exclude");
  return q.toString();
}

/** The breakdowns whose rows can be drilled into, and the filter each row sets. */
export function rowFilters(by: string, key: string | null): Filters | null {
  // (not set) is no value the API can match exactly.
  if (key === null) return null;
  switch (by) {
    case "channel":
      return { channel: key };
    case "campaign":
      return { campaign: key };
    case "placement":
      return { placement: key };
    case "link":
      return { link_id: key };
    case "chat_app":
      return { chat_app: key };
    case "source_medium": {
      // "source / medium": split only when that is unambiguous.
      const parts = key.split(" / ");
      return parts.length === 2 && parts[0] && parts[1]
        ? { source: parts[0], medium: parts[1] }
        : null;
    }
    default:
      return null;
  }
}

/** Whether every value of `add` is already a filter of `filters`. */
export const hasFilters = (filters: Filters, add: Filters) =>
  (Object.keys(add) as FilterKey[]).every((k) => filters[k] === add[k]);

/**
 * The `GET /api/v1/stats` parameters of a view: the period's last day made exclusive (no period:
 * the API's default), its filters (inferred conversations left out or not), and the breakdowns
 * asked for.
 */
export function statsParams(v: ViewState, groupBy: readonly string[]): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const value = v.filters[k];
    if (value !== undefined) filters[k] = value;
  }
  return {
    ...(v.from && v.to ? { from: v.from, to: nextDay(v.to) } : {}),
    ...filters,
    ...(v.filters.inferred === "exclude" ? { inferred: "exclude" } : {}),
    interval: v.interval,
    touch: v.touch,
    group_by: groupBy.join(","),
    ...(v.compare ? { compare: "previous" } : {}),
  };
}
