import { describe, expect, it } from "vitest";
import { channelGroup } from "../../worker/reporting/channel-group";
import { expectChannel, expectTouchSource, GA4_RULE_CASES, TOUCH_CASES } from "./channel-cases";

describe("GA4 default channel grouping", () => {
  it.each(GA4_RULE_CASES)("%s / %s (campaign %j) → %s", expectChannel);

  it("is case-insensitive, as GA4 is", () => {
    expect(channelGroup("Google", "CPC")).toBe("Paid Search");
    expect(channelGroup("FaceBook", "Social")).toBe("Organic Social");
  });
});

describe("source / medium of a touch", () => {
  it.each(TOUCH_CASES)("%j → %s / %s → %s", expectTouchSource);
});
