#!/usr/bin/env node
/**
 * Re-derives the GA4 source / medium / channel group stored on every click with the current
 * classifier (worker/reporting/), after an update changed how they are computed (issue 19: GA4's
 * source list and engine names). Reads the clicks in pages of 500 by id and writes one UPDATE per
 * click whose stored values differ, through `wrangler d1 execute` — the classifier is the
 * Worker's own TypeScript, bundled here with esbuild, so nothing is written twice. Each page is
 * one batch that also moves the page's counts in the daily rollup (ga4-rederive.ts), so the
 * dashboard agrees at once and the counts of clicks retention already deleted are kept.
 * Idempotent: a second run finds nothing to change.
 *
 *   node scripts/rederive-dimensions.mjs [--remote] [--database chatref] [--persist-to dir]
 *     [--site <site id>] [--dry-run]
 *
 * Local by default (the `npm start` database: .wrangler/state, or CHATREF_STATE_DIR).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const { values: opts } = parseArgs({
  options: {
    remote: { type: "boolean", default: false },
    database: { type: "string", default: "chatref" },
    "persist-to": { type: "string" },
    site: { type: "string" },
    "dry-run": { type: "boolean", default: false },
  },
});
// node_modules/.bin first, so wrangler runs on the Node 22 the project installs (as local.mjs).
const PATH = [path.join(root, "node_modules", ".bin"), process.env.PATH].join(path.delimiter);
const env = { ...process.env, PATH, WRANGLER_SEND_METRICS: "false" };
const work = mkdtempSync(path.join(tmpdir(), "chatref-rederive-"));

/** The Worker's re-derivation and rollup SQL, bundled from TypeScript into one ES module. */
async function loadClassifier() {
  const entry = path.join(work, "entry.ts");
  writeFileSync(
    entry,
    `export * from ${JSON.stringify(path.join(root, "worker/reporting/ga4-rederive.ts"))};`,
  );
  const outfile = path.join(work, "classifier.mjs");
  await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "neutral", outfile });
  return import(pathToFileURL(outfile).href);
}

const target = opts.remote
  ? ["--remote"]
  : [
      "--local",
      "--persist-to",
      path.resolve(root, opts["persist-to"] ?? process.env.CHATREF_STATE_DIR ?? ".wrangler/state"),
    ];

/** Runs `wrangler d1 execute` with `args`; returns its parsed --json answer. */
function wrangler(args) {
  const r = spawnSync(
    path.join(root, "node_modules/.bin/wrangler"),
    ["d1", "execute", opts.database, ...target, "--json", ...args],
    { cwd: root, encoding: "utf8", env },
  );
  if (r.status !== 0) throw new Error(`wrangler failed:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The rows of one SELECT. */
const query = (sql) => wrangler(["--command", sql])[0]?.results ?? [];

/** Runs statements as one file (one wrangler call). */
function execute(statements) {
  if (statements.length === 0 || opts["dry-run"]) return;
  const file = path.join(work, "batch.sql");
  writeFileSync(file, `${statements.join(";\n")};\n`);
  wrangler(["--file", file, ...(opts.remote ? ["--yes"] : [])]);
}

try {
  const c = await loadClassifier();
  let after = 0;
  let read = 0;
  let changed = 0;
  for (;;) {
    const rows = query(c.clickPageSql(after, c.REDERIVE_BATCH, opts.site));
    if (rows.length === 0) break;
    execute(c.rederiveBatchSql(rows));
    read += rows.length;
    changed += rows.filter((row) => c.rederiveClickSql(row)).length;
    after = rows.at(-1).id;
    process.stdout.write(`\r${read} clicks read, ${changed} re-derived`);
  }
  console.log(opts["dry-run"] ? " (dry run: nothing written)" : "");
} finally {
  rmSync(work, { recursive: true, force: true });
}
