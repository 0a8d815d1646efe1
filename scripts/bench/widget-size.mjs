/**
 * The widget's bytes: every JS file in dist/public (widget.js first) as minified, gzip and
 * brotli sizes. Builds with vite when widget.js is missing and a vite config exists; reuses
 * `measure(file)` from scripts/check-size.mjs when that module provides it.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const run = promisify(execFile);

/**
 * @typedef {object} SizeRow
 * @property {string} file Path relative to dist/public.
 * @property {number} min Bytes on disk (vite output is already minified).
 * @property {number} gzip Bytes after gzip -9.
 * @property {number} brotli Bytes after brotli (quality 11).
 */

/**
 * Measures one file with node:zlib.
 * @param {string} path
 * @returns {Promise<Omit<SizeRow, "file">>}
 */
async function ownMeasure(path) {
  const bytes = await readFile(path);
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

/**
 * `measure` from scripts/check-size.mjs, normalised to SizeRow fields, or null when absent.
 * @param {string} root
 * @returns {Promise<((path: string) => Promise<Omit<SizeRow, "file">>) | null>}
 */
async function sharedMeasure(root) {
  const path = join(root, "scripts/check-size.mjs");
  if (!existsSync(path)) return null;
  if (
    !/export\s+(async\s+)?function\s+measure\b|export\s*\{[^}]*\bmeasure\b/.test(
      await readFile(path, "utf8"),
    )
  ) {
    return null;
  }
  const mod = await import(pathToFileURL(path).href);
  if (typeof mod.measure !== "function") return null;
  return async (file) => {
    const m = await mod.measure(file);
    const min = m?.min ?? m?.minified ?? m?.raw ?? m?.bytes ?? m?.size;
    const gzip = m?.gzip ?? m?.gz;
    const brotli = m?.brotli ?? m?.br;
    if ([min, gzip, brotli].every((v) => typeof v === "number")) return { min, gzip, brotli };
    return ownMeasure(file);
  };
}

/**
 * Sizes of dist/public/*.js, building the widget first if needed.
 * @param {string} root Repository root.
 * @param {(line: string) => void} log Progress output.
 * @returns {Promise<{ rows: SizeRow[], note: string }>}
 */
export async function widgetSizes(root, log) {
  const dir = join(root, "dist/public");
  const widget = join(dir, "widget.js");
  let note = "";
  if (!existsSync(widget)) {
    const config = ["ts", "mts", "js", "mjs"].some((ext) =>
      existsSync(join(root, `vite.config.${ext}`)),
    );
    if (config) {
      log("building widget (npx vite build)…");
      await run("npx", ["vite", "build"], { cwd: root, timeout: 120_000 }).catch((e) => {
        note = `vite build failed: ${String(e.stderr || e.message).split("\n")[0]}`;
      });
    } else {
      note = "no vite config in the repo yet, so vite build was not run";
    }
  }
  const files = existsSync(dir) ? (await readdir(dir, { recursive: true })).map(String) : [];
  const js = files
    .filter((f) => f.endsWith(".js"))
    .sort((a, b) => (a === "widget.js" ? -1 : b === "widget.js" ? 1 : a.localeCompare(b)));
  if (!js.includes("widget.js")) note ||= "dist/public/widget.js is missing after the build";
  const shared = await sharedMeasure(root);
  if (shared)
    note = [note, "sizes via scripts/check-size.mjs measure()"].filter(Boolean).join("; ");
  const measure = shared ?? ownMeasure;
  const rows = [];
  for (const file of js) rows.push({ file, ...(await measure(join(dir, file))) });
  return { rows, note };
}
