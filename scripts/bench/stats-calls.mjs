/**
 * The `GET /api/v1/stats` calls the stats bench times, exactly as the dashboard sends them
 * (dashboard/view-state.ts `statsParams`: the same keys in the same order), and their timing.
 */
import { readFileSync } from "node:fs";
import { STATS_API_KEY } from "../seed-stats.mjs";
import { cpuBetween, cpuSnapshot } from "./cpu.mjs";

const DAY = 86_400_000;

/**
 * The breakdowns the dashboard asks for, read from dashboard/stats-sections.ts's
 * `DASHBOARD_GROUPS` so the bench cannot drift from it.
 */
export const DASHBOARD_GROUPS = (() => {
  const src = readFileSync(new URL("../../dashboard/stats-sections.ts", import.meta.url), "utf8");
  const list = /DASHBOARD_GROUPS = \[([^\]]*)\]/.exec(src)?.[1];
  if (!list) throw new Error("DASHBOARD_GROUPS not found in dashboard/stats-sections.ts");
  return [...list.matchAll(/"(\w+)"/g)].map((m) => m[1]).join(",");
})();

/** The drill-down filter timed: a click on the Paid Search row of the channel breakdown. */
const FILTER = { channel: "Paid Search" };

/**
 * The calls to time, each `{ params, informational? }`. The dashboard's: its periods of 7, 30
 * (its default: no dates sent, the API's last 30 days) and 91 days (every seeded row), each by
 * first and last touch, without and with a drill-down filter; day interval, the previous period
 * compared, every breakdown. Then a period starting at a time of day, which reads the raw rows
 * (an API call the dashboard never makes): informational, no budget, five samples.
 * @param {number} now
 * @returns {Record<string, { params: Record<string, string>, informational?: boolean }>}
 */
export function statsCalls(now) {
  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  /** The form's inclusive `to` is today; the dashboard sends the next day (exclusive). */
  const to = day(now + DAY);
  const dashboard = (days, touch, filters = {}) => ({
    params: {
      ...(days === 30 ? {} : { from: day(now - (days - 1) * DAY), to }),
      ...filters,
      interval: "day",
      touch,
      group_by: DASHBOARD_GROUPS,
      compare: "previous",
    },
  });
  /** @type {Record<string, { params: Record<string, string>, informational?: boolean }>} */
  const calls = {};
  for (const days of [7, 30, 91])
    for (const touch of ["first", "last"])
      for (const filtered of [false, true])
        calls[`${days} d, ${touch} touch${filtered ? ", channel filter" : ""}`] = dashboard(
          days,
          touch,
          filtered ? FILTER : {},
        );
  calls["API 30 d from a time of day (raw rows)"] = {
    params: { from: new Date(now - 29 * DAY - 3_600_000).toISOString(), to, ...FILTER },
    informational: true,
  };
  return calls;
}

/** @param {number[]} xs @param {number} q */
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

/**
 * Times each stats call `runs` times, after `warmup` untimed calls, against `base` (sequential).
 * @param {string} base
 * @param {number} runs
 * @param {number} warmup
 * @param {ReturnType<typeof statsCalls>} calls
 * @param {(s: string) => void} [log]
 */
export async function benchStatsCalls(base, runs, warmup, calls, log = () => {}) {
  const out = [];
  for (const [name, { params, informational }] of Object.entries(calls)) {
    const url = `${base}api/v1/stats?${new URLSearchParams(params)}`;
    // The raw rows take seconds at full scale: a few samples say enough of an informational call.
    const n = informational ? Math.min(runs, 5) : runs;
    const times = [];
    let body = null;
    /** @type {ReturnType<typeof cpuSnapshot>} */
    let cpu0 = null;
    for (let r = 1 - (informational ? 1 : warmup); r <= n; r++) {
      if (r === 1) cpu0 = cpuSnapshot();
      const t0 = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${STATS_API_KEY}` } });
      body = await res.json();
      if (!res.ok) throw new Error(`${name}: ${res.status} ${JSON.stringify(body)}`);
      if (r > 0) times.push(performance.now() - t0);
    }
    const cpu1 = cpuSnapshot();
    const cpu = cpuBetween(cpu0, cpu1);
    const k = body.kpis;
    const result = {
      name,
      informational: Boolean(informational),
      runs: n,
      p50: quantile(times, 0.5),
      p95: quantile(times, 0.95),
      // The CPU the bench's processes (node and workerd) spent per call: what a call costs
      // whatever else the machine runs, next to the wall times other processes lengthen.
      cpuMs: cpu0 && cpu1 ? ((cpu1.own - cpu0.own) * 10) / n : undefined,
      otherCpu: cpu?.other,
      clicks: k.chat_clicks + k.scans,
      conversations: k.conversations,
      purchases: k.purchases,
      revenue: k.revenue,
      currency: body.currency,
      otherCurrencies: (k.revenue_other ?? []).map((r) => r.currency),
    };
    log(
      `stats: ${name}: p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, ` +
        `CPU ${result.cpuMs?.toFixed(0) ?? "-"} ms a call; other processes ${result.otherCpu?.toFixed(0) ?? "-"} % CPU`,
    );
    out.push(result);
  }
  return out;
}
