/**
 * The workers the bench compares: a trivial baseline script, or the real Worker bundle with the
 * real migrations and the bench site; and what is checked after their load (exact scan counts,
 * the webhook backlog drained).
 */
import { seedAdapterConnections } from "./adapter-payloads.mjs";
import {
  APP_SECRET,
  applyMigrations,
  BENCH_LINK,
  seedBot,
  seedLink,
  seedSite,
  startWorker,
} from "./local-worker.mjs";

/** Bindings the real Worker gets on the route runs. */
export const ROUTE_BINDINGS = { WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: "x" };
/** Longest wait for the webhook backlog (`waitUntil` processing) to drain after the load. */
const DRAIN_TIMEOUT_MS = 30_000;

/**
 * @typedef {Awaited<ReturnType<typeof startWorker>>} Running
 * @param {{ root: string, log: (line: string) => void }} ctx
 */
export function routeWorkers({ root: ROOT, log }) {
  /**
   * @param {import("./baselines.mjs").Baseline} baseline
   * @returns {Promise<Running>}
   */
  async function startBaseline(baseline) {
    const w = await startWorker(
      { script: baseline.script },
      { WHATSAPP_APP_SECRET: APP_SECRET },
      baseline.options,
    );
    const ddl = [baseline.schema].flat();
    return prepared(w, () => w.db.batch(ddl.map((sql) => w.db.prepare(sql))));
  }

  /**
   * Runs `setup` on a started worker, disposing it if that fails.
   * @param {Running} w
   * @param {() => Promise<unknown>} setup
   * @returns {Promise<Running>}
   */
  async function prepared(w, setup) {
    try {
      await setup();
      return w;
    } catch (err) {
      await w.mf.dispose();
      throw err;
    }
  }

  /**
   * @param {string} scriptPath The built Worker bundle.
   * @returns {Promise<Running>}
   */
  async function startRoute(scriptPath) {
    // The rate limiter runs on every click and scan (worker/http/rate-limit.ts); the bench's one
    // client would hit the real limits, so its bindings get limits no run reaches: its cost is
    // measured, its 429s are not. BENCH_RATE_LIMIT=0 leaves the bindings out (the limiter is then
    // skipped), to see the rest of the route alone.
    const limited = process.env.BENCH_RATE_LIMIT !== "0";
    const ratelimits = Object.fromEntries(
      [60, 120, 300, 600].map((tier) => [
        `CLICK_LIMITER_${tier}`,
        { namespace_id: `7${String(tier).padStart(3, "0")}`, simple: { limit: 1e9, period: 60 } },
      ]),
    );
    const w = await startWorker({ scriptPath }, ROUTE_BINDINGS, limited ? { ratelimits } : {});
    return prepared(w, () => seedDb(w.db));
  }

  /** Applies the real migrations, inserts the bench site and its campaign link. @param {D1Database} db */
  async function seedDb(db) {
    await applyMigrations(db, ROOT);
    await seedSite(db);
    await seedLink(db);
    await seedBot(db);
    await seedAdapterConnections(db);
  }

  /**
   * After the scan load: the clicks rows of the bench link against the 302s the load generator
   * saw (warm-up included); every 302 must be exactly one row.
   * @param {Running} w
   * @param {number} _loadStart
   * @param {import("./load.mjs").LoadResult} result
   */
  async function countScans(w, _loadStart, result) {
    const one = async (sql) =>
      Number((await w.db.prepare(sql).bind(BENCH_LINK.id).first("n")) ?? 0);
    const scansRecorded = await one("select count(*) as n from clicks where link_id = ?");
    const scansAsExpected = await one(
      "select count(*) as n from clicks where link_id = ? and placement = 'link' and " +
        "device_class = 'mobile' and utm_source = 'poster' and utm_medium = 'offline' and " +
        "utm_campaign = 'bench' and site_id = 'site_bench'",
    );
    const redirects = result.okTotal;
    const exact = scansRecorded === redirects;
    log(
      `scans recorded ${scansRecorded} / redirects ${redirects}${exact ? "" : " — MISMATCH"}` +
        ` (${result.total - redirects} other responses)`,
    );
    return { scansRecorded, scansAsExpected, redirects, exact };
  }

  /**
   * After the webhook load: waits until every stored delivery is processed and reports the
   * end-to-end rate (deliveries stored during warm-up and window / time from load start to drained).
   * @param {Running} w
   * @param {number} loadStart performance.now() when the load began.
   */
  async function drainDeliveries(w, loadStart) {
    const one = async (sql) => Number((await w.db.prepare(sql).first("n")) ?? 0);
    const pending = () =>
      one("select count(*) as n from deliveries where processed_at is null and error is null");
    const backlog = await pending();
    log(`webhooks: ${backlog} deliveries unprocessed when the load ended; draining…`);
    const deadline = performance.now() + DRAIN_TIMEOUT_MS;
    let left = backlog;
    while (left > 0 && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      left = await pending();
    }
    const drainedAt = performance.now();
    const stored = await one("select count(*) as n from deliveries");
    const processed = await one(
      "select count(*) as n from deliveries where processed_at is not null",
    );
    const failed = await one("select count(*) as n from deliveries where error is not null");
    const leads = await one("select count(*) as n from leads");
    return {
      backlog,
      stored,
      processed,
      failed,
      unprocessed: left,
      leads,
      drained: left === 0,
      e2eSeconds: (drainedAt - loadStart) / 1000,
      e2eRps: processed / ((drainedAt - loadStart) / 1000),
    };
  }
  return { startBaseline, startRoute, seedDb, countScans, drainDeliveries };
}
