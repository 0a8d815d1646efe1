/** Stats test helpers: the daily rollup and the raw rows must answer alike. */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import {
  attributionStatement,
  breakdownStatement,
  GROUP_BYS,
  type StatsParams,
  type StatsStatement,
  seriesStatement,
} from "../../worker/reporting/stats-query";

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
    expect(rolled.sql).toContain("stats_daily_tuples");
    expect(raw.sql).not.toContain("stats_daily_tuples");
    expect(await run(rolled), `${label} ${raw.sql.slice(0, 60)}`).toEqual(await run(raw));
  }
}
