/**
 * What a stats query can be asked: the breakdown dimensions, intervals, touch models and filters
 * (the stats route's zod schema and the queries both read these), and the parameters of one query.
 */
/** Dimensions a breakdown can group by. */
export const GROUP_BYS = [
  "channel",
  "source_medium",
  "source",
  "medium",
  "campaign",
  "landing_page",
  "placement",
  "link",
  "attribution",
  "chat_app",
] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export const INTERVALS = ["day", "week", "month"] as const;
export type Interval = (typeof INTERVALS)[number];

export const TOUCH_MODELS = ["first", "last"] as const;
export type TouchModel = (typeof TOUCH_MODELS)[number];

/** The touch's filters, each an exact match on the touch's value (also the leads API's). */
export const FILTERS = ["channel", "source", "medium", "campaign", "placement", "link_id"] as const;
/**
 * The stats' filters: the touch's, and `chat_app`, the app the click opened or the lead's
 * conversation started in (`clicks.chat_app`, `leads.chat_app`; not the GA4 `channel`).
 */
export const STATS_FILTERS = [...FILTERS, "chat_app"] as const;
export type Filter = (typeof STATS_FILTERS)[number];

export interface StatsParams {
  siteId: string;
  from: number;
  to: number;
  interval: Interval;
  touch: TouchModel;
  filters: Partial<Record<Filter, string>>;
  /** Leaves out conversations attributed by inference (`inferred=exclude`); clicks stay. */
  excludeInferred?: boolean;
  /** The site's IANA time zone: what a day is. */
  tz: string;
}
