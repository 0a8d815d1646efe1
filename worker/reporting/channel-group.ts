/**
 * GA4's default channel grouping, applied to a chatref touch, so reports read like the marketer's
 * GA4 ("Paid Search", "Organic Social", …). The rules, their order and their regexes are Google's
 * ("[GA4] Default channel group", support.google.com/analytics/answer/9756891), as dbt-ga4's
 * macros/default_channel_grouping.sql also encodes them: the first matching rule wins, values are
 * compared case-insensitively, and "source matches a list of … sites" is an exact match against
 * Google's published source-category list (ga4-source-category.ts). The channel names are GA4's
 * own dimension values (stored on clicks and in the rollup), the same in every interface language.
 */
import type { Touch } from "../../widget/protocol/click-beacon";
import { type SourceCategory, sourceCategory } from "./ga4-source-category";
import { sourceMedium } from "./ga4-source-medium";

export { type SourceMedium, sourceMedium } from "./ga4-source-medium";

export const CHANNEL_GROUPS = [
  "Direct",
  "Cross-network",
  "Paid Shopping",
  "Paid Search",
  "Paid Social",
  "Paid Video",
  "Display",
  "Paid Other",
  "Organic Shopping",
  "Organic Social",
  "Organic Video",
  "Organic Search",
  "Referral",
  "Email",
  "Affiliates",
  "Audio",
  "SMS",
  "Mobile Push Notifications",
  "Unassigned",
] as const;
export type ChannelGroup = (typeof CHANNEL_GROUPS)[number];

/** "Medium matches regex ^(.*cp.*|ppc|retargeting|paid.*)$" — every Paid rule. */
const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*)$/;
/** "Campaign Name matches regex ^(.*(([^a-df-z]|^)shop|shopping).*)$" — Shopping. */
const SHOP_CAMPAIGN = /^(.*(([^a-df-z]|^)shop|shopping).*)$/;
/** Display: "Medium is one of ("display", "banner", "expandable", "interstitial", "cpm")". */
const DISPLAY_MEDIUM = new Set(["display", "banner", "expandable", "interstitial", "cpm"]);
/** Organic Social: "Medium is one of ("social", "social-network", "social-media", "sm", …)". */
const SOCIAL_MEDIUM = new Set([
  "social",
  "social-network",
  "social-media",
  "sm",
  "social network",
  "social media",
]);
/** Referral: "Medium is one of ("referral", "app", or "link")". */
const REFERRAL_MEDIUM = new Set(["referral", "app", "link"]);
/** Email: "Source = email|e-mail|e_mail|e mail OR Medium = email|e-mail|e_mail|e mail". */
const EMAIL = new Set(["email", "e-mail", "e_mail", "e mail"]);

/** GA4's channel for a source / medium / campaign triple (as GA4 would see the session's). */
export function channelGroup(sourceIn: string, mediumIn: string, campaignIn = ""): ChannelGroup {
  const source = sourceIn.trim().toLowerCase();
  const medium = mediumIn.trim().toLowerCase();
  const campaign = campaignIn.trim().toLowerCase();
  const category: SourceCategory | undefined = source ? sourceCategory(source) : undefined;
  const paid = PAID_MEDIUM.test(medium);
  const shopping = category === "shopping" || SHOP_CAMPAIGN.test(campaign);
  // Direct: Source exactly matches "(direct)" AND Medium is one of ("(not set)", "(none)").
  if (source === "(direct)" && (medium === "(none)" || medium === "(not set)")) return "Direct";
  // Cross-network: Campaign Name contains "cross-network".
  if (campaign.includes("cross-network")) return "Cross-network";
  // Paid Shopping: (shopping site OR shop campaign) AND paid medium.
  if (shopping && paid) return "Paid Shopping";
  // Paid Search / Social / Video: a site of the category AND paid medium.
  if (paid && category === "search") return "Paid Search";
  if (paid && category === "social") return "Paid Social";
  if (paid && category === "video") return "Paid Video";
  if (DISPLAY_MEDIUM.has(medium)) return "Display";
  // Paid Other: paid medium alone.
  if (paid) return "Paid Other";
  // Organic Shopping: shopping site OR shop campaign.
  if (shopping) return "Organic Shopping";
  // Organic Social: social site OR a social medium.
  if (category === "social" || SOCIAL_MEDIUM.has(medium)) return "Organic Social";
  // Organic Video: video site OR "Medium matches regex ^(.*video.*)$".
  if (category === "video" || medium.includes("video")) return "Organic Video";
  // Organic Search: search site OR "Medium exactly matches organic".
  if (category === "search" || medium === "organic") return "Organic Search";
  if (REFERRAL_MEDIUM.has(medium)) return "Referral";
  if (EMAIL.has(source) || EMAIL.has(medium)) return "Email";
  // Affiliates: Medium = affiliate. Audio: Medium exactly matches audio.
  if (medium === "affiliate") return "Affiliates";
  if (medium === "audio") return "Audio";
  // SMS: Source exactly matches sms OR Medium exactly matches sms.
  if (source === "sms" || medium === "sms") return "SMS";
  // Mobile Push Notifications: Medium ends with "push" OR contains "mobile" or "notification"
  // OR Source exactly matches "firebase".
  if (
    medium.endsWith("push") ||
    medium.includes("mobile") ||
    medium.includes("notification") ||
    source === "firebase"
  ) {
    return "Mobile Push Notifications";
  }
  // Unassigned: no rule matched.
  return "Unassigned";
}

/** The channel group of a touch. */
export function touchChannel(touch: Touch): ChannelGroup {
  const { source, medium } = sourceMedium(touch);
  return channelGroup(source, medium, touch.utm_campaign ?? "");
}
