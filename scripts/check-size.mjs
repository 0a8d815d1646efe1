#!/usr/bin/env node
/**
 * Byte budget of the built widget: prints minified, gzip and brotli sizes of
 * dist/public/widget.js and exits 1 when gzip exceeds the budget. `measure()` is exported for
 * the bench; the check runs only when this file is executed directly.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** The built widget this script checks by default. */
export const WIDGET_FILE = resolve(import.meta.dirname, "../dist/public/widget.js");
/** Hard limit for widget.js, gzip bytes (12 KB). */
export const GZIP_BUDGET = 12 * 1024;
/** What we aim for, gzip bytes (8 KB); exceeding it only prints a note. */
export const GZIP_GOAL = 8 * 1024;

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

function main() {
  const file = process.argv[2] ? resolve(process.argv[2]) : WIDGET_FILE;
  let size;
  try {
    size = measure(file);
  } catch (error) {
    console.error(
      `size: cannot read ${file} (run \`npm run build:widget\` first): ${error.message}`,
    );
    return 1;
  }
  const kb = (n) => `${n} B (${(n / 1024).toFixed(2)} KB)`;
  console.log(
    `widget.js  minified ${kb(size.min)}  gzip ${kb(size.gzip)}  brotli ${kb(size.brotli)}`,
  );
  if (size.gzip > GZIP_BUDGET) {
    console.error(`size: gzip ${size.gzip} B is over the ${GZIP_BUDGET} B budget`);
    return 1;
  }
  const note = size.gzip > GZIP_GOAL ? ` (goal ${GZIP_GOAL} B not met yet)` : "";
  console.log(`size: within the ${GZIP_BUDGET} B gzip budget${note}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
