/** `npx chatref sites create|update --inference on|off`: sent as the site's inference, checked first. */
import { describe, expect, it } from "vitest";
import { createSiteCli, NEW_KEY, respondWith, SITE, seen, useStubApi, withAuth } from "./cli-stub";

useStubApi();

describe("chatref CLI: --inference", () => {
  it("sites update sends it; the site shows it", async () => {
    respondWith(() => ({ status: 200, body: { ...SITE, inference: "off" } }));
    const r = await withAuth("sites", "update", "site_01", "--inference", "off");
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({
      method: "PATCH",
      url: "/api/v1/sites/site_01",
      body: { inference: "off" },
    });
    expect(r.stdout).toMatch(/inference +off/);
  });

  it("sites create sends it", async () => {
    respondWith(() => ({ status: 201, body: { ...SITE, inference: "off", api_key: NEW_KEY } }));
    const r = await createSiteCli("--inference", "off");
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: "POST", body: { inference: "off" } });
  });

  it("anything but on or off is a usage error, nothing sent", async () => {
    const before = seen.length;
    const r = await withAuth("sites", "update", "site_01", "--inference", "yes");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--inference takes on or off/);
    expect(seen).toHaveLength(before);
  });
});
