#!/usr/bin/env node
/**
 * Byte budgets of the built widget and dashboard: prints minified, gzip and brotli sizes of
 * dist/public/widget.js (the script every page loads: the floating button and the tap), each of
 * its lazily loaded chunks (WIDGET_CHUNKS: `widget-<name>.js` next to it, see vite.config.ts) and
 * the dashboard's initial JavaScript (the entry module that
 * dist/public/dashboard/index.html loads, with any chunk it modulepreloads or imports statically),
 * then each of the dashboard's language chunks (`import()`ed when chosen), and exits 1 when any is
 * over its gzip budget. `measure()` and `dashboardFiles()` are exported for the bench; the check
 * runs only when this file is executed directly. It also fails when the production assets hold
 * the demo pages (dist/public/demo/: `npm start` serves those from its own copy, never deployed):
 * `node scripts/check-size.mjs [widget.js] [dashboard/index.html]`.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** The built widget this script checks by default. */
export const WIDGET_FILE = resolve(import.meta.dirname, "../dist/public/widget.js");
/** The QR chunk this script checks by default. */
export const QR_FILE = resolve(import.meta.dirname, "../dist/public/widget-qr.js");
/**
 * Hard limit for widget.js, gzip bytes: 9,408, what it measured (9,387 B) once the greeting's
 * trigger, `<chatref-qr>`'s observer and the fallback dialog left it, rounded up to the next
 * 64 B. Everything a dialog, a QR, the greeting, the opt-in box or the agents panel
 * needs is in the chunks; what is left is the first paint and a phone's tap, which no chunk may
 * hold (widget/README.md, "Bytes", says why the 8 KB goal is not met and what each part costs).
 */
export const GZIP_BUDGET = 9408;
/** What we aim for with widget.js, gzip bytes (8 KB, not met); exceeding it only prints a note. */
export const GZIP_GOAL = 8 * 1024;
/**
 * The lazily loaded chunks and their hard limits, gzip bytes (achieved, rounded up to the next
 * 256 B): `ui` (lit-html, the dialog, the chooser), `qr` (the QR encoder and panel), `greet`
 * (the greeting bubble), `optin` (the opt-in box) and `agents` (the agents panel, business hours,
 * the rotation and their texts in every language). Every chunk of vite.config.ts's CHUNKS is
 * listed here (a test checks it).
 */
export const WIDGET_CHUNKS = [
  { name: "ui", budget: 5632 },
  { name: "qr", budget: 3584 },
  { name: "greet", budget: 2048 },
  { name: "optin", budget: 1024 },
  { name: "agents", budget: 4864 },
];
/** Hard limit for widget-qr.js, gzip bytes (WIDGET_CHUNKS' `qr`). */
export const QR_GZIP_BUDGET = 3584;
/** The built dashboard page this script reads the dashboard's modules from by default. */
export const DASHBOARD_HTML = resolve(import.meta.dirname, "../dist/public/dashboard/index.html");
/** Where the Worker serves the dashboard (vite.dashboard.config.ts `base`). */
const DASHBOARD_BASE = "/dashboard/";
/**
 * Hard limit for the dashboard's initial JavaScript (English included), gzip bytes: 30 KB
 * (issue 16). The panels below the figures (leads, links, forwarding) and the breakdowns'
 * details are chunks loaded with `import()` when shown (dashboard/site-panels.ts), not counted
 * here: the first paint is the shell, the set-up checklist, the realtime strip and the figures.
 */
export const DASHBOARD_GZIP_BUDGET = 30 * 1024;
/** What we aim for with the dashboard's initial JavaScript, gzip bytes (26 KB). */
export const DASHBOARD_GZIP_GOAL = 26 * 1024;
/**
 * Hard limit for each dashboard language chunk (`locale-<lang>-<hash>.js`), gzip bytes (7 KB:
 * Russian, the largest, is 6.2 KB with the set-up checklist's, the leads' and the forwarding
 * reasons' strings; 6 KB no longer held them).
 */
export const LOCALE_GZIP_BUDGET = 7 * 1024;

/**
 * Sizes of a file as served: raw (already minified), gzip level 9, brotli quality 11.
 * @param {string} [file]
 * @returns {{ min: number, gzip: number, brotli: number }}
 */
export function measure(file = WIDGET_FILE) {
  const bytes = readFileSync(file);
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

/** Module paths a built module imports statically: `import … from "./x.js"`, `import "./x.js"`. */
const STATIC_IMPORT =
  /(?<![\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?(["'`])(\.{1,2}\/[^"'`]+?\.js)\1/g;
/** Module paths a built module loads with `import("./x.js")`. */
const DYNAMIC_IMPORT = /(?<![\w$.])import\(\s*(["'`])(\.{1,2}\/[^"'`]+?\.js)\1\s*\)/g;
/** `locale-<lang>-<hash>.js`: a dashboard language chunk (vite.dashboard.config.ts names them). */
const LOCALE_CHUNK = /^locale-([a-z]+)-/;

/**
 * The dashboard's JavaScript as built, read from its index.html: `initial`, what every visit
 * loads before the first paint (the entry module, modulepreloaded chunks and, transitively, the
 * chunks they import statically), and `locales`, the language chunks they load with `import()`.
 * @param {string} [html] The built dashboard/index.html.
 * @returns {{ initial: string[], locales: { lang: string, file: string }[] }} Absolute paths.
 */
export function dashboardFiles(html = DASHBOARD_HTML) {
  const dir = dirname(html);
  const local = (src) =>
    resolve(dir, src.startsWith(DASHBOARD_BASE) ? src.slice(DASHBOARD_BASE.length) : src);
  const initial = new Set();
  for (const [, tag, attrs] of readFileSync(html, "utf8").matchAll(/<(script|link)\b([^>]*)>/g)) {
    const attr = (name) => new RegExp(`\\b${name}=["']?([^"'\\s>]+)`).exec(attrs)?.[1];
    if (tag === "script" && attr("type") === "module" && attr("src"))
      initial.add(local(attr("src")));
    if (tag === "link" && attr("rel") === "modulepreload" && attr("href"))
      initial.add(local(attr("href")));
  }
  if (!initial.size) throw new Error(`no module script in ${html}`);
  const lazy = new Set();
  // Follow static imports (the Set grows while iterated); collect the dynamic ones.
  for (const file of initial) {
    const code = readFileSync(file, "utf8");
    for (const m of code.matchAll(STATIC_IMPORT)) initial.add(resolve(dirname(file), m[2]));
    for (const m of code.matchAll(DYNAMIC_IMPORT)) lazy.add(resolve(dirname(file), m[2]));
  }
  const locales = [...lazy]
    .filter((file) => !initial.has(file) && LOCALE_CHUNK.test(basename(file)))
    .map((file) => ({ lang: LOCALE_CHUNK.exec(basename(file))?.[1] ?? "", file }))
    .sort((a, b) => a.lang.localeCompare(b.lang));
  return { initial: [...initial], locales };
}

/**
 * Sizes of files served one by one, added up.
 * @param {string[]} files
 */
function measureAll(files) {
  const total = { min: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const size = measure(file);
    total.min += size.min;
    total.gzip += size.gzip;
    total.brotli += size.brotli;
  }
  return total;
}

const kb = (n) => `${n} B (${(n / 1024).toFixed(2)} KB)`;

/**
 * @typedef {object} Target
 * @property {string} name What the lines call it.
 * @property {() => string[]} files The files it is made of (may throw when not built).
 * @property {number} budget Hard limit, gzip bytes.
 * @property {number} [goal] What we aim for, gzip bytes; none: no note.
 * @property {string} build The command that builds it.
 */

/**
 * Measures one target and prints its line; returns false when it is missing or over budget.
 * @param {Target} target
 */
function check({ name, files, budget, goal, build }) {
  let size;
  try {
    size = measureAll(files());
  } catch (error) {
    console.error(`size: cannot read ${name} (run \`${build}\` first): ${error.message}`);
    return false;
  }
  console.log(
    `${name.padEnd(20)} minified ${kb(size.min)}  gzip ${kb(size.gzip)}  brotli ${kb(size.brotli)}`,
  );
  if (size.gzip > budget) {
    console.error(`size: ${name} gzip ${size.gzip} B is over the ${budget} B budget`);
    return false;
  }
  const note =
    goal === undefined ? "" : size.gzip > goal ? ` (goal ${goal} B not met)` : " (goal met)";
  console.log(`size: ${name} within the ${budget} B gzip budget${note}`);
  return true;
}

function main() {
  const widget = process.argv[2] ? resolve(process.argv[2]) : WIDGET_FILE;
  const html = process.argv[3] ? resolve(process.argv[3]) : DASHBOARD_HTML;
  /** @type {Target[]} */
  const targets = [
    {
      name: "widget.js",
      files: () => [widget],
      budget: GZIP_BUDGET,
      goal: GZIP_GOAL,
      build: "npm run build:widget",
    },
    ...WIDGET_CHUNKS.map(({ name, budget }) => ({
      name: `widget-${name}.js`,
      files: () => [resolve(dirname(widget), `widget-${name}.js`)],
      budget,
      build: "npm run build:widget",
    })),
    {
      name: "dashboard initial JS",
      files: () => dashboardFiles(html).initial,
      budget: DASHBOARD_GZIP_BUDGET,
      goal: DASHBOARD_GZIP_GOAL,
      build: "npm run build",
    },
  ];
  // The language chunks, one line each (none listed when the dashboard is not built: said above).
  let locales = [];
  try {
    locales = dashboardFiles(html).locales;
  } catch {}
  for (const { lang, file } of locales)
    targets.push({
      name: `dashboard ${lang}`,
      files: () => [file],
      budget: LOCALE_GZIP_BUDGET,
      build: "npm run build",
    });
  // Check all before failing, so one run reports every file.
  const ok = targets.map(check).every(Boolean);
  const demo = resolve(dirname(widget), "demo");
  if (existsSync(demo)) {
    console.error(`size: ${demo} exists: the demo pages must not ship with production assets`);
    return 1;
  }
  console.log("size: no demo pages in the production assets");
  return ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
