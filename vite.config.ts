/**
 * Builds the embeddable widget: `widget/index.ts` → `dist/public/widget.js` (one minified IIFE:
 * the floating button and the tap), and each lazily loaded chunk of CHUNKS → `widget-<name>.js`
 * (`widget-ui.js`: lit-html, the dialog and the chooser; `widget-qr.js`: the QR encoder, panel and
 * inline QR; `widget-greet.js`: the greeting's trigger and bubble; `widget-optin.js`: the opt-in box), IIFEs that widget.js loads when first needed. `dist/public/` is the Worker's assets
 * directory and may hold other files, so this build replaces only what it owns. The demo pages
 * are not production assets: `npm start` serves them from its own directory (scripts/local.mjs),
 * and this build removes a `dist/public/demo/` left by older builds.
 */
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { basename, resolve } from "node:path";
import { build, defineConfig, type LogLevel, type Plugin } from "vite";

const root = import.meta.dirname;
const outDir = resolve(root, "dist/public");
/** Build options every IIFE build shares (widget.js and its lazily loaded chunks). */
const iifeBuild = {
  outDir,
  emptyOutDir: false,
  // Object.hasOwn, class fields: what the widget's browsers have (Safari 15.4, Chrome 93).
  target: "es2022",
  minify: "oxc",
  sourcemap: false,
  reportCompressedSize: false,
} as const;

/**
 * Collapses the whitespace of css`` literals in widget/*-styles.ts, widget/qr/, ui/, greet/, optin/ and agents/ at build time, so the source
 * stays readable and the bundle does not ship indentation. Only whitespace that CSS ignores is
 * removed: around braces, semicolons, commas and slashes, and after colons; `0.5` is written `.5`.
 */
function minifyCssLiterals(): Plugin {
  return {
    name: "chatref-minify-css-literals",
    apply: "build",
    transform(code, id) {
      if (!/[\\/]widget[\\/]((qr|ui|greet|optin|agents)[\\/])?[^\\/]+-styles\.ts$/.test(id))
        return null;
      return code.replace(/css`([^`$]*)`/g, (_, body: string) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/\s+/g, " ")
          .replace(/\s*([{};,])\s*/g, "$1")
          .replace(/:\s+/g, ":")
          // `14px / 1.4` and `rgb(0 0 0 / 0.2)` need no spaces; `0.5em` is `.5em`.
          .replace(/\s*\/\s*/g, "/")
          .replace(/([\s:,(])0\.(\d)/g, "$1.$2")
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
 * The lazily loaded chunks, in build order. Each is an IIFE of its own (Vite's IIFE output cannot
 * split code) that registers itself on `window.__chatref[name]` (widget/chunk-loader.ts loads it).
 * `lends` maps a module (path without `.ts`) to the global the chunk reads instead of bundling a
 * copy: widget/runtime.ts is widget.js's code and state, widget/ui/shared.ts is widget-ui.js's
 * (lit-html and the dialog), so every chunk shares one copy of each.
 */
const CHUNKS = [
  { name: "ui", entry: "widget/ui/chunk.ts", lends: { "widget/runtime": "rt" } },
  {
    name: "qr",
    entry: "widget/qr/chunk.ts",
    lends: { "widget/runtime": "rt", "widget/ui/shared": "ui" },
  },
  { name: "greet", entry: "widget/greet/chunk.ts", lends: { "widget/runtime": "rt" } },
  { name: "optin", entry: "widget/optin/chunk.ts", lends: { "widget/runtime": "rt" } },
  {
    name: "agents",
    entry: "widget/agents/chunk.ts",
    lends: { "widget/runtime": "rt", "widget/ui/shared": "ui" },
  },
] as const;

/**
 * Builds every chunk of CHUNKS before widget.js. Imports of a lent module become reads of
 * `window.__chatref.<global>`. The content hash of all the chunks replaces
 * `__CHATREF_CHUNKS_VERSION__` in widget.js, so a page never pairs two different builds.
 */
function lazyChunks(): Plugin {
  let version = "";
  let logLevel: LogLevel | undefined;
  return {
    name: "chatref-lazy-chunks",
    apply: "build",
    configResolved(config) {
      logLevel = config.logLevel;
    },
    async buildStart() {
      const hash = createHash("sha256");
      for (const chunk of CHUNKS) {
        const file = `widget-${chunk.name}.js`;
        rmSync(resolve(outDir, file), { force: true });
        const lends = new Map(
          Object.entries(chunk.lends).map(([module, global]) => [resolve(root, module), global]),
        );
        const lent = (id: string, importer?: string) =>
          importer === undefined ? undefined : lends.get(resolve(importer, "..", id));
        await build({
          configFile: false,
          publicDir: false,
          logLevel,
          plugins: [minifyCssLiterals(), asciiOnly()],
          build: {
            ...iifeBuild,
            lib: {
              entry: resolve(root, chunk.entry),
              formats: ["iife"],
              name: `chatref_${chunk.name}`,
              fileName: () => file,
            },
            rolldownOptions: {
              external: (id, importer) => lent(id, importer) !== undefined,
              output: {
                // The id may come relative ("../runtime") or resolved: the modules' names differ.
                globals: (id) =>
                  `window.__chatref?.${[...lends].find(([m]) => basename(id, ".ts") === basename(m))?.[1]}`,
              },
            },
          },
        });
        hash.update(readFileSync(resolve(outDir, file)));
      }
      version = hash.digest("hex").slice(0, 10);
    },
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== "chunk") continue;
        file.code = file.code.replaceAll("__CHATREF_CHUNKS_VERSION__", version);
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
  plugins: [minifyCssLiterals(), asciiOnly(), lazyChunks(), ownedOutputs()],
  build: {
    ...iifeBuild,
    lib: {
      entry: resolve(root, "widget/index.ts"),
      formats: ["iife"],
      name: "chatref",
      fileName: () => "widget.js",
    },
    rolldownOptions: {
      output: {
        // widget.js is one chunk, so its private members (`_name`, never read by the page, a
        // test or another chunk) can take one-letter names; `__chatref` is the page's global.
        minify: { compress: true, mangle: true, mangleProps: { include: /^_[a-zA-Z]/ } },
      },
    },
  },
});
