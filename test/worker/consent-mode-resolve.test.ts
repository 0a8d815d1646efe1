/**
 * The effective consent (worker/read-model/ad-consent.ts): per type, the click's state, else the
 * destination's default, else the site's; the stored click consent read leniently; which kinds
 * are ad platforms (worker/forward/formats.ts).
 */
import { describe, expect, it } from "vitest";
import { DESTINATION_KINDS } from "../../worker/db/schema";
import { consentBeacon } from "../../worker/db/schema/clicks";
import { AD_PLATFORM, consentSkipReason } from "../../worker/forward/formats";
import {
  AD_USER_DATA_DENIED,
  adUserDataSkip,
  resolveAdConsent,
} from "../../worker/read-model/ad-consent";

describe("resolveAdConsent: click, then destination, then site", () => {
  it("a type the click set is the click's, whatever the defaults say", () => {
    const c = resolveAdConsent({ ad_user_data: "granted" }, "denied", "denied");
    expect(c.ad_user_data).toEqual({ state: "granted", source: "click" });
    expect(c.ad_personalization).toEqual({ state: "denied", source: "destination" });
  });

  it("without the click's state: the destination's default, else the site's", () => {
    expect(resolveAdConsent(null, "denied", "granted").ad_user_data).toEqual({
      state: "denied",
      source: "destination",
    });
    expect(resolveAdConsent({}, null, "denied").ad_user_data).toEqual({
      state: "denied",
      source: "site",
    });
    expect(resolveAdConsent(undefined, undefined, "granted")).toEqual({
      ad_storage: { state: "granted", source: "site" },
      analytics_storage: { state: "granted", source: "site" },
      ad_user_data: { state: "granted", source: "site" },
      ad_personalization: { state: "granted", source: "site" },
    });
  });

  it("the skip reason follows ad_user_data only", () => {
    expect(adUserDataSkip(resolveAdConsent({ ad_user_data: "denied" }, null, "granted"))).toBe(
      AD_USER_DATA_DENIED,
    );
    expect(
      adUserDataSkip(resolveAdConsent({ ad_personalization: "denied" }, null, "granted")),
    ).toBeNull();
  });
});

describe("a stored click consent, read leniently", () => {
  it("keeps the four types with granted / denied and drops the rest", () => {
    expect(
      consentBeacon({ ad_user_data: "denied", ad_storage: "GRANTED", other: "granted" }),
    ).toEqual({ ad_user_data: "denied" });
    for (const junk of [null, undefined, "denied", ["granted"], {}, { ad_user_data: 1 }])
      expect(consentBeacon(junk), JSON.stringify(junk)).toBeNull();
  });
});

describe("which kinds are ad platforms", () => {
  it("every kind receiving ad identifiers is one; GA4 and webhooks are not", () => {
    expect(Object.keys(AD_PLATFORM).sort()).toEqual([...DESTINATION_KINDS].sort());
    const ad = DESTINATION_KINDS.filter((k) => AD_PLATFORM[k]).sort();
    expect(ad).toEqual(
      ["google_ads", "meta_capi", "microsoft_ads", "tiktok", "yandex_metrica"].sort(),
    );
    const denied = resolveAdConsent({ ad_user_data: "denied" }, null, "granted");
    for (const kind of DESTINATION_KINDS)
      expect(consentSkipReason(kind, denied), kind).toBe(
        AD_PLATFORM[kind] ? AD_USER_DATA_DENIED : null,
      );
  });
});
