/**
 * Builds the embeddable widget: `widget/index.ts` → `dist/public/widget.js` (one minified IIFE),
 * `widget/qr/chunk.ts` → `dist/public/widget-qr.js` (the QR encoder, a second IIFE that widget.js
 * loads when a QR is first shown). `dist/public/` is the Worker's assets directory and may hold
 * other files, so this build replaces only what it owns (widget.js, widget-qr.js). The demo pages
 * are not production assets: `npm start` serves them from its own directory (scripts/local.mjs),
 * and this build removes a `dist/public/demo/` left by older builds.
 */
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { build, defineConfig, type LogLevel, type Plugin } from "vite";

const root = import.meta.dirname;
const outDir = resolve(root, "dist/public");
/** The module widget.js lends to widget-qr.js on `window.__chatref.rt` (see widget/runtime.ts). */
const runtimeModule = resolve(root, "widget/runtime.ts");
/** Build options both IIFE builds share (widget.js and the lazily loaded widget-qr.js). */
const iifeBuild = {
  outDir,
  emptyOutDir: false,
  target: "es2020",
  minify: "oxc",
  sourcemap: false,
  reportCompressedSize: false,
} as const;

/**
 * Collapses the whitespace of css`` literals in widget/*-styles.ts and widget/qr/*-styles.ts at build time, so the source
 * stays readable and the bundle does not ship indentation. Only whitespace that CSS ignores is
 * removed: around braces, semicolons and commas, and after colons.
 */
function minifyCssLiterals(): Plugin {
  return {
    name: "chatref-minify-css-literals",
    apply: "build",
    transform(code, id) {
      if (!/[\\/]widget[\\/](qr[\\/])?[^\\/]+-styles\.ts$/.test(id)) return null;
      return code.replace(/css`([^`$]*)`/g, (_, body: string) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/\s+/g, " ")
          .replace(/\s*([{};,])\s*/g, "$1")
          .replace(/:\s+/g, ":")
          .replace(/;}/g, "}")
          .trim();
        return `css\`${min}\``;
      });
    },
  };
}

/**
 * Escapes every non-ASCII character of the output as `\\uXXXX`. widget.js runs on host pages in
 * any encoding (windows-1251, GBK, ...) and is decoded with the page's charset unless the server
 * says otherwise: ASCII-only output reads the same everywhere. Minified output has non-ASCII only
 * inside string and template literals, where the escape means the same character.
 */
function asciiOnly(): Plugin {
  return {
    name: "chatref-ascii-only",
    apply: "build",
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== "chunk") continue;
        file.code = file.code.replace(
          /[\u0080-\uffff]/g,
          (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
        );
      }
    },
  };
}

/**
 * Builds widget-qr.js before widget.js (Vite's IIFE output cannot split code, so the chunk is a
 * build of its own). Imports of widget/runtime.ts become reads of `window.__chatref.rt`, so the
 * chunk shares widget.js's state and code instead of bundling copies. The chunk's content hash
 * replaces `__CHATREF_QR_VERSION__` in widget.js, so a page never pairs two different builds.
 */
function qrChunk(): Plugin {
  let version = "";
  let logLevel: LogLevel | undefined;
  return {
    name: "chatref-qr-chunk",
    apply: "build",
    configResolved(config) {
      logLevel = config.logLevel;
    },
    async buildStart() {
      rmSync(resolve(outDir, "widget-qr.js"), { force: true });
      await build({
        configFile: false,
        publicDir: false,
        logLevel,
        plugins: [minifyCssLiterals(), asciiOnly()],
        build: {
          ...iifeBuild,
          lib: {
            entry: resolve(root, "widget/qr/chunk.ts"),
            formats: ["iife"],
            name: "chatrefQr",
            fileName: () => "widget-qr.js",
          },
          rolldownOptions: {
            external: (id, importer) =>
              importer !== undefined && resolve(importer, "..", id) === runtimeModule.slice(0, -3),
            output: { globals: () => "window.__chatref?.rt" },
          },
        },
      });
      const bytes = readFileSync(resolve(outDir, "widget-qr.js"));
      version = createHash("sha256").update(bytes).digest("hex").slice(0, 10);
    },
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === "chunk")
          file.code = file.code.replaceAll("__CHATREF_QR_VERSION__", version);
      }
    },
  };
}

/** Removes the previous widget.js, and demo/ pages older builds shipped with the assets. */
function ownedOutputs(): Plugin {
  return {
    name: "chatref-owned-outputs",
    apply: "build",
    buildStart() {
      rmSync(resolve(outDir, "widget.js"), { force: true });
      rmSync(resolve(outDir, "demo"), { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [minifyCssLiterals(), asciiOnly(), qrChunk(), ownedOutputs()],
  build: {
    ...iifeBuild,
    lib: {
      entry: resolve(root, "widget/index.ts"),
      formats: ["iife"],
      name: "chatref",
      fileName: () => "widget.js",
    },
  },
});
