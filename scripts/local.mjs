#!/usr/bin/env node
/**
 * `npm start`: everything on this machine. Builds the widget and the dashboard, applies the D1
 * migrations to a local database, seeds the demo site, and serves the Worker with wrangler dev.
 * The demo pages are not production assets (`npm run build` leaves them out of dist/public):
 * wrangler dev serves a local copy of dist/public with demo/ added (`<state>/assets`), each demo
 * page served inside demo/layout.html, the head they share (scripts/demo-pages.mjs).
 *
 * It also runs the local forwarding receiver (scripts/local-receiver.mjs) that the seeded demo
 * destinations (webhook, GA4, Meta) point at, so forwarded leads print here.
 *
 * Environment: PORT (default 8787), CHATREF_STATE_DIR (local D1 state; default .wrangler/state),
 * CHATREF_SKIP_BUILD=1 (reuse dist/public), CHATREF_RECEIVER_PORT (default 8790; a free port
 * is taken when it is busy).
 */
import { spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { copyDemo } from "./demo-pages.mjs";
import { startReceiver } from "./local-receiver.mjs";

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
  // Always the production build: under vitest NODE_ENV is "test", and vite would then bundle
  // Lit's development build (the dashboard about 13 KB larger than what is deployed).
  const r = spawnSync(bin(cmd), args, {
    cwd: root,
    env: { ...env, NODE_ENV: "production" },
    encoding: "utf8",
  });
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
} else {
  // An older .dev.vars keeps its values; settings added to the example since are appended.
  const vars = readFileSync(path.join(root, ".dev.vars"), "utf8");
  const names = (text) => [...text.matchAll(/^\s*([A-Z0-9_]+)\s*=/gm)].map((m) => m[1]);
  const have = new Set(names(vars));
  const missing = readFileSync(path.join(root, ".dev.vars.example"), "utf8")
    .split("\n")
    .filter((line) => names(line).some((name) => !have.has(name)));
  if (missing.length) {
    writeFileSync(
      path.join(root, ".dev.vars"),
      `${vars}${vars.endsWith("\n") || !vars ? "" : "\n"}${missing.join("\n")}\n`,
    );
    console.log(
      `▸ added ${names(missing.join("\n")).join(", ")} to .dev.vars from .dev.vars.example`,
    );
  }
}
mkdirSync(path.join(root, "dist/public"), { recursive: true });
if (process.env.CHATREF_SKIP_BUILD !== "1")
  step("building widget.js", "vite", ["build", "--logLevel", "warn"]);
step("building the dashboard", "vite", [
  "build",
  "--config",
  "vite.dashboard.config.ts",
  "--logLevel",
  "warn",
]);
// The local assets: the production build plus the demo pages (never deployed).
const assets = path.join(state, "assets");
rmSync(assets, { recursive: true, force: true });
cpSync(path.join(root, "dist/public"), assets, { recursive: true });
// Each demo page inside the layout that holds their shared head (scripts/demo-pages.mjs).
copyDemo(path.join(root, "demo"), path.join(assets, "demo"));
const persist = ["--local", "--persist-to", state];
step("applying D1 migrations (local)", "wrangler", [
  "d1",
  "migrations",
  "apply",
  "chatref",
  ...persist,
]);
// The forwarding receiver first: the demo destinations are seeded with its address.
const receiverPort = Number(process.env.CHATREF_RECEIVER_PORT || 8790);
const receiver = await startReceiver({ port: receiverPort }).catch(() => startReceiver());
const seedFile = path.join(state, "demo-seed.sql");
mkdirSync(state, { recursive: true });
writeFileSync(
  seedFile,
  readFileSync(path.join(root, "scripts/demo-seed.sql"), "utf8").replaceAll(
    "http://127.0.0.1:8790",
    receiver.origin,
  ),
);
step("seeding the demo site", "wrangler", [
  "d1",
  "execute",
  "chatref",
  ...persist,
  "--file",
  seedFile,
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
    "--assets",
    assets,
    "--show-interactive-dev-session=false",
    "--test-scheduled",
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
    dashboard        ${base}/dashboard  (API key: dev-api-key)
    forwarding log   curl -H "Authorization: Bearer dev-api-key" ${base}/api/v1/deliveries
    receiver         ${receiver.origin} (every seeded destination's deliveries print below as [receiver])
  Press Ctrl+C to stop.
`);
  }
});
// wrangler dev does not fire Cron Triggers by itself: run the Worker's cron (delivery retries,
// forwarding sweep, retention) every minute, as production does every five.
const cron = setInterval(() => {
  if (announced)
    fetch(`${base}/__scheduled?cron=${encodeURIComponent("*/5 * * * *")}`).catch(() => {});
}, 60_000);
for (const sig of ["SIGINT", "SIGTERM"])
  process.on(sig, () => {
    clearInterval(cron);
    dev.kill(sig);
  });
dev.on("exit", async (code) => {
  await receiver.close();
  process.exit(code ?? 0);
});
