/**
 * Builds the dashboard: `dashboard/index.html` (a Lit app) → `dist/public/dashboard/`
 * (index.html, the hashed entry module with English, and one hashed chunk per other language,
 * `assets/locale-<lang>-<hash>.js`, loaded with `import()` when chosen: see i18n.ts), served by the
 * Worker as static assets at `/dashboard/`. scripts/check-size.mjs budgets the entry's bytes.
 * It also copies dashboard/_headers (the assets' CSP and security headers) to dist/public/_headers
 * and the landing page at `/` with its favicon (dashboard/home/) to dist/public/. This build owns
 * those; the widget build (vite.config.ts) the rest.
 */
import { copyFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";

const root = resolve(import.meta.dirname, "dashboard");

/** Static files copied as they are into dist/public/ once the bundle is written. */
const COPIED = {
  _headers: "_headers",
  "home/index.html": "index.html",
  "home/home.css": "home.css",
  "home/favicon.svg": "favicon.svg",
  "home/_redirects": "_redirects",
};

/** Copies the assets' `_headers` file and the landing page next to the dashboard. */
const assetHeaders = (): Plugin => ({
  name: "chatref-asset-headers",
  apply: "build",
  closeBundle() {
    for (const [from, to] of Object.entries(COPIED))
      copyFileSync(resolve(root, from), resolve(import.meta.dirname, "dist/public", to));
  },
});

export default defineConfig({
  root,
  base: "/dashboard/",
  publicDir: false,
  plugins: [assetHeaders()],
  build: {
    outDir: resolve(import.meta.dirname, "dist/public/dashboard"),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        // dashboard/locales/ru.ts → assets/locale-ru-<hash>.js: told apart by name.
        chunkFileNames: (chunk) =>
          chunk.facadeModuleId?.includes("/dashboard/locales/")
            ? "assets/locale-[name]-[hash].js"
            : "assets/[name]-[hash].js",
      },
    },
  },
});
