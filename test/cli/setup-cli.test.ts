/**
 * The set-up check in the CLI (scripts/chatref-setup.mjs): `sites get` prints the site's set-up
 * state with each fix, `sites diagnostics` what no site owns, and a validation error prints
 * every field's problem on its own line.
 */
import { describe, expect, it } from "vitest";
import {
  failingGa4,
  respondWith,
  SITE,
  seen,
  setupState,
  updateSiteCli,
  useStubApi,
  withAuth,
} from "./cli-stub";

useStubApi();

const FIX = `Add https://wrong.example to allowed_origins if that page is yours: npx chatref sites update site_01 --origin https://lumen.example --origin https://wrong.example`;
const SETUP = setupState({
  webhook: { at: null, fix: "No webhook yet: in your Meta app set the callback URL …" },
  lead: { at: null, fix: "No lead yet: tap the chat button …" },
  destinations: [failingGa4("Its latest delivery failed (HTTP 403): correct its settings …")],
  rejected_beacons: [
    {
      reason: "origin_not_allowed",
      origin: "https://wrong.example",
      count: 3,
      last_at: "2026-12-05T10:05:00.000Z",
      fix: FIX,
    },
  ],
});

describe("chatref set-up check", () => {
  it("sites get: the site, then its set-up state with every fix", async () => {
    respondWith((req) =>
      req.url.endsWith("/setup") ? { status: 200, body: SETUP } : { status: 200, body: SITE },
    );
    const r = await withAuth("sites", "get", "site_01");
    expect(r.code).toBe(0);
    expect(seen.map((s) => s.url)).toEqual([
      "/api/v1/sites/site_01",
      "/api/v1/sites/site_01/setup",
    ]);
    expect(r.stdout).toContain("✓ last beacon   2026-12-05T10:00:00.000Z");
    expect(r.stdout).toContain("✗ last webhook  none yet\n      fix: No webhook yet");
    expect(r.stdout).toContain('✗ ga4 "GA4" (dst_01): failing since 2026-12-05T09:00:00.000Z');
    expect(r.stdout).toContain("✗ https://wrong.example: origin not allowed, 3×");
    expect(r.stdout).toContain(`fix: ${FIX}`);
    const json = await withAuth("sites", "get", "site_01", "--json");
    expect(JSON.parse(json.stdout)).toEqual({ ...SITE, setup: SETUP });
  });

  it("sites get against a Worker without the set-up check: the site alone", async () => {
    respondWith((req) =>
      req.url.endsWith("/setup")
        ? { status: 404, body: { error: { code: "not_found", message: "Not found" } } }
        : { status: 200, body: SITE },
    );
    const r = await withAuth("sites", "get", "site_01");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Site site_01");
    expect(r.stdout).not.toContain("Set-up check");
  });

  it("sites diagnostics: unknown keys and accounts with counts and fixes", async () => {
    respondWith(() => ({
      status: 200,
      body: {
        since: "2026-12-04T10:00:00.000Z",
        data: [
          {
            kind: "unknown_account",
            detail: "109999999999",
            count: 4,
            last_at: "2026-12-05T10:00:00.000Z",
            fix: "Meta sends webhooks for phone_number_id 109999999999, which no site has: …",
          },
        ],
      },
    }));
    const r = await withAuth("sites", "diagnostics");
    expect(r.code).toBe(0);
    expect(seen[0]?.url).toBe("/api/v1/sites/diagnostics");
    expect(r.stdout).toContain("✗ 109999999999: webhooks for an unknown account, 4×");
    expect(r.stdout).toContain("fix: Meta sends webhooks for phone_number_id 109999999999");
  });

  it("a validation error prints every field's problem, one a line", async () => {
    const message =
      "wa_number: must be a phone number with its country code, such as +1 555 000 4444 or 0034 612 34 56 78; allowed_origins.0: must be a web origin; timezone: unknown time zone";
    respondWith(() => ({ status: 400, body: { error: { code: "validation_failed", message } } }));
    const r = await updateSiteCli("--number", "call me");
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      "chatref: validation_failed (HTTP 400):",
      "  wa_number: must be a phone number with its country code, such as +1 555 000 4444 or 0034 612 34 56 78",
      "  allowed_origins.0: must be a web origin",
      "  timezone: unknown time zone",
    ]);
  });
});
