/**
 * `npx chatref` against the real product: `npm start` on a free port (test/support/local-worker.ts),
 * with the local admin token taken from .dev.vars as a person running it locally would.
 */
import { describe, expect, it } from "vitest";
import { runLocal, worker } from "./local-cli";

/** Runs the CLI with --json and no token of its own: a local URL reads it from .dev.vars. */
async function chatref(...args: string[]) {
  const r = await runLocal([...args, "--url", worker.base, "--json"]);
  const json: Record<string, unknown> = r.stdout ? JSON.parse(r.stdout) : {};
  return { code: r.code, json, stderr: r.stderr };
}

const leads = (key: string) =>
  fetch(`${worker.base}/api/v1/leads`, { headers: { authorization: `Bearer ${key}` } });

describe("chatref CLI against npm start", () => {
  it("creates a site and keys; a revoked key stops working at once", async () => {
    const phoneNumberId = `3${Date.now()}`;
    const created = await chatref(
      "sites",
      "create",
      "--key",
      `cli-${Date.now()}`,
      "--name",
      "CLI shop",
      "--number",
      "15550003333",
      "--phone-number-id",
      phoneNumberId,
      "--origin",
      "https://cli.shop.example",
    );
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const site = created.json as { id: string; api_key: { key: string } };
    expect(site.api_key.key).toMatch(/^crk_[0-9A-Z]{32}$/);
    expect((await leads(site.api_key.key)).status).toBe(200);

    const again = await chatref(
      "sites",
      "create",
      "--key",
      `cli-other-${Date.now()}`,
      "--name",
      "Dup",
      "--number",
      "15550003333",
      "--phone-number-id",
      phoneNumberId,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^chatref: conflict \(HTTP 409\): .*phone_number_id/);

    const key = (await chatref("keys", "create", site.id, "--name", "BI tool")).json as {
      id: string;
      key: string;
      scope: string;
    };
    expect(key.scope).toBe("read");
    expect((await leads(key.key)).status).toBe(200);
    const listed = (await chatref("keys", "list", site.id)).json as {
      data: { id: string; revoked_at: string | null }[];
    };
    expect(listed.data.map((k) => k.id)).toContain(key.id);

    const revoked = await chatref("keys", "revoke", site.id, key.id);
    expect(revoked.code).toBe(0);
    expect((await leads(key.key)).status).toBe(401);
    expect((await leads(site.api_key.key)).status).toBe(200);

    const updated = await chatref("sites", "update", site.id, "--origin", "http://localhost:*");
    expect(updated.json).toMatchObject({ allowed_origins: ["http://localhost:*"] });
    const list = (await chatref("sites", "list")).json as { data: { id: string }[] };
    expect(list.data.map((s) => s.id)).toEqual(expect.arrayContaining(["site_demo", site.id]));
  });

  it("a wrong admin token: exit 1 with unauthorized", async () => {
    const r = await chatref("sites", "list", "--admin-token", "wrong");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^chatref: unauthorized \(HTTP 401\)/);
  });
});
