/**
 * `GET /api/v1/stats`: KPIs, a time series, breakdowns and the attribution share of the key's
 * site for a period (and, with `compare=previous`, the same-length period before it). Leads are
 * counted by their first touch (`leads.click_id`) or their last matched touch (`touch=last`),
 * and so are their sale events (qualified, purchases, revenue in the site's `currency`; other
 * currencies apart in `kpis.revenue_other`, read from the raw events: reporting/sales-sql.ts).
 * The SQL is in reporting/stats-query.ts; every statement runs in one D1 batch.
 */

import { eq } from "drizzle-orm";
import { z } from "zod";
import { CHANNELS, links } from "../db/schema";
import { ApiError } from "../http/errors";
import { breakdownPlan } from "../reporting/stats-breakdowns";
import { bucketLabel, bucketLabels } from "../reporting/stats-buckets";
import {
  attributionStatement,
  type Counts,
  consentStatement,
  GROUP_BYS,
  type GroupBy,
  type GroupRow,
  INTERVALS,
  otherRevenueStatement,
  rate,
  rollupAnswers,
  type StatsParams,
  type StatsStatement,
  seriesStatement,
  TOUCH_MODELS,
  toCounts,
} from "../reporting/stats-query";
import { localDay, localMidnight } from "../reporting/time-zone";
import { apiApp, apiRoute, jsonResponse } from "./api-route";
import { type PeriodJson, statsSchema } from "./stats-schema";

const DAY = 86_400_000;
/** The longest period one request may cover, and the most rows a breakdown returns. */
export const MAX_RANGE_DAYS = 400;
export const BREAKDOWN_LIMIT = 100;

/**
 * A date (`2026-11-21`: that day's start in the site's time zone) or a date-time with offset
 * (that instant); resolved once the site is known.
 */
const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform(
    (s): Instant =>
      s.length === 10 ? { day: Date.parse(`${s}T00:00:00Z`) / DAY } : { ms: Date.parse(s) },
  );
type Instant = { day: number } | { ms: number };
const resolve = (tz: string, i: Instant) => ("day" in i ? localMidnight(tz, i.day) : i.ms);
const filterValue = z.string().min(1).max(512).optional();

export const statsQuery = z.strictObject({
  from: instant
    .optional()
    .describe(
      "start, inclusive (default: 30 days before `to`); a date is its start in the site's time zone",
    ),
  to: instant
    .optional()
    .describe("end, exclusive (default: the end of today in the site's time zone)"),
  interval: z.enum(INTERVALS).default("day"),
  group_by: z
    .string()
    .max(200)
    .default("channel")
    .transform((s) => [...new Set(s.split(","))])
    .pipe(z.array(z.enum(GROUP_BYS)).min(1).max(GROUP_BYS.length))
    .describe("one dimension or a comma-separated list"),
  touch: z.enum(TOUCH_MODELS).default("first"),
  compare: z.enum(["previous"]).optional(),
  channel: filterValue,
  source: filterValue,
  medium: filterValue,
  campaign: filterValue,
  placement: filterValue,
  link_id: z.string().min(1).max(64).optional(),
  chat_app: z
    .enum(CHANNELS)
    .optional()
    .describe("the chat app clicks opened and conversations started in (old rows: whatsapp)"),
  inferred: z
    .enum(["include", "exclude"])
    .default("include")
    .describe("`exclude` leaves out conversations attributed by inference (`inferred`)"),
});

/** The period [from, to) in Unix ms: dates are local days of `tz`; 400 when out of bounds. */
function periodOf(tz: string, q: { from?: Instant; to?: Instant }, now = Date.now()) {
  const to = q.to ? resolve(tz, q.to) : localMidnight(tz, localDay(tz, now) + 1);
  const from = q.from ? resolve(tz, q.from) : localMidnight(tz, localDay(tz, to - 1) - 29);
  const fail = (message: string) => new ApiError(400, "validation_failed", message);
  if (from >= to) throw fail("from must be before to");
  if (to - from > (MAX_RANGE_DAYS + 1) * DAY)
    throw fail(`at most ${MAX_RANGE_DAYS} days per request`);
  return { from, to };
}

/** The same-length period before `p`: as many local days when `p` is whole days. */
function previousOf(p: StatsParams): StatsParams {
  const days = localDay(p.tz, p.to) - localDay(p.tz, p.from);
  const from = rollupAnswers(p)
    ? localMidnight(p.tz, localDay(p.tz, p.from) - days)
    : p.from - (p.to - p.from);
  return { ...p, from, to: p.from };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Runs the statements in one batch and returns their rows. */
async function runBatch(d1: D1Database, statements: StatsStatement[]): Promise<GroupRow[][]> {
  const results = await d1.batch<GroupRow>(
    statements.map((s) => d1.prepare(s.sql).bind(...s.binds)),
  );
  return results.map((r) => r.results);
}

const ZERO: Counts = toCounts({ key: null, chat: 0, scan: 0, conv: 0 });

/** Opt-ins and opt-outs of a period (consentStatement); null when filtered. */
type ConsentCounts = { opt_ins: number | null; opt_outs: number | null };

function period(
  p: StatsParams,
  [attributionRows = [], seriesRows = [], otherRows = []]: GroupRow[][],
  consent: ConsentCounts,
): PeriodJson {
  const attribution = { ref: 0, ctwa: 0, none: 0, inferred: 0 };
  const sums = {
    key: null,
    chat: 0,
    scan: 0,
    conv: 0,
    clicked: 0,
    qualified: 0,
    purchases: 0,
    revenue: 0,
  };
  for (const row of attributionRows) {
    const c = toCounts(row);
    sums.chat += c.chat_clicks;
    sums.scan += c.scans;
    sums.conv += c.conversations;
    sums.clicked += c.clicked_conversations;
    sums.qualified += c.qualified;
    sums.purchases += c.purchases;
    // Summed in millionths, exactly, and converted once.
    sums.revenue += row.revenue ?? 0;
    if (row.key === "ref" || row.key === "ctwa" || row.key === "none" || row.key === "inferred")
      attribution[row.key] += c.conversations;
  }
  const total = toCounts(sums);
  const byLabel = new Map(seriesRows.map((r) => [bucketLabel(r.key, p.interval), toCounts(r)]));
  return {
    from: iso(p.from),
    to: iso(p.to),
    kpis: {
      ...total,
      click_to_conversation_rate: rate(total),
      // Site-wide: consent is not tied to a dimension, so filtered stats say null.
      ...consent,
      revenue_other: otherRows.map((r) => ({
        currency: String(r.key),
        value: (r.revenue ?? 0) / 1e6,
      })),
    },
    attribution,
    series: bucketLabels(p.from, p.to, p.interval, p.tz).map((label) => ({
      period: label,
      ...(byLabel.get(label) ?? ZERO),
    })),
  };
}

const getStats = apiRoute({
  method: "get",
  path: "/",
  scope: "read",
  operationId: "getStats",
  tags: ["stats"],
  summary: "KPIs, time series, breakdowns and attribution share for a period",
  request: { query: statsQuery },
  responses: { 200: jsonResponse(statsSchema, "The figures") },
});

export const statsRoute = apiApp().openapi(getStats, async (c) => {
  const q = c.req.valid("query");
  const tz = c.var.timezone;
  const p: StatsParams = {
    siteId: c.var.siteId,
    ...periodOf(tz, q),
    tz,
    interval: q.interval,
    touch: q.touch,
    filters: {
      channel: q.channel,
      source: q.source,
      medium: q.medium,
      campaign: q.campaign,
      placement: q.placement,
      link_id: q.link_id,
      chat_app: q.chat_app,
    },
    excludeInferred: q.inferred === "exclude",
  };
  for (const k of Object.keys(p.filters) as (keyof typeof p.filters)[])
    if (p.filters[k] === undefined) delete p.filters[k];
  const prev = previousOf(p);
  const groups: GroupBy[] = q.group_by;
  const plan = breakdownPlan(p, groups, BREAKDOWN_LIMIT);
  const statements = [
    attributionStatement(p),
    seriesStatement(p),
    ...plan.statements,
    ...(q.compare
      ? [attributionStatement(prev), seriesStatement(prev), otherRevenueStatement(prev)]
      : []),
    otherRevenueStatement(p),
    { sql: "select currency as key from sites where id = ?1", binds: [p.siteId] },
    consentStatement(p),
    consentStatement(prev),
  ];
  const [results, linkNames] = await Promise.all([
    runBatch(c.env.DB, statements),
    groups.includes("link")
      ? c.var.db
          .select({ id: links.id, name: links.name })
          .from(links)
          .where(eq(links.siteId, c.var.siteId))
          .all()
      : Promise.resolve([]),
  ]);
  const names = new Map(linkNames.map((l) => [l.id, l.name]));
  const breakdowns: Record<string, unknown> = {};
  const n = 2 + plan.statements.length;
  const groupRows = plan.rows(results.slice(2, n));
  groups.forEach((g, i) => {
    const rows = groupRows[i] ?? [];
    breakdowns[g] = {
      rows: rows.slice(0, BREAKDOWN_LIMIT).map((r) => {
        const counts = toCounts(r);
        return {
          key: r.key === null ? null : String(r.key),
          ...(g === "link"
            ? { label: r.key === null ? null : (names.get(String(r.key)) ?? null) }
            : {}),
          ...counts,
          rate: rate(counts),
        };
      }),
      truncated: rows.length > BREAKDOWN_LIMIT,
    };
  });
  const filtered = Object.keys(p.filters).length > 0;
  const consent = (i: number): ConsentCounts => {
    const r = results.at(i)?.[0] as { n?: number; o?: number } | undefined;
    return filtered
      ? { opt_ins: null, opt_outs: null }
      : { opt_ins: Number(r?.n ?? 0), opt_outs: Number(r?.o ?? 0) };
  };
  return c.json(
    {
      timezone: tz,
      currency: String(results.at(-3)?.[0]?.key ?? "USD"),
      interval: q.interval,
      touch: q.touch,
      filters: p.filters,
      ...period(p, [results[0] ?? [], results[1] ?? [], results.at(-4) ?? []], consent(-2)),
      breakdowns,
      ...(q.compare ? { previous: period(prev, results.slice(n, n + 3), consent(-1)) } : {}),
    },
    200,
  );
});
