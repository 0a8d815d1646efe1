/**
 * The click → conversation rate divides only conversations that had a click
 * (`clicked_conversations`) by clicks, per breakdown row and in the KPIs, on both stats paths
 * (daily rollup and raw rows); and `opt_outs` beside `opt_ins` (site-wide, null when filtered).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { breakdownStatement } from "../../worker/reporting/stats-query";
import { click, createSite, deliver, message, newPhone, type TestSite } from "./helpers";
import { doc } from "./openapi-helpers";
import { seedSiteStory } from "./site-story";
import { expectRollupEqualsRaw, type Stats, stats, statsParams } from "./stats-helpers";

const DAY = 86_400_000;
const row = (s: Stats, by: string, key: string | null) =>
  s.breakdowns[by]?.rows.find((r) => r.key === key);

let site: TestSite;
beforeAll(async () => {
  site = await createSite();
  await seedSiteStory(site);
  // A visitor who first wrote with no ref and later brought one: no click by first touch, a
  // click (the e-mail's) by last touch.
  const late = await click(site, { utm_source: "letter", utm_medium: "email" });
  const t0 = Math.floor(Date.now() / 1000) - 300;
  const phone = newPhone();
  await deliver(site, message({ from: phone, body: "hello", timestamp: t0 }));
  await deliver(site, message({ from: phone, body: formatRef(late), timestamp: t0 + 5 }));
});

describe("click → conversation rate", () => {
  it("divides the conversations that had a click, not ads' or unattributed ones", async () => {
    const s = await stats(site, "group_by=source_medium,channel");
    // 4 chat clicks + 1 scan; 5 conversations of which the ad, P4 and the late ref's lead
    // (first touch: none) had no click.
    expect(s.kpis).toMatchObject({ chat_clicks: 4, scans: 1, conversations: 5 });
    expect(s.kpis).toMatchObject({ clicked_conversations: 2, click_to_conversation_rate: 0.4 });
    expect(s.attribution).toEqual({ ref: 2, ctwa: 1, none: 2, inferred: 0 });
    expect(row(s, "source_medium", "google / cpc")).toMatchObject({
      conversations: 1,
      clicked_conversations: 1,
      rate: 1,
    });
    // The ad's row has a conversation but no click: neither in the numerator nor a rate.
    expect(row(s, "source_medium", "meta / ctwa")).toMatchObject({
      conversations: 1,
      clicked_conversations: 0,
      rate: null,
    });
    expect(row(s, "source_medium", "letter / email")).toMatchObject({
      chat_clicks: 1,
      clicked_conversations: 0,
      rate: 0,
    });
    expect(row(s, "channel", null)).toMatchObject({ conversations: 2, clicked_conversations: 0 });
  });

  it("by last touch, the late ref's conversation counts under its click", async () => {
    const s = await stats(site, "group_by=source_medium&touch=last");
    expect(s.kpis).toMatchObject({ conversations: 5, clicked_conversations: 3 });
    expect(s.kpis.click_to_conversation_rate).toBe(0.6);
    expect(row(s, "source_medium", "letter / email")).toMatchObject({
      clicked_conversations: 1,
      rate: 1,
    });
  });

  it("the daily rollup counts clicked conversations exactly like the raw rows", async () => {
    for (const touch of ["first", "last"] as const) {
      for (const filters of [{}, { channel: "Email" }, { placement: "link" }]) {
        const p = statsParams(site.id, {
          from: (Math.floor(Date.now() / DAY) - 3) * DAY,
          to: (Math.floor(Date.now() / DAY) + 1) * DAY,
          touch,
          filters,
        });
        await expectRollupEqualsRaw(p, `${touch} ${JSON.stringify(filters)}`);
      }
    }
    // Not a comparison of two zeros: the raw read counts them.
    const p = statsParams(site.id);
    const raw = breakdownStatement(p, "attribution", 100, true);
    const rows = await env.DB.prepare(raw.sql)
      .bind(...raw.binds)
      .all<{ key: string; clicked: number }>();
    expect(rows.results.find((r) => r.key === "ref")?.clicked).toBe(3);
  });

  it("is documented in the OpenAPI schema", () => {
    // The stats answer's schema, wherever the document keeps it (inline or a component).
    const text = JSON.stringify(doc);
    expect(text).toContain('"clicked_conversations":{');
    expect(text).toContain("carried its ref code");
    expect(text).toContain('"opt_outs":{');
  });
});

describe("opt-outs beside opt-ins", () => {
  it("counts contacts that opted out in the period, site-wide; null when filtered", async () => {
    const other = await createSite();
    const [both, out] = [newPhone(), newPhone()];
    await deliver(other, message({ from: both, body: "START" }));
    await deliver(other, message({ from: both, body: "STOP" }));
    await deliver(other, message({ from: out, body: "hello" }));
    await deliver(other, message({ from: out, body: "Stop." }));
    await deliver(other, message({ from: out, body: "STOP" }));
    const s = await stats(other, "compare=previous");
    expect(s.kpis).toMatchObject({ opt_ins: 1, opt_outs: 2 });
    expect(s.previous?.kpis).toMatchObject({ opt_ins: 0, opt_outs: 0 });
    expect((await stats(other, "channel=Email")).kpis.opt_outs).toBeNull();
    // Another site's opt-outs are not this one's.
    expect((await stats(site, "")).kpis.opt_outs).toBe(0);
  });
});
