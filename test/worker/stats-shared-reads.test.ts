/**
 * The stats' cheaper reads answer exactly what the plain ones do (issue 14's bench):
 * - the breakdowns that only the full tuple answers share one read of it (stats-breakdowns.ts):
 *   each breakdown's rows equal its own statement's, and the full tuple is searched once;
 * - other currencies' revenue of an unfiltered period reads the covering site and time index
 *   alone (migrations/0028): it equals the sum of the same figure over every chat app, which
 *   goes through each event's lead.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { CHANNELS } from "../../worker/db/schema";
import { breakdownPlan } from "../../worker/reporting/stats-breakdowns";
import {
  breakdownStatement,
  GROUP_BYS,
  type GroupRow,
  otherRevenueStatement,
  type StatsParams,
  type StatsStatement,
  TOUCH_MODELS,
} from "../../worker/reporting/stats-query";
import { createSite, type TestSite } from "./helpers";
import { seedSiteStory } from "./site-story";
import { stats } from "./stats-helpers";
import { DAY, HOUR, insertEvents, leadIds, patchSite } from "./stats-sales-helpers";

let site: TestSite;
let from: number;
let to: number;

const run = (s: StatsStatement) =>
  env.DB.prepare(s.sql)
    .bind(...s.binds)
    .all<GroupRow>()
    .then((r) => r.results);
const plan = (s: StatsStatement) =>
  env.DB.prepare(`explain query plan ${s.sql}`)
    .bind(...s.binds)
    .all<{ detail: string }>()
    .then((r) => r.results.map((x) => x.detail).join("\n"));

/** The site's 60 days up to tomorrow, UTC. */
const params = (
  touch: StatsParams["touch"],
  filters: StatsParams["filters"],
  excludeInferred = false,
): StatsParams => ({
  siteId: site.id,
  from,
  to,
  interval: "day",
  touch,
  filters,
  excludeInferred,
  tz: "UTC",
});

beforeAll(async () => {
  site = await createSite();
  await patchSite(site, { currency: "EUR" });
  await seedSiteStory(site);
  const leads = await leadIds(site);
  const now = Date.now();
  await insertEvents(
    site,
    leads.flatMap((lead, i) => [
      { lead, type: "qualified" as const, at: now - i * HOUR },
      {
        lead,
        type: "purchase" as const,
        external: "a",
        value: 10 + i,
        currency: "EUR",
        at: now - i * HOUR,
      },
      {
        lead,
        type: "purchase" as const,
        external: "b",
        value: 7 + i,
        currency: "USD",
        at: now - 2 * i * HOUR,
      },
      { lead, type: "refund" as const, external: "b", value: 2, currency: "USD", at: now - HOUR },
      {
        lead,
        type: "purchase" as const,
        external: "c",
        value: 3,
        currency: "BRL",
        at: now - 3 * DAY,
      },
    ]),
  );
  to = (Math.floor(now / DAY) + 1) * DAY;
  from = to - 60 * DAY;
});

describe("stats: shared and covering reads", () => {
  it("the full tuple's breakdowns in one read equal each breakdown's own statement", async () => {
    const filterSets: StatsParams["filters"][] = [
      { channel: "Paid Search" },
      { campaign: "spring" },
      { medium: "ctwa" },
      {},
    ];
    let shared = 0;
    for (const touch of TOUCH_MODELS)
      for (const filters of filterSets)
        for (const excludeInferred of [false, true]) {
          const p = params(touch, filters, excludeInferred);
          const groups = [...GROUP_BYS];
          const bp = breakdownPlan(p, groups, 2);
          const rows = bp.rows(await Promise.all(bp.statements.map(run)));
          const label = `${touch} ${JSON.stringify(filters)} ${excludeInferred}`;
          for (const [i, g] of groups.entries())
            expect(rows[i], `${label} ${g}`).toEqual(await run(breakdownStatement(p, g, 2)));
          if (bp.statements.length < groups.length) {
            shared++;
            const last = bp.statements.at(-1) as StatsStatement;
            const text = await plan(last);
            expect(text.match(/SEARCH stats_daily_tuples USING PRIMARY KEY/g)).toHaveLength(1);
          }
        }
    // A filter on the tuple sends campaign and landing page (or every breakdown) to it.
    expect(shared).toBeGreaterThanOrEqual(12);
    // Some rows were compared: the story has campaigns and pages.
    const bp = breakdownPlan(
      params("first", { channel: "Paid Search" }),
      ["campaign", "landing_page"],
      100,
    );
    expect(bp.statements).toHaveLength(1);
    const [campaigns, pages] = bp.rows(await Promise.all(bp.statements.map(run)));
    expect(campaigns?.length).toBeGreaterThan(0);
    expect(pages?.length).toBeGreaterThan(0);
  });

  it("the API answers every breakdown under a campaign filter (one shared read of more than 5 breakdowns)", async () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const s = await stats(
      site,
      `from=${day(from)}&to=${day(to)}&campaign=spring&group_by=${GROUP_BYS.join(",")}`,
    );
    expect(s.breakdowns.campaign?.rows.map((r) => r.key)).toEqual(["spring"]);
    expect(s.breakdowns.channel?.rows.map((r) => [r.key, r.chat_clicks])).toEqual([
      ["Paid Search", 1],
    ]);
    expect(s.kpis.purchases).toBeGreaterThan(0);
  });

  it("other currencies' revenue, unfiltered, reads the covering index only and equals its sum over every chat app", async () => {
    for (const touch of TOUCH_MODELS) {
      const p = params(touch, {});
      const whole = await run(otherRevenueStatement(p));
      expect(whole.map((r) => r.key)).toEqual(["BRL", "USD"]);
      const sums = new Map<string, number>();
      for (const chat_app of CHANNELS)
        for (const r of await run(otherRevenueStatement({ ...p, filters: { chat_app } })))
          sums.set(String(r.key), (sums.get(String(r.key)) ?? 0) + Number(r.revenue));
      expect(whole.map((r) => [r.key, r.revenue])).toEqual([...sums.entries()].sort());
      const text = await plan(otherRevenueStatement(p));
      expect(text).toContain("USING COVERING INDEX lead_events_site_occurred_idx");
      expect(text).not.toMatch(/\b(leads|clicks|touches)\b|SEARCH (l|c|t)\b/);
    }
  });
});
