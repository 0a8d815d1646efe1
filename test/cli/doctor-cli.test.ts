/**
 * `chatref doctor` against a stub of the Worker: the cases the real local Worker cannot show
 * cheaply (test/cli/doctor-local.test.ts covers the real one). Meta's checks are skipped here:
 * the stub answers JSON only.
 */
import { describe, expect, it } from "vitest";
import {
  failingGa4,
  respondWith,
  run,
  SITE,
  seen,
  setupState,
  useStubApi,
  withAuth,
} from "./cli-stub";

useStubApi();

const FAILING_SETUP = setupState({
  destinations: [failingGa4("Its latest delivery failed (HTTP 403): correct its settings")],
});

function worker(sites: unknown[], setup: unknown = FAILING_SETUP) {
  respondWith((req) => {
    if (req.url === "/healthz") return { status: 200, body: { ok: true } };
    if (req.url.startsWith("/api/v1/sites?")) return { status: 200, body: { data: sites } };
    if (req.url.endsWith("/setup")) return { status: 200, body: setup };
    if (req.url === "/v1/clicks") return { status: 201, body: { ref: "x", recorded: true } };
    return { status: 404, body: { error: { code: "not_found", message: "Not found" } } };
  });
}

describe("chatref doctor (stub Worker)", () => {
  it("several sites and no --site: the admin check asks for one, and nothing is sent", async () => {
    worker([SITE, { ...SITE, id: "site_02", key: "other" }]);
    const r = await withAuth("doctor", "--skip-meta");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✗ admin token");
    expect(r.stdout).toContain("fix: pass --site <site key or id>");
    expect(r.stdout).toMatch(/· test beacon +not run: no site/);
    expect(seen.filter((s) => s.method === "POST")).toEqual([]);
  });

  it("the beacon is tagged as the doctor's; a failing destination fails the set-up check", async () => {
    worker([SITE, { ...SITE, id: "site_02", key: "other" }]);
    const r = await withAuth("doctor", "--skip-meta", "--site", "lumen");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/· webhook handshake +--skip-meta/);
    expect(r.stdout).toContain("✓ test beacon");
    expect(r.stdout).toMatch(/✗ set-up check +1 destination failing/);
    expect(r.stdout).toContain('✗ ga4 "GA4" (dst_01): failing since 2026-12-05T09:00:00.000Z');
    const beacon = seen.find((s) => s.url === "/v1/clicks")?.body as Record<string, unknown>;
    expect(beacon).toMatchObject({
      site: "lumen",
      placement: "button",
      touch: { utm_source: "chatref-doctor", utm_medium: "test" },
    });
    expect(seen.map((s) => s.url)).toContain("/api/v1/sites/site_01/setup");
  });

  it("every check passing: exit 0", async () => {
    worker([SITE], { ...FAILING_SETUP, destinations: [] });
    const r = await withAuth("doctor", "--skip-meta", "--skip-beacon", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { ok: boolean; checks: { status: string }[] };
    expect(json.ok).toBe(true);
    expect(json.checks.map((c) => c.status)).toEqual(["ok", "ok", "skip", "skip", "skip", "ok"]);
  });

  it("an unreachable Worker: the first check fails with the fix, the rest do not run", async () => {
    const r = await run(["doctor", "--url", "http://127.0.0.1:9", "--admin-token", "t"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✗ Worker answers");
    expect(r.stdout).toContain("fix: check --url");
    expect(r.stdout).not.toContain("admin token");
  });
});
