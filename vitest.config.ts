/**
 * Two test projects:
 * - worker: inside workerd (Workers Vitest integration) with a real local D1 and the real migrations;
 * - browser: Node-side tests driving Debian's Chromium through playwright-core (widget, e2e).
 */
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  WHATSAPP_APP_SECRET: "test-app-secret",
                  WHATSAPP_VERIFY_TOKEN: "test-verify-token",
                },
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["test/worker/**/*.test.ts"],
            setupFiles: ["./test/worker/apply-migrations.ts"],
          },
        },
        {
          test: {
            name: "browser",
            include: ["test/widget/**/*.test.ts", "test/e2e/**/*.test.ts"],
            testTimeout: 60_000,
            hookTimeout: 180_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
