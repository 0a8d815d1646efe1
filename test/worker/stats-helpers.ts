/** Stats test helpers: the daily rollup and the raw rows must answer alike. */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { StatsJson } from "../../worker/api/stats-schema";
import {
  attributionStatement,
  breakdownStatement,
  GROUP_BYS,
  type StatsParams,
  type StatsStatement,
  seriesStatement,
} from "../../worker/reporting/stats-query";
import { ADMIN_TOKEN } from "./consent-helpers";
import { apiOk, call, type TestSite } from "./helpers";

type Breakdown = NonNullable<StatsJson["breakdowns"][keyof StatsJson["breakdowns"]]>;
/** The stats answer as the tests read it: the API's own type, breakdowns looked up by any name. */
export type Stats = Omit<StatsJson, "breakdowns"> & { breakdowns: Record<string, Breakdown> };
/** One row of a breakdown. */
export type Row = Breakdown["rows"][number];

const DAY = 86_400_000;

/** The stats of `siteId` by UTC day from the epoch to tomorrow, last touch, unfiltered, but for `p`. */
export const statsParams = (siteId: string, p: Partial<StatsParams> = {}): StatsParams => ({
  siteId,
  from: 0,
  to: Date.now() + DAY,
  interval: "day",
  touch: "last",
  filters: {},
  tz: "UTC",
  ...p,
});

/** GET /api/v1/stats?<query> of a site (asserts a 200). */
export const stats = (site: TestSite, query: string) =>
  apiOk<Stats>(site, `/api/v1/stats?${query}`);

const run = (st: StatsStatement) =>
  env.DB.prepare(st.sql)
    .bind(...st.binds)
    .all()
    .then((r) => r.results);

/** Every statement of `p` (totals, series, each breakdown) read from the rollup equals the raw read. */
export async function expectRollupEqualsRaw(p: StatsParams, label: string): Promise<void> {
  const pairs = [
    [attributionStatement(p), attributionStatement(p, true)],
    [seriesStatement(p), seriesStatement(p, true)],
    ...GROUP_BYS.map((g) => [breakdownStatement(p, g, 100), breakdownStatement(p, g, 100, true)]),
  ] as const;
  for (const [rolled, raw] of pairs) {
    // One of the rollups (stats_daily_tuples or its projections, rollup-projections.ts).
    expect(rolled.sql).toMatch(/stats_daily_(tuples|coarse|dims)/);
    expect(raw.sql).not.toMatch(/stats_daily_/);
    expect(await run(rolled), `${label} ${raw.sql.slice(0, 60)}`).toEqual(await run(raw));
  }
}

/** Sets a site's time zone through the admin API (moving its rollup to the new local days). */
export async function setZone(site: TestSite, timezone: string) {
  const res = await call(
    new Request(`https://chatref.test/api/v1/sites/${site.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ timezone }),
    }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { timezone: string };
}

/** Inserts chat clicks at the given instants straight into D1 (the triggers keep the rollup). */
export async function clicksAt(site: TestSite, instants: number[], source = "google") {
  await env.DB.prepare(
    `insert into clicks (site_id, ref, placement, source, medium, channel, created_at)
     select ?1, 'T' || ?2 || '-' || key, 'button', ?2, 'cpc', 'Paid Search', value from json_each(?3)`,
  )
    .bind(site.id, source, JSON.stringify(instants))
    .run();
}
