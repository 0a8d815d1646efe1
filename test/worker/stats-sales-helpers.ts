/** Sales-in-the-stats test helpers: sites set through the admin API, sale events straight into D1. */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { INTERVALS, type StatsParams, TOUCH_MODELS } from "../../worker/reporting/stats-query";
import { call, type TestSite } from "./helpers";
import { expectRollupEqualsRaw } from "./stats-helpers";

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
const ADMIN_TOKEN = "test-admin-token";

/** PATCHes a site through the admin API (a zone or currency change moves its rollup). */
export async function patchSite(site: TestSite, body: { timezone?: string; currency?: string }) {
  const res = await call(
    new Request(`https://chatref.test/api/v1/sites/${site.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { timezone: string; currency: string };
}

/** The site's lead ids, oldest first. */
export async function leadIds(site: TestSite): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "select id from leads where site_id = ?1 order by created_at, id",
  )
    .bind(site.id)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** A sale event as the tests write it: value in units, occurred_at in ms. */
export interface SaleEvent {
  lead: string;
  type: "qualified" | "purchase" | "refund" | "lost";
  external?: string;
  value?: number;
  currency?: string;
  at: number;
}

let serial = 0;
/** Inserts events straight into lead_events (the triggers keep the rollup), as the API would. */
export async function insertEvents(site: TestSite, events: SaleEvent[]): Promise<void> {
  if (!events.length) return;
  await env.DB.batch(
    events.map((e) =>
      env.DB.prepare(
        `insert into lead_events (id, site_id, lead_id, type, external_id, value_micros, currency,
           occurred_at, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         on conflict (lead_id, type, external_id) do nothing`,
      ).bind(
        `lev_t${String(++serial).padStart(8, "0")}`,
        site.id,
        e.lead,
        e.type,
        e.external ?? e.type,
        e.value === undefined ? null : Math.round(e.value * 1e6),
        e.value === undefined ? null : (e.currency ?? "USD"),
        e.at,
        Date.now(),
      ),
    ),
  );
}

/**
 * The rollup equals the raw rows for every statement, touch model and interval (and a few
 * filters) over [from, to) in `tz`: conversations and the sale figures alike.
 */
export async function expectSalesRollupEqualsRaw(
  site: TestSite,
  tz: string,
  from: number,
  to: number,
  intervals: readonly StatsParams["interval"][] = INTERVALS,
) {
  const filterSets: StatsParams["filters"][] = [{}, { channel: "Paid Search" }, { medium: "ctwa" }];
  for (const touch of TOUCH_MODELS)
    for (const interval of intervals)
      for (const filters of interval === "day" ? filterSets : [{}]) {
        const p: StatsParams = { siteId: site.id, from, to, interval, touch, filters, tz };
        await expectRollupEqualsRaw(p, `${tz} ${touch} ${interval} ${JSON.stringify(filters)}`);
      }
}

/** The rollup's sale figures of a site, summed (both touch models). */
export async function rollupSums(site: TestSite) {
  return env.DB.prepare(
    `select sum(qualified_first) as qf, sum(qualified_last) as ql, sum(purchases_first) as pf,
       sum(purchases_last) as pl, sum(revenue_first) as rf, sum(revenue_last) as rl
     from stats_daily_tuples where site_id = ?1`,
  )
    .bind(site.id)
    .first<Record<string, number>>();
}

/** The events as stored: the first of each (lead, type, external id) only. */
export function stored(events: SaleEvent[]): SaleEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = `${e.lead} ${e.type} ${e.external ?? e.type}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What the events should add up to, computed in JS from the rules (sales-sql.ts). */
export function expectedKpis(events: SaleEvent[], currency: string, from: number, to: number) {
  const firstQualified = new Map<string, number>();
  for (const e of events)
    if (e.type === "qualified")
      firstQualified.set(e.lead, Math.min(e.at, firstQualified.get(e.lead) ?? Infinity));
  const inPeriod = (at: number) => at >= from && at < to;
  let revenue = 0;
  const other = new Map<string, number>();
  for (const e of events) {
    if (!inPeriod(e.at) || e.value === undefined) continue;
    if (e.type !== "purchase" && e.type !== "refund") continue;
    const signed = e.type === "purchase" ? e.value : -e.value;
    const code = e.currency ?? "USD";
    if (code === currency) revenue += signed;
    else other.set(code, (other.get(code) ?? 0) + signed);
  }
  return {
    qualified: [...firstQualified.values()].filter(inPeriod).length,
    purchases: events.filter((e) => e.type === "purchase" && inPeriod(e.at)).length,
    revenue,
    revenue_other: [...other.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, value]) => ({ currency: code, value })),
  };
}
