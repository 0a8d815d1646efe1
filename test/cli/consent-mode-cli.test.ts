/** `npx chatref sites create|update --consent-default`: sent as the site's consent_default, checked first. */
import { describe, expect, it } from "vitest";
import { createSiteWith, expectUsageError, updateSiteWith, useStubApi } from "./cli-stub";

useStubApi();

describe("chatref CLI: --consent-default", () => {
  it("sites update and create send it; the site shows it", async () => {
    const r = await updateSiteWith({ consent_default: "denied" }, "--consent-default", "denied");
    expect(r.stdout).toContain("consent default  denied");
    await createSiteWith({ consent_default: "denied" }, "--consent-default", "denied");
  });

  it("anything but granted or denied is a usage error, nothing sent", async () => {
    await expectUsageError(
      /--consent-default takes granted or denied/,
      "--consent-default",
      "DENIED",
    );
  });
});
