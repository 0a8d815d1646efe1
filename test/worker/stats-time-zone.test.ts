/**
 * Stats in the site's time zone: the offsets (time-zone.ts, on workerd's own tz data), the
 * stored offsets the rollup triggers read, local-day series across DST changes, the rollup equal
 * to the raw rows in zones with DST, half- and quarter-hour offsets, and a zone change rebuilding
 * the rollup.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StatsParams } from "../../worker/reporting/stats-query";
import {
  localDay,
  localDaySql,
  localMidnight,
  offsetAt,
  offsetSegments,
  STORED_FROM,
  STORED_TO,
  storedOffsets,
} from "../../worker/reporting/time-zone";
import { api, call, createSite, type TestSite } from "./helpers";
import { clicksAt, expectRollupEqualsRaw, setZone } from "./stats-helpers";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ADMIN_TOKEN = "test-admin-token";
const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Moscow",
  "Asia/Shanghai",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "America/Sao_Paulo",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Asia/Riyadh",
];
const utc = (s: string) => Date.parse(s);
const dayOf = (date: string) => utc(`${date}T00:00:00Z`) / DAY;

describe("time-zone.ts", () => {
  it("offsets and DST transitions of known zones", () => {
    expect(offsetAt("Asia/Kolkata", utc("2026-07-01T00:00:00Z"))).toBe(5.5 * HOUR);
    expect(offsetAt("Asia/Kathmandu", utc("2026-07-01T00:00:00Z"))).toBe(5.75 * HOUR);
    expect(offsetAt("Europe/Moscow", utc("2026-01-01T00:00:00Z"))).toBe(3 * HOUR);
    // New York: EST → EDT at 2026-03-08 07:00Z, back at 2026-11-01 06:00Z.
    expect(offsetSegments("America/New_York", utc("2026-01-01"), utc("2027-01-01"))).toEqual([
      { start: utc("2026-01-01"), offset: -5 * HOUR },
      { start: utc("2026-03-08T07:00:00Z"), offset: -4 * HOUR },
      { start: utc("2026-11-01T06:00:00Z"), offset: -5 * HOUR },
    ]);
    expect(localMidnight("America/New_York", dayOf("2026-03-08"))).toBe(utc("2026-03-08T05:00Z"));
    expect(localMidnight("America/New_York", dayOf("2026-03-09"))).toBe(utc("2026-03-09T04:00Z"));
    expect(localMidnight("Asia/Kolkata", dayOf("2026-11-21"))).toBe(utc("2026-11-20T18:30Z"));
    expect(localDay("Asia/Shanghai", utc("2026-11-20T16:00:00Z"))).toBe(dayOf("2026-11-21"));
    expect(localDay("Asia/Shanghai", utc("2026-11-20T15:59:59Z"))).toBe(dayOf("2026-11-20"));
    expect(storedOffsets("UTC")).toEqual([]);
    expect(storedOffsets("Asia/Kolkata")).toHaveLength(1);
  });

  it("a day skipped at midnight (Santiago's spring change) begins at the transition", () => {
    const [, spring] = offsetSegments("America/Santiago", utc("2026-08-01"), utc("2026-10-01"));
    expect(spring).toBeDefined();
    const start = spring?.start ?? 0;
    const day = localDay("America/Santiago", start);
    expect(localMidnight("America/Santiago", day)).toBe(start);
    expect(localDay("America/Santiago", start - 1)).toBe(day - 1);
  });

  it("properties: each local day begins at localMidnight; stored offsets agree with Intl", () => {
    const zone = fc.constantFrom(...ZONES);
    const instant = fc.integer({ min: STORED_FROM, max: STORED_TO - 1 });
    const cache = new Map(ZONES.map((tz) => [tz, storedOffsets(tz)]));
    const stored = (tz: string) => cache.get(tz) ?? [];
    fc.assert(
      fc.property(zone, instant, (tz, ms) => {
        const day = localDay(tz, ms);
        const start = localMidnight(tz, day);
        expect(start).toBeLessThanOrEqual(ms);
        expect(localDay(tz, start)).toBe(day);
        expect(localDay(tz, start - 1)).toBe(day - 1);
        expect(localMidnight(tz, day + 1)).toBeGreaterThan(ms);
        // What the triggers read: the last stored row at or before ms.
        const rows = stored(tz).filter(([at]) => at <= ms);
        expect(rows.at(-1)?.[1] ?? 0).toBe(offsetAt(tz, ms));
      }),
      { numRuns: 400 },
    );
  });

  it("the raw queries' local-day SQL equals localDay for instants around every change", async () => {
    for (const tz of ZONES) {
      const from = utc("2026-01-01");
      const to = utc("2027-01-01");
      const probes = offsetSegments(tz, from, to).flatMap((s) => [
        s.start - 1,
        s.start,
        s.start + 1,
      ]);
      probes.push(from + 12345, to - 1);
      const sql = `select ${localDaySql(tz, "value", from, to)} as d from json_each(?) order by key`;
      const { results } = await env.DB.prepare(sql)
        .bind(JSON.stringify(probes))
        .all<{ d: number }>();
      expect(
        results.map((r) => r.d),
        tz,
      ).toEqual(probes.map((ms) => localDay(tz, ms)));
    }
  });
});

interface Series {
  timezone: string;
  from: string;
  series: { period: string; chat_clicks: number }[];
  kpis: { chat_clicks: number };
  previous?: { from: string; to: string; kpis: { chat_clicks: number } };
}

async function expectZoneRollupEqualsRaw(site: TestSite, tz: string, from: number, to: number) {
  for (const touch of ["first", "last"] as const)
    for (const interval of ["day", "week", "month"] as const) {
      const p: StatsParams = { siteId: site.id, from, to, interval, touch, filters: {}, tz };
      await expectRollupEqualsRaw(p, `${tz} ${touch} ${interval}`);
    }
}

describe("GET /api/v1/stats in the site's time zone", () => {
  it("counts on local days across a DST change; dates in the query are local midnights", async () => {
    const site = await createSite();
    expect((await setZone(site, "america/new_york")).timezone).toBe("America/New_York");
    // Local 23:30 on Mar 7 (EST) and 00:30 on Mar 8; 23:30 on Mar 8 (EDT) and 00:30 on Mar 9.
    await clicksAt(site, [
      utc("2026-03-08T04:30:00Z"),
      utc("2026-03-08T05:30:00Z"),
      utc("2026-03-09T03:30:00Z"),
      utc("2026-03-09T04:30:00Z"),
    ]);
    const res = await api(site, "/api/v1/stats?from=2026-03-07&to=2026-03-10&compare=previous");
    const s = (await res.json()) as Series;
    expect(s.timezone).toBe("America/New_York");
    expect(s.from).toBe("2026-03-07T05:00:00.000Z");
    expect(s.series.map((r) => [r.period, r.chat_clicks])).toEqual([
      ["2026-03-07", 1],
      ["2026-03-08", 2],
      ["2026-03-09", 1],
    ]);
    // The previous period is the three local days before: Mar 4 to Mar 7.
    expect(s.previous?.from).toBe("2026-03-04T05:00:00.000Z");
    expect(s.previous?.to).toBe("2026-03-07T05:00:00.000Z");

    // The same site on UTC days: a rebuild moves every click to its UTC day.
    await setZone(site, "UTC");
    const u = (await (
      await api(site, "/api/v1/stats?from=2026-03-07&to=2026-03-10")
    ).json()) as Series;
    expect(u.series.map((r) => r.chat_clicks)).toEqual([0, 2, 2]);
  });

  it("the rollup equals the raw rows in zones with DST and with :30 and :45 offsets, also after a zone change", async () => {
    const site = await createSite();
    const start = utc("2026-02-20T00:00:00Z");
    // A click every 7 h 13 min for 60 days: every hour of the local day, across the March changes.
    const instants = Array.from({ length: 200 }, (_, i) => start + i * (7 * HOUR + 13 * 60_000));
    await clicksAt(
      site,
      instants.filter((_, i) => i % 2 === 0),
      "google",
    );
    await clicksAt(
      site,
      instants.filter((_, i) => i % 2 === 1),
      "bing",
    );
    for (const tz of [
      "America/New_York",
      "Asia/Kathmandu",
      "Australia/Lord_Howe",
      "Asia/Kolkata",
    ]) {
      await setZone(site, tz);
      const from = localMidnight(tz, dayOf("2026-02-15"));
      const to = localMidnight(tz, dayOf("2026-04-30"));
      await expectZoneRollupEqualsRaw(site, tz, from, to);
      const s = (await (
        await api(site, "/api/v1/stats?from=2026-02-01&to=2026-05-01")
      ).json()) as Series;
      expect(s.kpis.chat_clicks, tz).toBe(200);
      expect(s.series.reduce((n, r) => n + r.chat_clicks, 0)).toBe(200);
    }
    // ~1,400 statements (ten zones, both paths, the sale events' half too): slow on a busy machine.
  }, 20_000);

  it("400 for an unknown zone; a new site can start in its zone", async () => {
    const site = await createSite();
    const res = await call(
      new Request(`https://chatref.test/api/v1/sites/${site.id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ timezone: "Mars/Olympus_Mons" }),
      }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /time zone/,
    );
    const created = await call(
      new Request("https://chatref.test/api/v1/sites", {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          key: `tz-${site.id.slice(-8).toLowerCase()}`,
          name: "Tienda",
          wa_number: "5215550001111",
          phone_number_id: String(Date.now()),
          allowed_origins: [],
          timezone: "America/Mexico_City",
        }),
      }),
    );
    expect(created.status, await created.clone().text()).toBe(201);
    const body = (await created.json()) as { id: string; timezone: string };
    expect(body.timezone).toBe("America/Mexico_City");
    const stored = await env.DB.prepare(
      "select count(*) as n from site_tz_offsets where site_id = ?",
    )
      .bind(body.id)
      .first<{ n: number }>();
    expect(stored?.n).toBeGreaterThan(0);
  });
});
