/**
 * Route throughput of two or more checkouts of chatref, measured in turns in one window: for
 * "is this change slower?", which a single `npm run bench` on each side cannot answer on a
 * shared machine (its run-to-run spread is ±20 % and more). Each checkout's Worker is built by
 * its own `wrangler deploy --dry-run`, started by its own bench code (its migrations, its bench
 * site and link, its request payloads: a checkout is measured as its bench measures it) with the
 * rate limiter's bindings, and loaded like `npm run bench` does (32 in flight, 2 s warm-up, 8 s).
 * The order of the checkouts alternates each round; the medians are printed last.
 *
 *   git worktree add /tmp/before <rev> && ln -s "$PWD/node_modules" /tmp/before/
 *   (cd /tmp/before && npm run build:widget)
 *   npx node scripts/bench/versions.mjs . /tmp/before        # BENCH_ROUNDS=3 by default
 */
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { percentile, runLoad } from "./load.mjs";

const ROUTES = ["webhooks", "clicks", "scans"];
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const roots = process.argv.slice(2).map((dir) => resolve(dir));
if (roots.length < 2 || !(rounds >= 1)) {
  console.error("usage: node scripts/bench/versions.mjs <checkout> <checkout> [...]");
  process.exit(2);
}
const ratelimits = Object.fromEntries(
  [60, 120, 300, 600].map((tier) => [
    `CLICK_LIMITER_${tier}`,
    { namespace_id: `7${String(tier).padStart(3, "0")}`, simple: { limit: 1e9, period: 60 } },
  ]),
);

/** A checkout's own bench modules, its built Worker and its ref protocol. */
async function side(root) {
  const load = (file) => import(pathToFileURL(`${root}/scripts/bench/${file}`).href);
  const worker = await load("local-worker.mjs");
  const payloads = await load("payloads.mjs");
  console.log(`building ${root}…`);
  const bundle = await worker.buildWorker(root);
  return { root, worker, payloads, bundle, protocol: await payloads.loadProtocol(root) };
}

/** One timed load of `route` on a fresh Worker of checkout `s`: req/s. */
async function measure(s, route) {
  const { worker, payloads } = s;
  const w = await worker.startWorker(
    { scriptPath: s.bundle.scriptPath },
    { WHATSAPP_APP_SECRET: worker.APP_SECRET, WHATSAPP_VERIFY_TOKEN: "x" },
    { ratelimits },
  );
  try {
    await worker.applyMigrations(w.db, s.root);
    await worker.seedSite(w.db);
    await worker.seedLink(w.db);
    const makeRequest =
      route === "webhooks"
        ? await payloads.webhookRequests(s.protocol, s.root)
        : route === "clicks"
          ? payloads.clickRequests(s.protocol)
          : payloads.scanRequests();
    const r = await runLoad({
      base: w.url,
      makeRequest,
      concurrency: 32,
      warmupMs: 2000,
      durationMs: 8000,
    });
    if (r.errors)
      throw new Error(`${route} on ${s.root}: ${r.errors} errors, first ${r.firstError}`);
    return r.rps;
  } finally {
    await w.mf.dispose();
  }
}

const sides = [];
for (const root of roots) sides.push(await side(root));
/** @type {Map<string, number[]>} */
const seen = new Map();
try {
  for (let round = 1; round <= rounds; round++) {
    for (const route of ROUTES) {
      for (const s of round % 2 ? sides : [...sides].reverse()) {
        const rps = await measure(s, route);
        const key = `${route}\t${s.root}`;
        seen.set(key, [...(seen.get(key) ?? []), rps]);
        console.log(
          `round ${round} ${route} ${s.root}: ${rps.toFixed(1)} req/s (load ${loadavg()[0].toFixed(2)})`,
        );
      }
    }
  }
  console.log("\nroute\tcheckout\tmedian req/s\truns");
  for (const [key, runs] of seen) {
    const sorted = [...runs].sort((a, b) => a - b);
    console.log(
      `${key}\t${percentile(sorted, 50).toFixed(1)}\t${runs.map((x) => x.toFixed(0)).join(" ")}`,
    );
  }
} finally {
  for (const s of sides) await s.bundle.cleanup();
}
