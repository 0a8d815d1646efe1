/** `npx chatref sites create|update --consent-default`: sent as the site's consent_default, checked first. */
import { describe, expect, it } from "vitest";
import { createSiteCli, NEW_KEY, respondWith, SITE, seen, useStubApi, withAuth } from "./cli-stub";

useStubApi();

describe("chatref CLI: --consent-default", () => {
  it("sites update and create send it; the site shows it", async () => {
    respondWith(() => ({ status: 200, body: { ...SITE, consent_default: "denied" } }));
    const r = await withAuth("sites", "update", "site_01", "--consent-default", "denied");
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({
      method: "PATCH",
      url: "/api/v1/sites/site_01",
      body: { consent_default: "denied" },
    });
    expect(r.stdout).toContain("consent default  denied");
    respondWith(() => ({ status: 201, body: { ...SITE, api_key: NEW_KEY } }));
    const created = await createSiteCli("--consent-default", "denied");
    expect(created.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: "POST", body: { consent_default: "denied" } });
  });

  it("anything but granted or denied is a usage error, nothing sent", async () => {
    const before = seen.length;
    const r = await withAuth("sites", "update", "site_01", "--consent-default", "DENIED");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--consent-default takes granted or denied/);
    expect(seen).toHaveLength(before);
  });
});
