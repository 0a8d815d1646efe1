#!/usr/bin/env node
/**
 * Byte budget of the built widget: prints minified, gzip and brotli sizes of
 * dist/public/widget.js (the script every page loads) and dist/public/widget-qr.js (the QR
 * chunk, loaded when a QR is first shown), and exits 1 when either is over its gzip budget.
 * `measure()` is exported for the bench; the check runs only when this file is executed directly:
 * `node scripts/check-size.mjs [widget.js] [widget-qr.js]`.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** The built widget this script checks by default. */
export const WIDGET_FILE = resolve(import.meta.dirname, "../dist/public/widget.js");
/** The QR chunk this script checks by default. */
export const QR_FILE = resolve(import.meta.dirname, "../dist/public/widget-qr.js");
/** Hard limit for widget.js, gzip bytes (12 KB). */
export const GZIP_BUDGET = 12 * 1024;
/** What we aim for with widget.js, gzip bytes (8 KB); exceeding it only prints a note. */
export const GZIP_GOAL = 8 * 1024;
/** Hard limit for widget-qr.js, gzip bytes (10 KB). */
export const QR_GZIP_BUDGET = 10 * 1024;
/** What we aim for with widget-qr.js, gzip bytes (5 KB). */
export const QR_GZIP_GOAL = 5 * 1024;

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

const kb = (n) => `${n} B (${(n / 1024).toFixed(2)} KB)`;

/**
 * Measures one file and prints its line; returns false when it is missing or over budget.
 * @param {{ name: string, file: string, budget: number, goal: number }} target
 */
function check({ name, file, budget, goal }) {
  let size;
  try {
    size = measure(file);
  } catch (error) {
    console.error(
      `size: cannot read ${file} (run \`npm run build:widget\` first): ${error.message}`,
    );
    return false;
  }
  console.log(
    `${name.padEnd(13)} minified ${kb(size.min)}  gzip ${kb(size.gzip)}  brotli ${kb(size.brotli)}`,
  );
  if (size.gzip > budget) {
    console.error(`size: ${name} gzip ${size.gzip} B is over the ${budget} B budget`);
    return false;
  }
  const note = size.gzip > goal ? ` (goal ${goal} B not met)` : " (goal met)";
  console.log(`size: ${name} within the ${budget} B gzip budget${note}`);
  return true;
}

function main() {
  const targets = [
    {
      name: "widget.js",
      file: process.argv[2] ? resolve(process.argv[2]) : WIDGET_FILE,
      budget: GZIP_BUDGET,
      goal: GZIP_GOAL,
    },
    {
      name: "widget-qr.js",
      file: process.argv[3] ? resolve(process.argv[3]) : QR_FILE,
      budget: QR_GZIP_BUDGET,
      goal: QR_GZIP_GOAL,
    },
  ];
  // Check both before failing, so one run reports every file.
  const ok = targets.map(check).every(Boolean);
  return ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
