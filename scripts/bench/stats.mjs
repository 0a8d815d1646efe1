/**
 * The dashboard's stats calls at the scale of issue 6: the real Worker in its own Miniflare with a
 * fresh D1 (real migrations), seeded with 1,000,000 clicks, 100,000 leads and 30,000 sale events over 90 days
 * (scripts/seed-stats.mjs, generated inside SQLite), then each `GET /api/v1/stats` call the
 * dashboard makes is timed sequentially over HTTP: p50 / p95 against the 300 ms budget (p95).
 * A filtered call the dashboard does not make is timed too, and one starting at a time of day (the
 * raw rows, informational). Then the site's time zone is changed (the rollup of a million clicks
 * rebuilt on the new local days, timed) and the dashboard's default call is timed in that zone.
 * Tunables: BENCH_SKIP_STATS=1 skips the step; BENCH_STATS_CLICKS (1000000),
 * BENCH_STATS_LEADS (100000), BENCH_STATS_EVENTS (30000), BENCH_STATS_RUNS (30 samples per call), BENCH_STATS_WARMUP (3).
 */
import { benchStatsCalls, seedStatsSite, statsCalls } from "../seed-stats.mjs";
import { startWorker } from "./local-worker.mjs";
import { fmt, table } from "./report.mjs";

const envInt = (name, fallback) => Number.parseInt(process.env[name] ?? "", 10) || fallback;

/** p95 budget of every dashboard call, ms (issue 6). */
export const STATS_BUDGET_MS = 300;

export const STATS_SEED = {
  clicks: envInt("BENCH_STATS_CLICKS", 1_000_000),
  leads: envInt("BENCH_STATS_LEADS", 100_000),
  events: envInt("BENCH_STATS_EVENTS", 30_000),
  days: 90,
};
const RUNS = Math.max(30, envInt("BENCH_STATS_RUNS", 30));
const ADMIN_TOKEN = "bench-admin-token";
/** The zone the bench site moves to: +05:30, so no UTC day is a local day. */
const ZONE = "Asia/Kolkata";

/** Moves the bench site to `tz` through the admin API; the seconds it took. */
async function changeZone(base, tz) {
  const t0 = performance.now();
  const res = await fetch(`${base}api/v1/sites/site_bench`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ timezone: tz }),
  });
  if (!res.ok) throw new Error(`zone change: ${res.status} ${await res.text()}`);
  return (performance.now() - t0) / 1000;
}
const WARMUP = envInt("BENCH_STATS_WARMUP", 3);

/** True when BENCH_SKIP_STATS asks to skip the step. */
export const statsSkipped = () => /^(1|true|yes)$/i.test(process.env.BENCH_SKIP_STATS ?? "");

/**
 * Seeds and times; disposes the worker.
 * @param {{ scriptPath: string, root: string, bindings: Record<string, string>, live: Set<import("miniflare").Miniflare>, log: (s: string) => void }} o
 */
export async function benchStats({ scriptPath, root, bindings, live, log }) {
  const w = await startWorker({ scriptPath }, { ...bindings, CHATREF_ADMIN_TOKEN: ADMIN_TOKEN });
  live.add(w.mf);
  try {
    const now = Date.now();
    const t0 = performance.now();
    log(
      `stats: seeding ${STATS_SEED.clicks.toLocaleString("en")} clicks and ` +
        `${STATS_SEED.leads.toLocaleString("en")} leads over ${STATS_SEED.days} days…`,
    );
    let lastLog = 0;
    await seedStatsSite(w.db, root, {
      ...STATS_SEED,
      now,
      log: (s) => {
        if (performance.now() - lastLog < 5000) return;
        lastLog = performance.now();
        log(`stats: seeded ${s}`);
      },
    });
    const seedSeconds = (performance.now() - t0) / 1000;
    const count = async (table) =>
      Number((await w.db.prepare(`select count(*) as n from ${table}`).first("n")) ?? 0);
    const rows = { clicks: await count("clicks"), leads: await count("leads") };
    log(
      `stats: seeded ${rows.clicks.toLocaleString("en")} clicks, ${rows.leads.toLocaleString("en")} leads in ${fmt(seedSeconds)} s; ` +
        `timing ${RUNS} calls each after ${WARMUP} warm-up…`,
    );
    const calls = await benchStatsCalls(w.url.href, RUNS, now, WARMUP);
    log(`stats: moving the site to ${ZONE} (rollup rebuilt)…`);
    const zoneSeconds = await changeZone(w.url.href, ZONE);
    const dashboard = statsCalls(now)["dashboard 30 d, first touch"];
    const zoned = await benchStatsCalls(w.url.href, RUNS, now, WARMUP, {
      [`dashboard 30 d, first touch, ${ZONE}`]: dashboard,
    });
    calls.push(...zoned);
    return {
      zone: { tz: ZONE, seconds: zoneSeconds },
      seed: { ...STATS_SEED, rows, seconds: seedSeconds },
      runs: RUNS,
      warmup: WARMUP,
      budgetMs: STATS_BUDGET_MS,
      calls: calls.map((c) => ({
        ...c,
        pass: c.informational ? undefined : c.p95 < STATS_BUDGET_MS,
      })),
    };
  } finally {
    live.delete(w.mf);
    await w.mf.dispose();
  }
}

/** @param {Awaited<ReturnType<typeof benchStats>> | { skipped: true }} s */
export function printStats(s) {
  if ("skipped" in s) {
    console.log("\nDashboard stats calls: skipped (BENCH_SKIP_STATS=1)");
    return;
  }
  const seeded = s.seed.rows;
  console.log(
    [
      "",
      `Dashboard stats calls (GET /api/v1/stats, real Worker, sequential; ${seeded.clicks.toLocaleString("en")} clicks and ` +
        `${seeded.leads.toLocaleString("en")} leads over ${s.seed.days} days in a fresh D1, seeded in ${fmt(s.seed.seconds)} s;`,
      `${s.runs} samples per call after ${s.warmup} warm-up; the site moved to ${s.zone.tz} before the last call: ` +
        `rollup rebuilt in ${fmt(s.zone.seconds)} s)`,
      table(
        ["call", "p50 ms", "p95 ms", "budget p95", "", "clicks+scans", "conversations"],
        s.calls.map((c) => [
          c.name,
          fmt(c.p50),
          fmt(c.p95),
          c.informational ? "none" : `< ${s.budgetMs} ms`,
          c.informational ? "(informational, not a dashboard call)" : c.pass ? "PASS" : "MISS",
          c.clicks.toLocaleString("en"),
          c.conversations.toLocaleString("en"),
        ]),
      ),
    ].join("\n"),
  );
}
