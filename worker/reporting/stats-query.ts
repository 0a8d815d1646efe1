/**
 * The stats aggregates behind `GET /api/v1/stats` and the dashboard, as plain SQL over D1.
 *
 * Shapes (designed for 1,000,000 clicks and 100,000 leads per site):
 * - clicks: a range scan of `clicks_site_created_stats_idx` (site_id, created_at, placement,
 *   channel, source, medium, utm_campaign, landing_page, link_id, chat_app) — covering, no table
 *   rows read;
 * - leads, first touch: a range scan of `leads_site_created_stats_idx` (site_id, created_at,
 *   attribution, click_id, id, chat_app), then one primary-key look-up of the lead's click;
 * - leads, last touch: per lead, the newest touch through `touches_lead_idx` (lead_id,
 *   occurred_at), then the primary-key look-up of that touch's click.
 * Every statement is one `UNION ALL` of the two, grouped once; all of them go in one D1 batch.
 * Over whole local days of the site's time zone, the statements read the daily rollup
 * (stats_daily_tuples, see rollup-triggers.ts, or the narrower projection of it that holds the
 * statement's columns: rollup-projections.ts) instead, grouping its rows by one dimension;
 * filters are then conditions on the tuple columns. Days, weeks and months are always the
 * site's local ones (time-zone.ts), on both paths.
 */
import { ROLLUP_COLUMNS, ROLLUP_KEY, rollupSource } from "./rollup-projections";
import { otherCurrency, type SaleParts, saleParts, signedValue } from "./sales-sql";
import { bucketExpr } from "./stats-buckets";
import { clickedSql } from "./stats-counts";
import {
  type Filter,
  type GroupBy,
  STATS_FILTERS,
  type StatsParams,
  type TouchModel,
} from "./stats-params";
import { localDay, localDaySql, localMidnight } from "./time-zone";

export { type Counts, type GroupRow, rate, toCounts } from "./stats-counts";
export * from "./stats-params";

/**
 * What a lead without a click is reported as: a Click-to-WhatsApp ad is Paid Social from
 * meta / ctwa; a lead with no attribution has no dimension values at all (null).
 */
export const CTWA_DIMENSIONS = { channel: "Paid Social", source: "meta", medium: "ctwa" } as const;

/** The rows of the halves of every statement: one per click, one per lead, one per sale event. */
const ROW_COLUMNS =
  "at, attr, placement, channel, source, medium, campaign, landing_page, link_id, chat_app";
/** The sale figures of a click or lead row (sales-sql.ts says what an event adds). */
const NO_SALE = "0 as q, 0 as p, 0 as r";

function clickRows(where: string): string {
  return `select created_at as at, 'ref' as attr, placement, channel, source, medium,
      utm_campaign as campaign, landing_page, link_id, chat_app,
      (placement != 'link') as chat, (placement = 'link') as scan, 0 as conv, ${NO_SALE}
    from clicks where site_id = ?1 and created_at >= ?2 and created_at < ?3${where}`;
}

/**
 * The dimension columns of a lead's touch: `attr` is its attribution (or touch kind), `c` the
 * joined click (null for an ad or no attribution), `chatApp` the lead's chat app (its
 * conversation's, whichever touch is counted). Shared with the rollup triggers.
 */
export function leadDimensionColumns(attr: string, chatApp = "l.chat_app"): string {
  const ctwa = (col: string, value: string) =>
    `case when c.id is not null then c.${col} when ${attr} = 'ctwa' then '${value}' end`;
  return `${attr} as attr, c.placement as placement,
      ${ctwa("channel", CTWA_DIMENSIONS.channel)} as channel,
      ${ctwa("source", CTWA_DIMENSIONS.source)} as source,
      ${ctwa("medium", CTWA_DIMENSIONS.medium)} as medium,
      c.utm_campaign as campaign, c.landing_page as landing_page, c.link_id as link_id,
      ${chatApp} as chat_app`;
}

/**
 * The dimension columns of a click row (no alias: inside a trigger, prefix `new.`); `chatApp`
 * replaces the click's own chat app (the rollup's backfill, rollup-triggers.ts).
 */
export function clickDimensionColumns(prefix = "", chatApp = `${prefix}chat_app`): string {
  return `'ref' as attr, ${prefix}placement as placement, ${prefix}channel as channel,
      ${prefix}source as source, ${prefix}medium as medium, ${prefix}utm_campaign as campaign,
      ${prefix}landing_page as landing_page, ${prefix}link_id as link_id,
      ${chatApp} as chat_app`;
}

/** The newest touch of lead `l` (by occurred_at, then id): the last-touch join. */
export const LAST_TOUCH_JOIN = `left join touches t on t.id = (select t2.id from touches t2
    where t2.lead_id = l.id order by t2.occurred_at desc, t2.id desc limit 1)
  left join clicks c on c.id = case when t.id is null then l.click_id else t.click_id end`;

/** The touch join of lead `l` and its attribution SQL, for a touch model. */
const touchOf = (touch: TouchModel) =>
  touch === "first"
    ? { join: "left join clicks c on c.id = l.click_id", attr: "l.attribution" }
    : { join: LAST_TOUCH_JOIN, attr: "coalesce(t.kind, l.attribution)" };

function leadRows(touch: TouchModel, where: string): string {
  const { join, attr } = touchOf(touch);
  return `select ${ROW_COLUMNS}, 0 as chat, 0 as scan, 1 as conv, ${NO_SALE} from (
    select l.created_at as at, ${leadDimensionColumns(attr)}
    from leads l ${join}
    where l.site_id = ?1 and l.created_at >= ?2 and l.created_at < ?3
  )${where ? ` where ${where.replace(/^ and /, "")}` : ""}`;
}

/**
 * One row per sale event of the period (lead_events_site_occurred_idx) under its lead's touch,
 * with `columns` over the event `e` (the figures, or another currency's values); `only` picks
 * the events (default: those adding anything).
 */
function eventRows(touch: TouchModel, where: string, columns: string, only?: string): string {
  const { join, attr } = touchOf(touch);
  const parts: SaleParts = saleParts("e");
  return `select * from (
    select e.occurred_at as at, ${leadDimensionColumns(attr)}, ${columns}
    from lead_events e join leads l on l.id = e.lead_id ${join}
    where e.site_id = ?1 and e.occurred_at >= ?2 and e.occurred_at < ?3 and ${only ?? parts.counts}
  )${where ? ` where ${where.replace(/^ and /, "")}` : ""}`;
}

const saleColumns = (p: SaleParts = saleParts("e")) =>
  `0 as chat, 0 as scan, 0 as conv, ${p.qualified} as q, ${p.purchases} as p, ${p.revenue} as r`;

/** The row and rollup column each filter is a condition on. */
export const FILTER_COLUMN: Record<Filter, string> = {
  channel: "channel",
  source: "source",
  medium: "medium",
  campaign: "campaign",
  placement: "placement",
  link_id: "link_id",
  chat_app: "chat_app",
};
/** The click half filters on the table's own columns (the index's), so the names differ. */
const CLICK_FILTER_COLUMN: Record<Filter, string> = { ...FILTER_COLUMN, campaign: "utm_campaign" };

/** The SQL of each dimension's value over the row columns (ROW_COLUMNS). */
export const GROUP_KEY: Record<GroupBy, string> = {
  channel: "channel",
  source_medium: "case when source is null then null else source || ' / ' || medium end",
  source: "source",
  medium: "medium",
  campaign: "campaign",
  landing_page: "landing_page",
  placement: "placement",
  link: "link_id",
  attribution: "attr",
  chat_app: "chat_app",
};

/**
 * The filters set, as ` and <column> = ?N` clauses numbered after ?1..?3, and their values;
 * with `excludeInferred`, also ` and <attr> <> 'inferred'` where the rows have an attribution.
 */
export function filterWhere(p: StatsParams, columns: Record<Filter, string>, attr?: string) {
  const binds: string[] = [];
  let where = "";
  for (const f of STATS_FILTERS) {
    const value = p.filters[f];
    if (value === undefined) continue;
    binds.push(value);
    where += ` and ${columns[f]} = ?${3 + binds.length}`;
  }
  if (p.excludeInferred && attr) where += ` and ${attr} <> 'inferred'`;
  return { binds, where };
}

/** The union of click and lead rows of one period, filtered; parameters ?1..?3 then filters. */
function unionRows(p: StatsParams): { sql: string; binds: string[] } {
  const { binds, where: leadWhere } = filterWhere(p, FILTER_COLUMN, "attr");
  const clickWhere = filterWhere(p, CLICK_FILTER_COLUMN).where;
  // A placement or link filter can only match leads with a click: still one union.
  return {
    sql: `${clickRows(clickWhere)}\n  union all\n  ${leadRows(p.touch, leadWhere)}
  union all\n  select ${ROW_COLUMNS}, chat, scan, conv, q, p, r from (${eventRows(p.touch, leadWhere, saleColumns())})`,
    binds,
  };
}

/** A statement and how to read its rows. */
export interface StatsStatement {
  sql: string;
  binds: (string | number)[];
}

function grouped(p: StatsParams, key: string, limit?: number): StatsStatement {
  const u = unionRows(p);
  const sql = `select ${key} as key, sum(chat) as chat, sum(scan) as scan, sum(conv) as conv,
    ${clickedSql("attr", "conv")} as clicked, sum(q) as qualified, sum(p) as purchases, sum(r) as revenue
  from (${u.sql})
  group by 1
  order by ${limit ? "sum(conv) desc, sum(chat) + sum(scan) desc, key" : "key"}${limit ? ` limit ${limit + 1}` : ""}`;
  return { sql, binds: [p.siteId, p.from, p.to, ...u.binds] };
}

/** Whether `ms` is the start of a local day in `tz`. */
const isMidnight = (tz: string, ms: number) => localMidnight(tz, localDay(tz, ms)) === ms;

/**
 * Whether the daily rollup (stats_daily_tuples) can answer: whole local days. It is then read
 * instead of the raw rows (a few rows per day and dimension tuple instead of every click),
 * through its primary key (site_id, day, …tuple): a covering range scan.
 */
export const rollupAnswers = (p: StatsParams) => isMidnight(p.tz, p.from) && isMidnight(p.tz, p.to);

/** The rollup table that answers a statement over the tuple `columns` under p's filters. */
export function rolledTable(p: StatsParams, columns: string[] = []): string {
  const filters = (Object.keys(p.filters) as Filter[]).map((f) => FILTER_COLUMN[f]);
  if (p.excludeInferred) filters.push("attribution");
  return rollupSource([...columns, ...filters], filters.length > 0);
}

/**
 * One rollup statement grouped by `key`; `from` replaces the rollup table by a FROM item that
 * already holds the period's filtered rows, read whole (stats-breakdowns.ts).
 */
export function rolled(
  p: StatsParams,
  key: string,
  limit?: number,
  columns: string[] = [],
  from?: string,
): StatsStatement {
  const conv = p.touch === "first" ? "conv_first" : "conv_last";
  const { binds, where } = filterWhere(p, FILTER_COLUMN, "attribution");
  const t = p.touch;
  const sql = `select ${key} as key, sum(chat) as chat, sum(scans) as scan, sum(${conv}) as conv,
    ${clickedSql("attribution", conv)} as clicked, sum(qualified_${t}) as qualified, sum(purchases_${t}) as purchases, sum(revenue_${t}) as revenue
  from ${
    from ??
    `${rolledTable(p, columns)}
  where site_id = ?1 and day >= ?2 and day < ?3${where}`
  }
  group by 1 having sum(chat) + sum(scans) + sum(${conv}) > 0 or sum(qualified_${t}) > 0
    or sum(purchases_${t}) > 0 or sum(revenue_${t}) != 0
  order by ${limit ? `sum(${conv}) desc, sum(chat) + sum(scans) desc, key` : "key"}${limit ? ` limit ${limit + 1}` : ""}`;
  return { sql, binds: [p.siteId, localDay(p.tz, p.from), localDay(p.tz, p.to), ...binds] };
}

/** Totals by attribution (ref / ctwa / none): the KPIs and the attribution share in one. */
export const attributionStatement = (p: StatsParams, raw = false) =>
  !raw && rollupAnswers(p)
    ? rolled(p, ROLLUP_KEY("attribution"), undefined, ROLLUP_COLUMNS("attribution"))
    : grouped(p, GROUP_KEY.attribution);
/** Counts per interval bucket. */
export const seriesStatement = (p: StatsParams, raw = false) =>
  !raw && rollupAnswers(p)
    ? rolled(p, bucketExpr(p.interval, "day"))
    : grouped(p, bucketExpr(p.interval, localDaySql(p.tz, "at", p.from, p.to)));
/** The top `limit` rows of one breakdown (one more is read to tell if it was cut). */
export const breakdownStatement = (p: StatsParams, by: GroupBy, limit: number, raw = false) =>
  !raw && rollupAnswers(p)
    ? rolled(p, ROLLUP_KEY(by), limit, ROLLUP_COLUMNS(by))
    : grouped(p, GROUP_KEY[by], limit);

/**
 * Revenue in other currencies than the site's (key: the code, revenue: millionths), by the
 * period's events under the touch model and filters: always from the raw events (the rollup
 * keeps the site's currency only), a few rows. Read from the covering site and time index
 * (migrations/0028); unfiltered, an event counts whatever its touch, so no lead, touch or click
 * is read (every event has its lead: a foreign key), which at 30,000 events is ~10 ms, not ~150.
 */
export function otherRevenueStatement(p: StatsParams): StatsStatement {
  const { binds, where } = filterWhere(p, FILTER_COLUMN, "attr");
  const columns = `e.currency as currency, ${signedValue("e")} as r`;
  const rows = where
    ? eventRows(p.touch, where, columns, otherCurrency("e"))
    : `select ${columns} from lead_events e
    where e.site_id = ?1 and e.occurred_at >= ?2 and e.occurred_at < ?3 and ${otherCurrency("e")}`;
  return {
    sql: `select currency as key, sum(r) as revenue
  from (${rows}) group by 1 order by 1`,
    binds: [p.siteId, p.from, p.to, ...binds],
  };
}

/**
 * Opt-ins (`n`) and opt-outs (`o`) in the period: contacts with a verified `opted_in` /
 * `opted_out` consent event (any source; a widget opt-in whose text is not registered does not
 * count) whose event time falls in it; a contact that did both counts in both. Site-wide
 * (consent is not tied to a dimension, so filtered stats report null). Uses
 * consent_events_site_occurred_idx.
 */
export function consentStatement(p: StatsParams): StatsStatement {
  return {
    sql: `select count(distinct case when status = 'opted_in' then contact_id end) as n,
    count(distinct case when status = 'opted_out' then contact_id end) as o
  from consent_events where site_id = ? and verified = 1 and occurred_at >= ? and occurred_at < ?`,
    binds: [p.siteId, p.from, p.to],
  };
}
