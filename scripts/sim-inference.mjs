#!/usr/bin/env node
/**
 * `npm run sim:inference [-- --seed 1 --clicks 20000 --json]`: measures the inferred
 * attribution on simulated traffic (scripts/sim-inference/traffic.ts) with the Worker's own
 * scorer (worker/attribution/infer-score.ts, bundled here by esbuild so nothing is written
 * twice) and prints precision and recall of `inferred` per click rate and threshold, then
 * precision by the number of open clicks (which sets `maxOpen`). Same seed, same figures.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    clicks: { type: "string", default: "20000" },
    json: { type: "boolean", default: false },
    /** Overrides a default (`--set maxOpen=1000`), to explore. */
    set: { type: "string", multiple: true, default: [] },
  },
});
const seed = Number(values.seed);
const clicks = Number(values.clicks);

const dir = mkdtempSync(path.join(tmpdir(), "chatref-sim-"));
const outfile = path.join(dir, "evaluate.mjs");
await build({
  entryPoints: [path.join(import.meta.dirname, "sim-inference", "evaluate.ts")],
  bundle: true,
  format: "esm",
  platform: "node",
  outfile,
  logLevel: "error",
});
const loaded = await import(pathToFileURL(outfile).href);
const { evaluate, rates } = loaded;
const INFERENCE_DEFAULTS = { ...loaded.INFERENCE_DEFAULTS };
for (const pair of values.set) {
  const [key, value] = pair.split("=");
  INFERENCE_DEFAULTS[key] = Number(value);
}
rmSync(dir, { recursive: true, force: true });

/** Clicks per minute: one a minute to one a second. */
const RATES = [1, 3, 10, 30, 60];
const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
const pct = (x) => (x === null ? "–" : `${(x * 100).toFixed(1)} %`);

const grid = [];
for (const rate of RATES) {
  for (const threshold of THRESHOLDS) {
    const counts = evaluate(seed, rate, clicks, { ...INFERENCE_DEFAULTS, threshold });
    grid.push({ rate, threshold, ...counts, ...rates(counts) });
  }
}

// Precision by open clicks at the default threshold, without the crowding cut.
const byOpen = new Map();
for (const rate of RATES) evaluate(seed, rate, clicks, INFERENCE_DEFAULTS, byOpen);
const BUCKETS = [2, 5, 10, 20, 40, 80, 160, 320, Number.POSITIVE_INFINITY];
const open = [];
let low = 1;
for (const high of BUCKETS) {
  const sum = { inferred: 0, correct: 0 };
  for (const [n, b] of byOpen)
    if (n >= low && n <= high) {
      sum.inferred += b.inferred;
      sum.correct += b.correct;
    }
  open.push({ open: high === low ? `${low}` : `${low}–${high === Infinity ? "" : high}`, ...sum });
  low = high + 1;
}

if (values.json) {
  console.log(JSON.stringify({ seed, clicks, defaults: INFERENCE_DEFAULTS, grid, open }, null, 2));
} else {
  const d = INFERENCE_DEFAULTS;
  console.log(
    `seed ${seed}, ${clicks} clicks per rate; defaults: threshold ${d.threshold}, margin ${d.margin}×, at most ${d.maxOpen} open clicks in ${d.windowMs / 60_000} min\n`,
  );
  console.log(
    "| clicks/min | threshold | ref-less messages | from a click | inferred | precision | recall |",
  );
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of grid) {
    const mark = r.threshold === d.threshold ? " **" : "";
    console.log(
      `| ${r.rate} | ${r.threshold}${mark} | ${r.refless} | ${r.fromClick} | ${r.inferred} | ${pct(r.precision)} | ${pct(r.recall)} |`,
    );
  }
  console.log(
    `\nPrecision at threshold ${d.threshold} by clicks open when the message came (no crowding cut):\n`,
  );
  console.log("| open clicks | inferred | precision |");
  console.log("| ---: | ---: | ---: |");
  for (const o of open)
    console.log(
      `| ${o.open} | ${o.inferred} | ${pct(o.inferred ? o.correct / o.inferred : null)} |`,
    );
}
