/**
 * One comparison of the bench: a route run between two runs of its baseline worker, under the
 * same closed-loop load, in fresh Miniflare instances one at a time; its ratio is route /
 * mean(baselines). Repeated once when other processes were busy during it.
 */
import { cpuBetween, cpuSnapshot } from "./cpu.mjs";
import { runLoad } from "./load.mjs";
import { fmt } from "./report.mjs";

/** CPU used by other processes (percent of one core) above which a run is flagged as noisy. */
export const NOISY_OTHER_CPU = 15;

/**
 * @typedef {Awaited<ReturnType<typeof import("./local-worker.mjs").startWorker>>} Running
 * @typedef {import("./load.mjs").LoadResult & Record<string, unknown>} Measured
 */

/**
 * @param {object} ctx
 * @param {(line: string) => void} ctx.log
 * @param {Set<import("miniflare").Miniflare>} ctx.live Instances to dispose on exit or Ctrl-C.
 * @param {(baseline: import("./baselines.mjs").Baseline) => Promise<Running>} ctx.startBaseline
 * @param {{ concurrency: number, warmupMs: number, durationMs: number }} ctx.load The default load.
 * @param {(load: { warmupMs: number, durationMs: number }) => number} ctx.compareSeconds
 */
export function comparisons({ log, live, startBaseline, load: LOAD, compareSeconds }) {
  /**
   * Starts a worker, runs the load against it, optionally inspects it, and disposes it.
   * @param {string} label Progress label.
   * @param {() => Promise<Running>} start
   * @param {() => import("./load.mjs").BenchRequest | Promise<import("./load.mjs").BenchRequest>} makeRequest
   * @param {(w: Running, loadStart: number, result: import("./load.mjs").LoadResult) => Promise<Record<string, unknown>>} [after]
   * @param {typeof LOAD} [load] Concurrency, warm-up and window.
   * @returns {Promise<Measured>}
   */
  async function measure(label, start, makeRequest, after, load = LOAD) {
    const w = await start();
    live.add(w.mf);
    try {
      log(`warming up ${label}…`);
      const loadStart = performance.now();
      let before = cpuSnapshot();
      const result = await runLoad({
        base: w.url,
        makeRequest,
        ...load,
        onPhase: () => {
          before = cpuSnapshot();
          log(`measuring ${label} (${load.durationMs / 1000} s)…`);
        },
      });
      const cpu = cpuBetween(before, cpuSnapshot());
      const cpuText = cpu ? `, cpu ${fmt(cpu.own, 0)} % bench + ${fmt(cpu.other, 0)} % other` : "";
      log(
        `${label}: ${fmt(result.rps)} req/s, p50 ${fmt(result.p50)} ms, p99 ${fmt(result.p99)} ms${cpuText}`,
      );
      if (result.errors) log(`${label}: ${result.errors} errors, first: ${result.firstError}`);
      const extra = after ? await after(w, loadStart, result) : {};
      return { ...result, cpuOwn: cpu?.own, cpuOther: cpu?.other, ...extra };
    } finally {
      live.delete(w.mf);
      await w.mf.dispose();
    }
  }

  /**
   * Runs baseline, route, baseline and computes the ratio against the mean of the baselines.
   * @param {string} name
   * @param {import("./baselines.mjs").Baseline} baseline
   * @param {() => Promise<Running>} startReal
   * @param {Parameters<typeof measure>[2]} makeRequest
   * @param {Parameters<typeof measure>[3]} [after]
   * @param {typeof LOAD} [load]
   */
  async function compare(name, baseline, startReal, makeRequest, after, load = LOAD) {
    const base = () => startBaseline(baseline);
    const base1 = await measure(`${name} baseline (1/2)`, base, makeRequest, undefined, load);
    const route = await measure(`${name} route`, startReal, makeRequest, after, load);
    const base2 = await measure(`${name} baseline (2/2)`, base, makeRequest, undefined, load);
    const baseRps = (base1.rps + base2.rps) / 2;
    const noise = Math.max(...[base1, route, base2].map((r) => Number(r.cpuOther ?? 0)));
    return { route, base1, base2, baseRps, ratio: route.rps / baseRps, noise, repeated: false };
  }

  /**
   * `compare`, repeated once when other processes were busy during it (the shared 2-core machine)
   * and the time budget left once it ran (`spareSeconds()`) allows; keeps the quieter of the two.
   * @param {Parameters<typeof compare>} args
   * @param {() => number} spareSeconds Budget left for a repeat, asked after the first attempt.
   */
  async function compareQuietly(args, spareSeconds) {
    const first = await compare(...args);
    const seconds = compareSeconds(args[5] ?? LOAD);
    if (first.noise <= NOISY_OTHER_CPU || seconds > spareSeconds()) return first;
    log(`${args[0]}: other processes used ${fmt(first.noise, 0)} % of a core; repeating once…`);
    const [name, ...rest] = args;
    const again = await compare(`${name}, repeat`, ...rest);
    return { ...(again.noise < first.noise ? again : first), repeated: true };
  }

  return { measure, compare, compareQuietly };
}
