/**
 * Property: whatever sale events arrive, in whatever order (earlier qualifications late, repeats,
 * refunds, other currencies, lost leads), on sites in different zones and currencies, the daily
 * rollup answers exactly what the raw rows do, and the KPIs follow the rules (sales-sql.ts).
 */

import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { otherRevenueStatement, type StatsParams } from "../../worker/reporting/stats-query";
import { localDay, localMidnight } from "../../worker/reporting/time-zone";
import { api, createSite, type TestSite } from "./helpers";
import { seedSiteStory } from "./site-story";
import {
  DAY,
  expectedKpis,
  expectSalesRollupEqualsRaw,
  insertEvents,
  leadIds,
  patchSite,
  type SaleEvent,
  stored,
} from "./stats-sales-helpers";

const SITES = [
  { tz: "Asia/Kathmandu", currency: "EUR" },
  { tz: "America/Santiago", currency: "BRL" },
] as const;

describe("sales rollup property", () => {
  it("rollup = raw and the KPIs follow the rules, for any events", async () => {
    const sites: {
      tz: string;
      currency: string;
      site: TestSite;
      leads: string[];
      events: SaleEvent[];
    }[] = [];
    for (const s of SITES) {
      const site = await createSite();
      await patchSite(site, { timezone: s.tz, currency: s.currency });
      await seedSiteStory(site);
      sites.push({ ...s, site, leads: await leadIds(site), events: [] as SaleEvent[] });
    }
    const now = Date.now();
    const event = fc.record({
      site: fc.integer({ min: 0, max: SITES.length - 1 }),
      lead: fc.integer({ min: 0, max: 3 }),
      type: fc.constantFrom("qualified", "purchase", "purchase", "refund", "lost"),
      external: fc.constantFrom("a", "b", "c", undefined),
      value: fc.option(fc.integer({ min: 0, max: 5_000_000_000 }).map((v) => v / 1e6)),
      currency: fc.constantFrom("EUR", "BRL", "USD"),
      ago: fc.integer({ min: 0, max: 25 * DAY }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 12 }), async (batch) => {
        for (const [i, s] of sites.entries()) {
          const mine: SaleEvent[] = batch
            .filter((e) => e.site === i)
            .map((e) => ({
              lead: s.leads[e.lead] ?? "",
              type: e.type as SaleEvent["type"],
              external: e.external,
              ...(e.value === null ? {} : { value: e.value, currency: e.currency }),
              at: now - e.ago,
            }));
          await insertEvents(s.site, mine);
          s.events = stored([...s.events, ...mine]);
          const today = localDay(s.tz, now);
          const from = localMidnight(s.tz, today - 20);
          const to = localMidnight(s.tz, today + 1);
          await expectSalesRollupEqualsRaw(s.site, s.tz, from, to, ["day"]);
          const want = expectedKpis(s.events, s.currency, from, to);
          const p: StatsParams = {
            siteId: s.site.id,
            from,
            to,
            interval: "day",
            touch: "first",
            filters: {},
            tz: s.tz,
          };
          const day = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
          const res = await api(
            s.site,
            `/api/v1/stats?from=${day(today - 20)}&to=${day(today + 1)}`,
          );
          const { kpis } = (await res.json()) as { kpis: typeof want };
          expect([kpis.qualified, kpis.purchases, Math.round(kpis.revenue * 1e6)]).toEqual([
            want.qualified,
            want.purchases,
            Math.round(want.revenue * 1e6),
          ]);
          const o = otherRevenueStatement(p);
          const other = await env.DB.prepare(o.sql)
            .bind(...o.binds)
            .all<{ key: string; revenue: number }>();
          expect(other.results.map((r) => ({ currency: r.key, value: r.revenue / 1e6 }))).toEqual(
            want.revenue_other.map((r) => ({ ...r, value: Math.round(r.value * 1e6) / 1e6 })),
          );
        }
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});
