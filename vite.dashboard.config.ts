/**
 * Builds the dashboard: `worker/dashboard/index.html` (a Lit app) → `dist/public/dashboard/`
 * (index.html + one hashed module), served by the Worker as static assets at `/dashboard/`.
 * This build owns dist/public/dashboard/ only; the widget build (vite.config.ts) owns the rest.
 */
import { resolve } from "node:path";
import { defineConfig } from "vite";

const root = resolve(import.meta.dirname, "worker/dashboard");

export default defineConfig({
  root,
  base: "/dashboard/",
  publicDir: false,
  build: {
    outDir: resolve(import.meta.dirname, "dist/public/dashboard"),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
  },
});
