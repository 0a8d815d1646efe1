/**
 * A zone change keeps what retention deleted: the rollup still counts the chat clicks whose rows
 * consent/retention.ts has deleted (unmatched, older than the site's click_retention_days), which
 * no recount from the clicks table can find again. Those stay on their local day; every click,
 * lead and sale event still stored moves to its day in the new zone.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runRetention } from "../../worker/consent/retention";
import { localDay, localMidnight } from "../../worker/reporting/time-zone";
import { click, createSite, db, deliver, message, newPhone, type TestSite } from "./helpers";
import {
  clicksAt,
  expectRollupEqualsRaw,
  type Stats,
  setZone,
  stats,
  statsParams,
} from "./stats-helpers";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A local day's date (`YYYY-MM-DD`) `days` days from the day of `ms`. */
const date = (ms: number, days = 0) => new Date(ms + days * DAY).toISOString().slice(0, 10);

/** The KPIs and the sum of the daily series over whole local days from `from` to tomorrow. */
async function totals(site: TestSite, from: number) {
  const s: Stats = await stats(site, `from=${date(from, -2)}&to=${date(Date.now(), 2)}`);
  const sum = (k: "chat_clicks" | "conversations") => s.series.reduce((n, r) => n + r[k], 0);
  return {
    chat: s.kpis.chat_clicks,
    conversations: s.kpis.conversations,
    seriesChat: sum("chat_clicks"),
    seriesConversations: sum("conversations"),
  };
}

describe("a zone change after retention", () => {
  it("keeps the counts of the clicks retention deleted, and moves the rest to the new days", async () => {
    const site = await createSite();
    const now = Date.now();
    // 200 days ago at 12:00 UTC: the same local day in UTC, Kolkata and New York.
    const old = Math.floor((now - 200 * DAY) / DAY) * DAY + 12 * HOUR;
    await clicksAt(site, [old, old + HOUR, old + 2 * HOUR], "google");
    // A tuple of three clicks of which one is kept (bound to a contact): two leave.
    await clicksAt(site, [old, old + HOUR, old + 2 * HOUR], "yandex");
    await clicksAt(site, [now - 2 * DAY], "bing");
    // A conversation from a click: both stay stored whatever their age.
    const ref = await click(site, { utm_source: "newsletter" });
    await deliver(site, message({ from: newPhone(), body: `Hi ${ref}` }));
    await env.DB.prepare(
      `update clicks set contact_id = (select contact_id from leads where site_id = ?1)
       where site_id = ?1 and ref = 'Tyandex-0'`,
    )
      .bind(site.id)
      .run();
    const before = await totals(site, old);
    expect(before).toEqual({ chat: 8, conversations: 1, seriesChat: 8, seriesConversations: 1 });

    expect((await runRetention(db(), { now })).clicks).toBe(5);
    // The rollup keeps counting them (retention deletes rows, not history).
    expect(await totals(site, old)).toEqual(before);

    for (const tz of ["Asia/Kolkata", "America/New_York", "UTC"]) {
      await setZone(site, tz);
      expect(await totals(site, old), tz).toEqual(before);
      const day = await stats(site, `from=${date(old)}&to=${date(old, 1)}`);
      expect(day.kpis.chat_clicks, tz).toBe(6);
      // Where every click is still stored, the moved rollup equals the raw rows of the new zone.
      const today = localDay(tz, now);
      const [from, to] = [localMidnight(tz, today - 30), localMidnight(tz, today + 1)];
      await expectRollupEqualsRaw(statsParams(site.id, { from, to, tz }), tz);
    }
  });
});
