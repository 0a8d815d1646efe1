/**
 * `GET /api/v1/stats`: KPIs, every breakdown, first vs last touch, filters, compare, errors,
 * tenant isolation (the query plans: stats-query-plans.test.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import rollupMigration from "../../migrations/0020_stats_chat_app.sql?raw";
import { formatRef } from "../../widget/protocol/ref-codec";
import { chatAppBackfillSql, ROLLUP_TRIGGERS_SQL } from "../../worker/reporting/rollup-triggers";
import { GROUP_BYS } from "../../worker/reporting/stats-query";
import { api, click, createSite, deliver, message, newPhone, type TestSite } from "./helpers";
import { ctwa, seedSiteStory } from "./site-story";
import { expectRollupEqualsRaw, type Stats, stats, statsParams } from "./stats-helpers";

const ALL = GROUP_BYS.join(",");
const DAY = 86_400_000;
const today = () => new Date(Math.floor(Date.now() / DAY) * DAY).toISOString().slice(0, 10);
const tomorrow = () =>
  new Date((Math.floor(Date.now() / DAY) + 1) * DAY).toISOString().slice(0, 10);

const row = (s: Stats, by: string, key: string | null) =>
  s.breakdowns[by]?.rows.find((r) => r.key === key);

/** The site story of site-story.ts. */
let site: TestSite;
let linkId: string;
beforeAll(async () => {
  site = await createSite();
  ({ linkId } = await seedSiteStory(site));
});

describe("GET /api/v1/stats", () => {
  it("opt-ins: contacts that opted in during the period, site-wide (null when filtered)", async () => {
    const other = await createSite();
    const phone = newPhone();
    await deliver(other, message({ from: phone, body: "hello" }));
    await deliver(other, message({ from: phone, body: "START" }));
    await deliver(other, message({ from: phone, body: "Start!" }));
    expect((await stats(other, "")).kpis.opt_ins).toBe(1);
    expect((await stats(other, "compare=previous")).previous?.kpis.opt_ins).toBe(0);
    expect((await stats(other, "channel=Email")).kpis.opt_ins).toBeNull();
  });

  // The sale figures (issue 14) are tested in stats-sales*.test.ts; this story has no sales.
  const NO_SALES = { qualified: 0, purchases: 0, revenue: 0 };

  it("KPIs and attribution share", async () => {
    const s = await stats(site, "");
    expect(s.kpis).toEqual({
      chat_clicks: 3,
      scans: 1,
      conversations: 4,
      // Two of the four had a click (the ad and the none lead did not): 2 / 4 clicks.
      clicked_conversations: 2,
      click_to_conversation_rate: 0.5,
      opt_ins: 0,
      opt_outs: 0,
      qualified: 0,
      purchases: 0,
      revenue: 0,
      revenue_other: [],
    });
    expect(s.attribution).toEqual({ ref: 2, ctwa: 1, none: 1, inferred: 0 });
    expect(s.series).toHaveLength(30);
    expect(s.series.at(-1)).toMatchObject({ period: today(), chat_clicks: 3, conversations: 4 });
  });

  it("every group_by dimension, first touch", async () => {
    const s = await stats(site, `group_by=${ALL}`);
    expect(row(s, "channel", "Paid Search")).toMatchObject({ chat_clicks: 1, conversations: 1 });
    expect(row(s, "channel", "Organic Search")).toMatchObject({ chat_clicks: 1, conversations: 0 });
    expect(row(s, "channel", "Email")).toMatchObject({ chat_clicks: 1, conversations: 0 });
    expect(row(s, "channel", "Paid Social")).toMatchObject({ chat_clicks: 0, conversations: 1 });
    expect(row(s, "channel", null)).toMatchObject({ conversations: 1 });
    expect(row(s, "source_medium", "google / cpc")).toMatchObject({ chat_clicks: 1, rate: 1 });
    // GA4 names an organic search source by its engine, "bing / organic", not by host ("[GA4]
    // Traffic-source dimensions, manual tagging, and auto-tagging"; issue 19).
    expect(row(s, "source_medium", "bing / organic")).toMatchObject({ rate: 0 });
    expect(row(s, "source_medium", "meta / ctwa")).toMatchObject({ conversations: 1, rate: null });
    expect(row(s, "source", "poster")).toMatchObject({ scans: 1, conversations: 1 });
    expect(row(s, "medium", "offline")).toMatchObject({ scans: 1, conversations: 1 });
    expect(row(s, "campaign", "spring")).toMatchObject({ chat_clicks: 1, conversations: 1 });
    expect(row(s, "landing_page", `${new URL(site.origin).host}/shoes`)).toMatchObject({
      chat_clicks: 1,
      conversations: 1,
    });
    expect(row(s, "placement", "button")).toMatchObject({ chat_clicks: 2, conversations: 1 });
    expect(row(s, "placement", "qr_panel")).toMatchObject({ chat_clicks: 1, conversations: 0 });
    expect(row(s, "placement", "link")).toMatchObject({ scans: 1, conversations: 1 });
    expect(row(s, "link", linkId)).toMatchObject({ label: "Poster", scans: 1, conversations: 1 });
    expect(row(s, "attribution", "ctwa")).toMatchObject({ conversations: 1 });
    expect(s.breakdowns.channel?.rows[0]?.conversations).toBe(1);
  });

  it("last touch moves P1's conversation from the ad to the e-mail", async () => {
    const first = await stats(site, "group_by=channel,campaign,placement");
    const last = await stats(site, "group_by=channel,campaign,placement&touch=last");
    expect(row(first, "channel", "Paid Search")?.conversations).toBe(1);
    expect(row(last, "channel", "Paid Search")?.conversations).toBe(0);
    expect(row(first, "channel", "Email")?.conversations).toBe(0);
    expect(row(last, "channel", "Email")?.conversations).toBe(1);
    expect(row(last, "campaign", "november")?.conversations).toBe(1);
    expect(row(last, "placement", "qr_panel")?.conversations).toBe(1);
    expect(last.kpis).toEqual(first.kpis);
  });

  it("filters apply to clicks and to the leads' touch", async () => {
    const s = await stats(site, "channel=Paid+Search&group_by=campaign");
    expect(s.kpis).toMatchObject({ chat_clicks: 1, scans: 0, conversations: 1 });
    const last = await stats(site, "channel=Paid+Search&touch=last");
    expect(last.kpis).toMatchObject({ chat_clicks: 1, conversations: 0 });
    const byLink = await stats(site, `link_id=${linkId}`);
    expect(byLink.kpis).toMatchObject({ chat_clicks: 0, scans: 1, conversations: 1 });
    const placement = await stats(
      site,
      "placement=button&source=google&medium=cpc&campaign=spring",
    );
    expect(placement.kpis).toMatchObject({ chat_clicks: 1, conversations: 1 });
  });

  it("compare=previous returns the same-length period before", async () => {
    const s = await stats(
      site,
      `from=${tomorrow()}&to=${new Date(Date.parse(tomorrow()) + DAY).toISOString().slice(0, 10)}&compare=previous&interval=day`,
    );
    expect(s.kpis.conversations).toBe(0);
    expect(s.series).toHaveLength(1);
    expect(s.previous?.kpis).toMatchObject({ chat_clicks: 3, scans: 1, conversations: 4 });
    expect(s.previous?.series).toEqual([
      {
        period: today(),
        chat_clicks: 3,
        scans: 1,
        conversations: 4,
        clicked_conversations: 2,
        ...NO_SALES,
      },
    ]);
  });

  it("week and month intervals bucket the same totals", async () => {
    for (const interval of ["week", "month"]) {
      const s = await stats(site, `interval=${interval}&from=2026-01-01&to=2027-01-01`);
      const sum = s.series.reduce((n, b) => n + b.conversations, 0);
      expect(sum).toBe(s.kpis.conversations);
    }
    const month = await stats(site, "interval=month&from=2026-01-01&to=2027-01-01");
    expect(month.series.map((b) => b.period)[0]).toBe("2026-01");
    expect(month.series).toHaveLength(12);
  });

  it("400 on bad queries, same error shape", async () => {
    for (const q of [
      "interval=hour",
      "group_by=nope",
      "touch=middle",
      "from=2026-02-01&to=2026-01-01",
      "from=2020-01-01&to=2026-01-01",
      "from=yesterday",
      "unknown=1",
      `source=${"x".repeat(600)}`,
    ]) {
      const res = await api(site, `/api/v1/stats?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "validation_failed",
      );
    }
  });

  it("401 without a valid key; another site's key sees none of this site's data", async () => {
    expect((await api(site, "/api/v1/stats", "wrong")).status).toBe(401);
    const other = await createSite();
    const s = await stats(other, `group_by=${ALL}`);
    expect(s.kpis).toMatchObject({ chat_clicks: 0, scans: 0, conversations: 0 });
    expect(Object.values(s.breakdowns).every((b) => b.rows.length === 0)).toBe(true);
  });

  it("the daily rollup answers exactly like the raw rows, whatever the message order", async () => {
    // Out of order: the later-sent message arrives first, then the earlier one takes over the
    // first touch; a none lead that later brings a ref; a ref lead that later comes from an ad.
    const s2 = await createSite();
    const early = await click(s2, { utm_source: "google", utm_medium: "cpc" });
    const late = await click(s2, { utm_source: "bing", utm_medium: "cpc" });
    const later = await click(s2, { utm_source: "newsletter", utm_medium: "email" });
    const t0 = Math.floor(Date.now() / 1000) - 300;
    const [a, b, c] = [newPhone(), newPhone(), newPhone()];
    await deliver(s2, message({ from: a, body: formatRef(late), timestamp: t0 + 30 }));
    await deliver(s2, message({ from: a, body: formatRef(early), timestamp: t0 }));
    await deliver(s2, message({ from: b, body: "hello", timestamp: t0 }));
    await deliver(s2, message({ from: b, body: formatRef(later), timestamp: t0 + 5 }));
    const c1 = await click(s2, { utm_source: "x", utm_medium: "social" });
    await deliver(s2, message({ from: c, body: formatRef(c1), timestamp: t0 }));
    await deliver(
      s2,
      message({ from: c, body: ctwa.text.body, referral: ctwa.referral, timestamp: t0 + 9 }),
    );
    const first = await stats(s2, "group_by=source");
    expect(row(first, "source", "google")?.conversations).toBe(1);
    expect(row(first, "source", "bing")?.conversations).toBe(0);
    const last = await stats(s2, "group_by=source&touch=last");
    expect(row(last, "source", "bing")?.conversations).toBe(1);
    expect(row(last, "source", "newsletter")?.conversations).toBe(1);
    expect(row(last, "source", "meta")?.conversations).toBe(1);

    for (const s of [s2, site]) {
      for (const touch of ["first", "last"] as const) {
        for (const [interval, filters] of [
          ["day", {}],
          ["week", {}],
          ["month", {}],
          ["day", { channel: "Paid Search" }],
          ["week", { source: "meta", medium: "ctwa" }],
          ["day", { placement: "qr_panel" }],
          ["day", { campaign: "spring", link_id: "nope" }],
        ] as const) {
          const p = statsParams(s.id, {
            from: (Math.floor(Date.now() / DAY) - 40) * DAY,
            to: (Math.floor(Date.now() / DAY) + 1) * DAY,
            interval,
            touch,
            filters,
          });
          await expectRollupEqualsRaw(p, `${touch} ${interval} ${JSON.stringify(filters)}`);
        }
      }
    }
    // ~340 statements (every dimension, chat_app included, on both paths): slow on a busy machine.
  }, 20_000);

  it("the rollup migration holds exactly the generated trigger and backfill SQL", () => {
    const marker = "-- stats rollup: generated by worker/reporting/rollup-triggers.ts\n";
    expect(rollupMigration.split(marker)[1]).toBe(
      `${[...ROLLUP_TRIGGERS_SQL, ...chatAppBackfillSql()].join(";\n--> statement-breakpoint\n")};`,
    );
  });
});
