/**
 * GA4's default channel group against material Google and others published, not our own cases:
 * every source of Google's source-category list, and dbt-ga4's rule-by-rule test table.
 */
import { describe, expect, it } from "vitest";
import { type ChannelGroup, channelGroup } from "../../worker/reporting/channel-group";
import {
  SEARCH_SOURCES,
  SHOPPING_SOURCES,
  SOCIAL_SOURCES,
  SOURCE_COUNT,
  VIDEO_SOURCES,
} from "../../worker/reporting/ga4-source-categories";
import { sourceCategory } from "../../worker/reporting/ga4-source-category";
import { DBT_GA4_CASES, expectChannel } from "./channel-cases";

/**
 * Per category, the channel Google's rules give a listed source with an unpaid medium and with a
 * paid one ("[GA4] Default channel group": Paid Shopping/Search/Social/Video need the site list
 * AND a medium matching ^(.*cp.*|ppc|retargeting|paid.*)$; Organic Shopping/Social/Video/Search
 * need the site list alone and come before Referral).
 */
const EXPECTED: [string, string, ChannelGroup, ChannelGroup][] = [
  ["SEARCH", SEARCH_SOURCES, "Organic Search", "Paid Search"],
  ["SOCIAL", SOCIAL_SOURCES, "Organic Social", "Paid Social"],
  ["VIDEO", VIDEO_SOURCES, "Organic Video", "Paid Video"],
  ["SHOPPING", SHOPPING_SOURCES, "Organic Shopping", "Paid Shopping"],
];

describe("Google's published source-category list", () => {
  it("is the whole list: 819 sources, 131 search, 590 social, 46 video, 52 shopping", () => {
    const counts = EXPECTED.map(([, list]) => list.split("|").length);
    expect(counts).toEqual([131, 590, 46, 52]);
    expect(SOURCE_COUNT).toBe(819);
    expect(counts.reduce((a, b) => a + b)).toBe(SOURCE_COUNT);
  });

  for (const [category, list, organic, paid] of EXPECTED) {
    it(`classifies every ${category} source as GA4 does, organic and paid`, () => {
      const wrong: string[] = [];
      for (const source of list.split("|")) {
        for (const [medium, expected] of [
          ["organic", organic],
          ["referral", organic],
          ["cpc", paid],
          ["paid_social", paid],
        ] as const) {
          const got = channelGroup(source, medium);
          if (got !== expected) wrong.push(`${source} / ${medium} → ${got}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it("matches whole sources, case-insensitively, never a part of one", () => {
    expect(sourceCategory("Google Shopping")).toBe("shopping");
    expect(sourceCategory("google shopping")).toBe("shopping");
    expect(sourceCategory("IGSHOPPING")).toBe("shopping");
    // A substring of a search engine's name is no match: GA4 lists the shopping host itself.
    expect(channelGroup("shopping.naver.com", "referral")).toBe("Organic Shopping");
    expect(channelGroup("news.ycombinator.com", "referral")).toBe("Organic Social");
    expect(channelGroup("search.ukr.net", "referral")).toBe("Organic Search");
    expect(channelGroup("google-play", "referral")).toBe("Organic Search");
    // Unlisted forms are not the listed site: GA4 compares the source as it is.
    expect(sourceCategory("www.google.co.uk")).toBeUndefined();
    expect(sourceCategory("oogle")).toBeUndefined();
    expect(channelGroup("notgoogle.com", "referral")).toBe("Referral");
  });
});

describe("dbt-ga4's default channel grouping cases", () => {
  it("holds all 30", () => expect(DBT_GA4_CASES).toHaveLength(30));

  it.each(DBT_GA4_CASES)("%j / %j (campaign %j) → %s", expectChannel);

  it("the one exception turns Paid Shopping with a paid medium, as GA4 documents", () => {
    expect(channelGroup("alibaba", "cpc")).toBe("Paid Shopping");
    expect(channelGroup("alibaba", "paid")).toBe("Paid Shopping");
  });
});

describe("GA4's rule order decides between rules that both match", () => {
  it.each([
    // Cross-network wins over a paid shopping site.
    ["amazon", "cpc", "pmax-cross-network", "Cross-network"],
    // A shop campaign on a search engine with a paid medium is Paid Shopping, not Paid Search.
    ["google", "cpc", "shop-sale", "Paid Shopping"],
    // Display media are checked after the paid site rules: a search site with cpm is Paid Search.
    ["google", "cpm", "", "Paid Search"],
    ["weather-site", "cpm", "", "Display"],
    // A social site with a video medium is Organic Social (Organic Social precedes Organic Video).
    ["facebook", "video", "", "Organic Social"],
    // A video site with medium organic is Organic Video (before Organic Search).
    ["youtube", "organic", "", "Organic Video"],
    // Referral comes before Email: a listed-nowhere source with medium referral.
    ["email", "referral", "", "Referral"],
    // The shop pattern skips words where "shop" follows a-d or f-z: "workshop" is no shop.
    ["blog", "referral", "workshop", "Referral"],
    ["blog", "referral", "e-shop", "Organic Shopping"],
  ] as const)("%s / %s (%s) → %s", expectChannel);
});
