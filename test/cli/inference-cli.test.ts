/** `npx chatref sites create|update --inference on|off`: sent as the site's inference, checked first. */
import { describe, expect, it } from "vitest";
import { createSiteWith, expectUsageError, updateSiteWith, useStubApi } from "./cli-stub";

useStubApi();

describe("chatref CLI: --inference", () => {
  it("sites update sends it; the site shows it", async () => {
    const r = await updateSiteWith({ inference: "off" }, "--inference", "off");
    expect(r.stdout).toMatch(/inference +off/);
  });

  it("sites create sends it", async () => {
    await createSiteWith({ inference: "off" }, "--inference", "off");
  });

  it("anything but on or off is a usage error, nothing sent", async () => {
    await expectUsageError(/--inference takes on or off/, "--inference", "yes");
  });
});
