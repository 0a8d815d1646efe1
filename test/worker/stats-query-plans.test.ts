/**
 * The stats queries' plans on the site story (site-story.ts): index range scans only, and each
 * rollup read a primary-key range of the table rollup-projections.ts picks.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  attributionStatement,
  breakdownStatement,
  GROUP_BYS,
  seriesStatement,
} from "../../worker/reporting/stats-query";
import { createSite, type TestSite } from "./helpers";
import { seedSiteStory } from "./site-story";
import { statsParams } from "./stats-helpers";

const DAY = 86_400_000;

let site: TestSite;
beforeAll(async () => {
  site = await createSite();
  await seedSiteStory(site);
});

describe("GET /api/v1/stats", () => {
  it("query plans: index range scans only, no full table scan", async () => {
    const p = statsParams(site.id, { touch: "first", filters: { channel: "Email" } });
    const statements = [
      attributionStatement(p, true),
      seriesStatement({ ...p, touch: "last" }, true),
      ...GROUP_BYS.map((g) => breakdownStatement(p, g, 100, true)),
    ];
    for (const s of statements) {
      const plan = await env.DB.prepare(`explain query plan ${s.sql}`)
        .bind(...s.binds)
        .all<{ detail: string }>();
      const details = plan.results.map((r) => r.detail);
      const text = details.join("\n");
      expect(text).toContain("USING COVERING INDEX clicks_site_created_stats_idx");
      expect(text).toMatch(/leads_site_created_stats_idx/);
      for (const d of details)
        expect(d, text).not.toMatch(/^SCAN (clicks|leads|touches|c|l|t|t2)\b(?!.*INDEX)/);
    }
    const whole = { ...p, from: 0, to: (Math.floor(Date.now() / DAY) + 1) * DAY, filters: {} };
    // Each rollup a WITHOUT ROWID table whose primary key covers the whole query: the coarse
    // tuple, one dimension's rows, or the full tuple (rollup-projections.ts says which).
    const cases = [
      [
        breakdownStatement(whole, "channel", 100),
        "stats_daily_coarse",
        "site_id=? AND day>? AND day<?",
      ],
      [
        breakdownStatement(whole, "campaign", 100),
        "stats_daily_dims",
        "site_id=? AND dim=? AND day>? AND day<?",
      ],
      [
        breakdownStatement({ ...whole, filters: { channel: "Email" } }, "campaign", 100),
        "stats_daily_tuples",
        "site_id=? AND day>? AND day<?",
      ],
    ] as const;
    for (const [rolled, table, key] of cases) {
      const plan = await env.DB.prepare(`explain query plan ${rolled.sql}`)
        .bind(...rolled.binds)
        .all<{ detail: string }>();
      const rolledPlan = plan.results.map((r) => r.detail).join("\n");
      expect(rolledPlan).toContain(`SEARCH ${table} USING PRIMARY KEY (${key})`);
      expect(rolledPlan).not.toMatch(/SCAN stats_daily_/);
    }
  });
});
