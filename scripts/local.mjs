#!/usr/bin/env node
/**
 * `npm start`: everything on this machine. Builds the widget and demo pages, applies the D1
 * migrations to a local database, seeds the demo site, and serves the Worker with wrangler dev.
 *
 * Environment: PORT (default 8787), CHATREF_STATE_DIR (local D1 state; default .wrangler/state),
 * CHATREF_SKIP_BUILD=1 (reuse dist/public).
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const port = process.env.PORT || "8787";
const state = path.resolve(root, process.env.CHATREF_STATE_DIR || ".wrangler/state");
// node_modules/.bin first, so wrangler runs on the Node 22 the project installs (see README).
const PATH = [path.join(root, "node_modules", ".bin"), process.env.PATH].join(path.delimiter);
const env = { ...process.env, PATH, CI: "true", WRANGLER_SEND_METRICS: "false" };

function step(title, cmd, args) {
  const started = Date.now();
  process.stdout.write(`▸ ${title}… `);
  const r = spawnSync(bin(cmd), args, { cwd: root, env, encoding: "utf8" });
  if (r.status !== 0) {
    console.log("failed\n");
    console.error(r.stdout, r.stderr);
    process.exit(r.status ?? 1);
  }
  console.log(`done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

if (!existsSync(path.join(root, ".dev.vars"))) {
  copyFileSync(path.join(root, ".dev.vars.example"), path.join(root, ".dev.vars"));
  console.log("▸ created .dev.vars from .dev.vars.example (local demo secrets)");
}
mkdirSync(path.join(root, "dist/public"), { recursive: true });
if (process.env.CHATREF_SKIP_BUILD !== "1")
  step("building widget.js and demo pages", "vite", ["build", "--logLevel", "warn"]);
const persist = ["--local", "--persist-to", state];
step("applying D1 migrations (local)", "wrangler", [
  "d1",
  "migrations",
  "apply",
  "chatref",
  ...persist,
]);
step("seeding the demo site", "wrangler", [
  "d1",
  "execute",
  "chatref",
  ...persist,
  "--file",
  "scripts/demo-seed.sql",
]);

const base = `http://127.0.0.1:${port}`;
console.log(`▸ starting the Worker on ${base}`);
const dev = spawn(
  bin("wrangler"),
  [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    port,
    "--persist-to",
    state,
    "--show-interactive-dev-session=false",
  ],
  { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] },
);
let announced = false;
dev.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /Ready on/.test(String(chunk))) {
    announced = true;
    console.log(`
  chatref is running locally:
    demo site        ${base}/demo/?utm_source=google&utm_medium=cpc&utm_campaign=spring-sale
    phone simulator  ${base}/demo/phone.html
    widget           ${base}/widget.js
    leads API        curl -H "Authorization: Bearer dev-api-key" ${base}/api/v1/leads
  Press Ctrl+C to stop.
`);
  }
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => dev.kill(sig));
dev.on("exit", (code) => process.exit(code ?? 0));
