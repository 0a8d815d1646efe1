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
                  // Messenger / Instagram webhooks (a different secret from WhatsApp's, to tell them apart).
                  META_APP_SECRET: "test-meta-app-secret",
                  // Site and key administration (/api/v1/sites).
                  CHATREF_ADMIN_TOKEN: "test-admin-token",
                  // Forwarding: credentials sealed with AES-GCM; short attempts against the fakes.
                  CHATREF_SECRET_KEY: "test-secret-key-0123456789abcdef",
                  FORWARD_TIMEOUT_MS: "400",
                  // The fakes listen on http://127.0.0.1: loopback destinations are allowed only
                  // for local development (forward/url-policy.ts); policy tests drop it.
                  CHATREF_LOCAL_DEV: "1",
                },
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["test/worker/**/*.test.ts"],
            setupFiles: ["./test/worker/apply-migrations.ts"],
            // Fake GA4 / Meta / webhook receivers on 127.0.0.1 for the forwarding tests.
            globalSetup: ["./test/support/fake-destinations.ts"],
          },
        },
        {
          test: {
            name: "browser",
            include: [
              "test/widget/**/*.test.ts",
              "test/e2e/**/*.test.ts",
              "test/dashboard/**/*.test.ts",
              "test/cli/**/*.test.ts",
              // Node side: the OpenAPI document validated as OpenAPI 3.1.
              "test/openapi/**/*.test.ts",
            ],
            testTimeout: 60_000,
            hookTimeout: 180_000,
            // A page under load (CI on 2 cores) may take seconds to show an answer: polls wait
            // up to 10 s (vitest's default of 1 s made the dashboard tests flaky there).
            expect: { poll: { timeout: 10_000 } },
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
