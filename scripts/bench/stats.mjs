/**
 * The dashboard's stats calls at the scale of issue 14: the real Worker in its own Miniflare with
 * a fresh D1 (real migrations and triggers), seeded with 1,000,000 clicks, 100,000 leads and
 * 30,000 sale events over 90 days (scripts/seed-stats.mjs, generated inside SQLite, progress
 * printed), then each `GET /api/v1/stats` call the dashboard makes (stats-calls.mjs: 7, 30 and
 * 91 days, first and last touch, without and with a drill-down filter) is timed sequentially over
 * HTTP: p50 / p95 against the 300 ms p95 budget, PASS or MISS. A period starting at a time of
 * day (the raw rows) is timed too, informational. Then the site's time zone is changed (the
 * rollup moved to the new local days, timed) and the dashboard's default call is timed in it.
 * Run alone: `npx node scripts/seed-stats.mjs`.
 * Tunables: BENCH_SKIP_STATS=1 skips the step; BENCH_STATS_SCALE (1: a fraction such as 0.1
 * seeds that share of every count, for a quick run); BENCH_STATS_CLICKS (1000000 × scale),
 * BENCH_STATS_LEADS (100000 × scale), BENCH_STATS_EVENTS (30000 × scale), BENCH_STATS_RUNS
 * (30 samples per call, at least 20), BENCH_STATS_WARMUP (3), BENCH_STATS_DB (a directory to keep
 * the seeded D1 in and reuse: seed once, time again in a minute).
 */
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { seedStatsSite } from "../seed-stats.mjs";
import { startWorker } from "./local-worker.mjs";
import { fmt, table } from "./report.mjs";
import { benchStatsCalls, statsCalls } from "./stats-calls.mjs";

const envInt = (name, fallback) => Number.parseInt(process.env[name] ?? "", 10) || fallback;
const SCALE = Number(process.env.BENCH_STATS_SCALE) > 0 ? Number(process.env.BENCH_STATS_SCALE) : 1;
const scaled = (n) => Math.max(10, Math.round(n * SCALE));

/** p95 budget of every dashboard call, ms (issues 6 and 14). */
export const STATS_BUDGET_MS = 300;

export const STATS_SEED = {
  clicks: envInt("BENCH_STATS_CLICKS", scaled(1_000_000)),
  leads: envInt("BENCH_STATS_LEADS", scaled(100_000)),
  events: envInt("BENCH_STATS_EVENTS", scaled(30_000)),
  days: 90,
};
const RUNS = Math.max(20, envInt("BENCH_STATS_RUNS", 30));
const WARMUP = envInt("BENCH_STATS_WARMUP", 3);
const ADMIN_TOKEN = "bench-admin-token";
/** The zone the bench site moves to: +05:30, so no UTC day is a local day. */
const ZONE = "Asia/Kolkata";
/**
 * A directory to keep the seeded D1 in (BENCH_STATS_DB): the first run seeds it, later runs with
 * the same counts reuse its rows (applying only newer migrations) and time the calls at once.
 */
const KEEP = process.env.BENCH_STATS_DB;

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

/** True when BENCH_SKIP_STATS asks to skip the step. */
export const statsSkipped = () => /^(1|true|yes)$/i.test(process.env.BENCH_SKIP_STATS ?? "");

/** The machine's load average (1 min) and cores, as `uptime` would say them. */
const load = () => ({ load1: loadavg()[0], cores: cpus().length });

/**
 * Seeds and times; disposes the worker.
 * @param {{ scriptPath: string, root: string, bindings: Record<string, string>, live: Set<import("miniflare").Miniflare>, log: (s: string) => void }} o
 */
export async function benchStats({ scriptPath, root, bindings, live, log }) {
  const w = await startWorker(
    { scriptPath },
    { ...bindings, CHATREF_ADMIN_TOKEN: ADMIN_TOKEN },
    KEEP ? { resourcePersistencePath: resolve(KEEP), d1Databases: { DB: "bench-stats" } } : {},
  );
  live.add(w.mf);
  try {
    const t0 = performance.now();
    const n = (x) => x.toLocaleString("en");
    log(
      `stats: seeding ${n(STATS_SEED.clicks)} clicks, ${n(STATS_SEED.leads)} leads and ` +
        `${n(STATS_SEED.events)} sale events over ${STATS_SEED.days} days (scale ${SCALE})…`,
    );
    let lastLog = 0;
    const { now, reused } = await seedStatsSite(w.db, root, {
      ...STATS_SEED,
      log: (s) => {
        if (performance.now() - lastLog < 2000) return;
        lastLog = performance.now();
        log(`stats: seeded ${s} (${fmt((performance.now() - t0) / 1000, 0)} s)`);
      },
    });
    const seedSeconds = (performance.now() - t0) / 1000;
    // A kept database whose last run stopped before moving it back to UTC.
    const tz = await w.db
      .prepare("select timezone from sites where id = 'site_bench'")
      .first("timezone");
    if (tz !== "UTC") {
      log(`stats: moving the kept site back to UTC from ${tz} (rollup moved)…`);
      await changeZone(w.url.href, "UTC");
    }
    const count = async (sql) => Number((await w.db.prepare(sql).first("n")) ?? 0);
    const rows = {
      clicks: await count("select count(*) as n from clicks"),
      leads: await count("select count(*) as n from leads"),
      events: await count("select count(*) as n from lead_events"),
      rollup: await count("select count(*) as n from stats_daily_tuples"),
      days: await count("select count(distinct day) as n from stats_daily_tuples"),
    };
    log(
      `stats: seeded ${n(rows.clicks)} clicks, ${n(rows.leads)} leads, ${n(rows.events)} sale events ` +
        `(rollup: ${n(rows.rollup)} rows) ${reused ? `kept in ${KEEP}` : `in ${fmt(seedSeconds)} s`}; timing ${RUNS} calls each after ${WARMUP} warm-up…`,
    );
    const before = load();
    const calls = await benchStatsCalls(w.url.href, RUNS, WARMUP, statsCalls(now), log);
    log(`stats: moving the site to ${ZONE} (rollup moved)…`);
    const zoneSeconds = await changeZone(w.url.href, ZONE);
    const dashboard = statsCalls(now)["30 d, first touch"];
    calls.push(
      ...(await benchStatsCalls(w.url.href, RUNS, WARMUP, {
        [`30 d, first touch, ${ZONE}`]: dashboard,
      })),
    );
    if (KEEP) {
      log("stats: moving the kept site back to UTC for the next run (rollup moved)…");
      await changeZone(w.url.href, "UTC");
    }
    return {
      zone: { tz: ZONE, seconds: zoneSeconds },
      seed: { ...STATS_SEED, scale: SCALE, rows, seconds: seedSeconds, reused },
      machine: { before, after: load() },
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
  const r = s.seed.rows;
  const n = (x) => x.toLocaleString("en");
  const money = (c) =>
    `${n(Math.round(c.revenue))} ${c.currency}${c.otherCurrencies.length ? ` (+${c.otherCurrencies.join(", ")})` : ""}`;
  const misses = s.calls.filter((c) => c.pass === false).length;
  const m = s.machine;
  console.log(
    [
      "",
      `Dashboard stats calls (GET /api/v1/stats, real Worker, sequential; ${s.seed.reused ? "a kept" : "a fresh"} D1 seeded with ${n(r.clicks)} clicks, ` +
        `${n(r.leads)} leads and ${n(r.events)} sale events over ${s.seed.days} days${s.seed.reused ? "" : ` in ${fmt(s.seed.seconds)} s`}, ` +
        `scale ${s.seed.scale};`,
      `rollup: ${n(r.rollup)} rows over ${r.days} days, ~${n(Math.round(r.rollup / Math.max(1, r.days)))} tuples a day; ` +
        `${s.runs} samples per call after ${s.warmup} warm-up; load average ${fmt(m.before.load1, 2)} → ${fmt(m.after.load1, 2)} ` +
        `on ${m.before.cores} cores; the site moved to ${s.zone.tz} before the last call: rollup moved in ${fmt(s.zone.seconds)} s)`,
      table(
        [
          "call",
          "p50 ms",
          "p95 ms",
          "CPU ms",
          "others' CPU",
          "budget p95",
          "",
          "clicks+scans",
          "conversations",
          "purchases",
          "revenue",
        ],
        s.calls.map((c) => [
          c.name,
          fmt(c.p50),
          fmt(c.p95),
          fmt(c.cpuMs),
          c.otherCpu === undefined ? "-" : `${fmt(c.otherCpu, 0)} %`,
          c.informational ? "none" : `< ${s.budgetMs} ms`,
          c.informational ? "(informational, not a dashboard call)" : c.pass ? "PASS" : "MISS",
          n(c.clicks),
          n(c.conversations),
          n(c.purchases),
          money(c),
        ]),
      ),
      misses
        ? `${misses} dashboard call(s) over the ${s.budgetMs} ms p95 budget`
        : `every dashboard call within the ${s.budgetMs} ms p95 budget`,
      "CPU ms: the CPU node and workerd spent per call (about the wall time on an idle machine);" +
        " others' CPU: what other processes used meanwhile (100 % = one core), lengthening the wall times.",
    ].join("\n"),
  );
}
