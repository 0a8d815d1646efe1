/**
 * Source / medium / channel of the referrers chatref's users see most, as GA4 reports them:
 * search engines by GA's engine name with medium organic, every other site by host with medium
 * referral, its channel from Google's source list (so a host Google does not list is Referral).
 */
import { describe, expect, it } from "vitest";
import type { Touch } from "../../widget/protocol/click-beacon";
import { clickDimensions } from "../../worker/reporting/click-dimensions";
import { searchEngineName, sourceMedium } from "../../worker/reporting/ga4-source-medium";
import { expectTouchSource, REFERRERS } from "./channel-cases";

describe("the referrer, as GA4 reports it", () => {
  it.each(REFERRERS)("%s → %s / %s → %s", (referrer, source, medium, channel) =>
    expectTouchSource({ referrer }, source, medium, channel),
  );

  it("names only an engine's result hosts, never a look-alike", () => {
    expect(searchEngineName("google.evil.example")).toBeUndefined();
    expect(searchEngineName("notgoogle.com")).toBeUndefined();
    expect(searchEngineName("mail.google.com")).toBeUndefined();
    expect(searchEngineName("yandex.ru.example")).toBeUndefined();
    expect(sourceMedium({ referrer: "https://google.evil.example/" })).toEqual({
      source: "google.evil.example",
      medium: "referral",
    });
  });
});

describe("tags and click ids come before the referrer", () => {
  it.each([
    [{ utm_source: "google", utm_medium: "cpc" }, "google", "cpc", "Paid Search"],
    [{ utm_source: "yandex.ru", utm_medium: "cpc" }, "yandex.ru", "cpc", "Paid Search"],
    [{ utm_medium: "email" }, "(not set)", "email", "Email"],
    [{ gclid: "Cj0", referrer: "https://www.google.com/" }, "google", "cpc", "Paid Search"],
    [{ gbraid: "x", referrer: "https://yandex.ru/" }, "google", "cpc", "Paid Search"],
    [{ yclid: "1", referrer: "https://ya.ru/" }, "yandex", "cpc", "Paid Search"],
    [
      { fbclid: "IwAR", referrer: "https://l.facebook.com/" },
      "l.facebook.com",
      "referral",
      "Organic Social",
    ],
    [{}, "(direct)", "(none)", "Direct"],
  ] as [Touch, string, string, string][])("%j → %s / %s → %s", expectTouchSource);

  it("a click's stored dimensions are the same derivation", () => {
    expect(
      clickDimensions(
        { referrer: "https://yandex.ru/", utm_campaign: "spring" },
        "https://shop.test/a?x=1",
      ),
    ).toEqual({
      source: "yandex",
      medium: "organic",
      channel: "Organic Search",
      landingPage: "shop.test/a",
    });
  });
});
