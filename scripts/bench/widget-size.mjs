/**
 * The widget's bytes: every JS file in dist/public as minified, gzip and brotli sizes, the
 * initial script (widget.js), then the lazily loaded chunks (widget-ui.js: dialogs and chooser;
 * widget-qr.js: the QR encoder and panel) first. Builds with vite
 * when widget.js is missing and a vite config exists; sizes come from `measure(file)` in
 * scripts/check-size.mjs, the same numbers the CI budget checks. Says when the QR chunk is not built and
 * when widget/ sources changed after the last build (the sizes are then those of that build).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

import { measure } from "../check-size.mjs";

const run = promisify(execFile);

/**
 * @typedef {object} SizeRow
 * @property {string} file Path relative to dist/public.
 * @property {"initial" | "ui-chunk" | "qr-chunk" | "other"} role The initial script, a lazy chunk, or else.
 * @property {number} min Bytes on disk (vite output is already minified).
 * @property {number} gzip Bytes after gzip -9.
 * @property {number} brotli Bytes after brotli (quality 11).
 */

/** The initial script and the lazy chunks, in dist/public. */
export const INITIAL_FILE = "widget.js";
export const QR_CHUNK_FILE = "widget-qr.js";
const ROLES = {
  [INITIAL_FILE]: "initial",
  "widget-ui.js": "ui-chunk",
  [QR_CHUNK_FILE]: "qr-chunk",
};
/** @param {string} file @returns {SizeRow["role"]} */
const roleOf = (file) => ROLES[file] ?? "other";
const ORDER = { initial: 0, "ui-chunk": 1, "qr-chunk": 2, other: 3 };

/**
 * Newest modification time (ms) of the TypeScript sources under widget/, or 0.
 * @param {string} root
 */
async function newestSource(root) {
  const dir = join(root, "widget");
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const f of (await readdir(dir, { recursive: true })).map(String)) {
    if (!f.endsWith(".ts")) continue;
    const m = await stat(join(dir, f)).catch(() => null);
    if (m && m.mtimeMs > newest) newest = m.mtimeMs;
  }
  return newest;
}

/** @param {number} ms */
const clock = (ms) => new Date(ms).toISOString().slice(11, 19);

/**
 * Sizes of dist/public/*.js, building the widget first if needed.
 * @param {string} root Repository root.
 * @param {(line: string) => void} log Progress output.
 * @returns {Promise<{ rows: SizeRow[], note: string, qrChunk: "built" | "not built", stale: string }>}
 *   `stale` is empty unless widget/ sources are newer than the built files.
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
    .sort((a, b) => ORDER[roleOf(a)] - ORDER[roleOf(b)] || a.localeCompare(b));
  if (!js.includes("widget.js")) note ||= "dist/public/widget.js is missing after the build";
  note = [note, "sizes via scripts/check-size.mjs measure()"].filter(Boolean).join("; ");
  const rows = [];
  let built = 0;
  for (const file of js) {
    const path = join(dir, file);
    try {
      const { min, gzip, brotli } = measure(path);
      const size = { min, gzip, brotli };
      if (roleOf(file) !== "other") built = Math.max(built, (await stat(path)).mtimeMs);
      rows.push({ file, role: roleOf(file), ...size });
    } catch (e) {
      // A concurrent `vite build` removes widget.js and widget-qr.js before writing them again.
      log(`${file}: not readable (${e.code ?? e.message}); a build may be running`);
    }
  }
  const qrChunk = rows.some((r) => r.role === "qr-chunk") ? "built" : "not built";
  const source = await newestSource(root);
  const stale =
    built && source > built
      ? `widget/ sources changed at ${clock(source)} UTC, after the build at ${clock(built)} UTC: ` +
        "sizes are of that build (npx vite build for current ones)"
      : "";
  return { rows, note, qrChunk, stale };
}
