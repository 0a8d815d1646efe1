/**
 * `npx chatref doctor` against the real product (`npm start` on a free port): it passes with the
 * local secrets read from .dev.vars, names the failing check and its fix when the app secret, the
 * verify token or the page's origin is wrong, and its signed webhook records no lead.
 */
import { describe, expect, it } from "vitest";
import { DEMO } from "../support/local-worker";
import { runLocal, worker } from "./local-cli";

interface Check {
  check: string;
  status: "ok" | "fail" | "skip";
  detail: string;
  fix?: string;
}

/** Runs `chatref doctor` with no secrets in the environment: a local URL reads .dev.vars. */
const doctor = (...args: string[]) => runLocal(["doctor", "--url", worker.base, ...args]);

async function doctorJson(...args: string[]) {
  const r = await doctor(...args, "--json");
  const json = JSON.parse(r.stdout) as { ok: boolean; checks: Check[] };
  const status = Object.fromEntries(json.checks.map((c) => [c.check, c.status]));
  return { code: r.code, json, status };
}

const leadCount = async () => {
  const res = await fetch(`${worker.base}/api/v1/leads?limit=100`, {
    headers: { authorization: `Bearer ${DEMO.apiKey}` },
  });
  return ((await res.json()) as { data: unknown[] }).data.length;
};

describe("chatref doctor against npm start", () => {
  it("passes every check; its signed webhook records no lead", async () => {
    const before = await leadCount();
    const r = await doctor();
    expect(r.code).toBe(0);
    for (const name of ["Worker answers", "admin token", "webhook handshake", "app secret"])
      expect(r.stdout).toMatch(new RegExp(`✓ ${name}`));
    // Recorded (201), so its ref passed the Worker's check code (widget/protocol/ref-codec.ts).
    expect(r.stdout).toContain("✓ test beacon");
    expect(r.stdout).toContain("utm_source=chatref-doctor");
    expect(r.stdout).toContain("✓ set-up check");
    expect(r.stdout).toContain("Every check passed");
    expect(await leadCount()).toBe(before);

    const j = await doctorJson("--site", DEMO.site);
    expect(j.code).toBe(0);
    expect(j.json.ok).toBe(true);
    expect(j.json.checks.map((c) => c.status)).toEqual(j.json.checks.map(() => "ok"));
  });

  it("a wrong app secret: exit 1, the app secret check fails and names the fix", async () => {
    const r = await doctor("--app-secret", "not-the-secret", "--skip-beacon");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✗ app secret");
    expect(r.stdout).toContain("fix: WHATSAPP_APP_SECRET does not match the Meta app's secret");
    const j = await doctorJson("--app-secret", "not-the-secret", "--skip-beacon");
    expect(j.status).toMatchObject({ "webhook handshake": "ok", "app secret": "fail" });
  });

  it("a wrong verify token: exit 1, the handshake check fails and names the fix", async () => {
    const j = await doctorJson("--verify-token", "not-the-token", "--skip-beacon");
    expect(j.code).toBe(1);
    expect(j.status).toMatchObject({ "webhook handshake": "fail", "app secret": "ok" });
    const failed = j.json.checks.find((c) => c.check === "webhook handshake");
    expect(failed?.fix).toMatch(/WHATSAPP_VERIFY_TOKEN/);
  });

  it("a page origin the site does not allow: the beacon check fails with the command to add it", async () => {
    const j = await doctorJson("--origin", "https://not-allowed.example");
    expect(j.code).toBe(1);
    const beacon = j.json.checks.find((c) => c.check === "test beacon");
    expect(beacon?.status).toBe("fail");
    expect(beacon?.detail).toContain("HTTP 403");
    expect(beacon?.fix).toContain(
      'npx chatref sites update site_demo --origin "http://127.0.0.1:*" --origin "http://localhost:*" --origin https://not-allowed.example',
    );
  });
});
