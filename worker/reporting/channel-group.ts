/**
 * GA4's default channel grouping, applied to a chatref touch, so reports read like the
 * marketer's GA4 ("Paid Search", "Organic Social", …). Rules and their order follow Google's
 * published definitions ("[GA4] Default channel group", support.google.com/analytics/answer/9756891):
 * the first matching rule wins, matching is case-insensitive. Google's internal source lists are
 * not published in full; the lists below hold the major sites of each category.
 */
import type { Touch } from "../../widget/protocol/click-beacon";

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

const SEARCH = new Set(
  "google bing yahoo baidu yandex ya duckduckgo ecosia naver ask aol seznam sogou so 360 daum qwant startpage brave msn coccoc rambler onet dogpile search.yahoo go.mail search.mail yahoo.co.jp petalsearch".split(
    " ",
  ),
);
const SOCIAL = new Set(
  "facebook fb instagram ig linkedin lnkd twitter t x pinterest reddit vk vkontakte ok odnoklassniki weibo wechat snapchat threads quora tumblr line telegram whatsapp messenger tiktok douyin xiaohongshu discord mastodon bsky".split(
    " ",
  ),
);
const VIDEO = new Set(
  "youtube youtu vimeo twitch dailymotion wistia rutube bilibili iqiyi youku netflix".split(" "),
);
const SHOPPING = new Set(
  "amazon ebay etsy shopify walmart aliexpress alibaba mercadolibre mercadolivre shopping igshopping rakuten taobao tmall jd flipkart ozon wildberries target shopee lazada".split(
    " ",
  ),
);

const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*)$/;
const SHOP_CAMPAIGN = /^(.*(([^a-df-z]|^)shop|shopping).*)$/;
const SOCIAL_MEDIUM = new Set([
  "social",
  "social-network",
  "social-media",
  "sm",
  "social network",
  "social media",
]);
const EMAIL = new Set(["email", "e-mail", "e_mail", "e mail"]);

/**
 * The site name of a source: `l.facebook.com` → `facebook`, `www.google.co.uk` → `google`,
 * `youtu.be` → `youtu`, `search.yahoo.com` stays `search.yahoo`. Plain names pass through.
 */
function siteName(source: string): string {
  const host = source.replace(/^[a-z]+:\/\//, "").split(/[/:?#]/)[0] ?? "";
  const labels = host.replace(/^(www|m|l|lm|mobile|web|out)\./, "").split(".");
  if (labels.length <= 1) return host;
  // Drop the public suffix: one label (.com), or two for country forms (.co.uk, .com.br).
  const two =
    labels.length > 2 && /^(co|com|net|org|gov|ac|ne|or)$/.test(labels[labels.length - 2] ?? "");
  const name = labels.slice(0, labels.length - (two ? 2 : 1));
  const joined = name.join(".");
  return SEARCH.has(joined) || SOCIAL.has(joined) ? joined : (name.at(-1) ?? host);
}

const isIn = (list: Set<string>, source: string) =>
  source !== "" && (list.has(source) || list.has(siteName(source)));

/** GA4's channel for a source / medium / campaign triple (as GA4 would see the session's). */
export function channelGroup(sourceIn: string, mediumIn: string, campaignIn = ""): ChannelGroup {
  const source = sourceIn.trim().toLowerCase();
  const medium = mediumIn.trim().toLowerCase();
  const campaign = campaignIn.trim().toLowerCase();
  const paid = PAID_MEDIUM.test(medium);
  const shopping = isIn(SHOPPING, source) || SHOP_CAMPAIGN.test(campaign);
  if (source === "(direct)" && (medium === "(none)" || medium === "(not set)")) return "Direct";
  if (campaign.includes("cross-network")) return "Cross-network";
  if (shopping && paid) return "Paid Shopping";
  if (isIn(SEARCH, source) && paid) return "Paid Search";
  if (isIn(SOCIAL, source) && paid) return "Paid Social";
  if (isIn(VIDEO, source) && paid) return "Paid Video";
  if (["display", "banner", "expandable", "interstitial", "cpm"].includes(medium)) return "Display";
  if (paid) return "Paid Other";
  if (shopping) return "Organic Shopping";
  if (isIn(SOCIAL, source) || SOCIAL_MEDIUM.has(medium)) return "Organic Social";
  if (isIn(VIDEO, source) || /video/.test(medium)) return "Organic Video";
  if (isIn(SEARCH, source) || medium === "organic") return "Organic Search";
  if (["referral", "app", "link"].includes(medium)) return "Referral";
  if (EMAIL.has(source) || EMAIL.has(medium)) return "Email";
  if (medium === "affiliate") return "Affiliates";
  if (medium === "audio") return "Audio";
  if (source === "sms" || medium === "sms") return "SMS";
  if (
    medium.endsWith("push") ||
    medium.includes("mobile") ||
    medium.includes("notification") ||
    source === "firebase"
  ) {
    return "Mobile Push Notifications";
  }
  return "Unassigned";
}

/** Source and medium of a touch the way GA4 derives them for a session. */
export interface SourceMedium {
  source: string;
  medium: string;
}

/** Auto-tagging click ids and the source / medium GA4 (or the ad platform's own tagging) implies. */
const CLICK_IDS: [keyof Touch, string][] = [
  ["gclid", "google"],
  ["gbraid", "google"],
  ["wbraid", "google"],
  ["msclkid", "bing"],
  ["yclid", "yandex"],
  ["ttclid", "tiktok"],
];

/**
 * UTM tags first; else an ad click id (gclid → google / cpc, …); else the referrer (a search
 * engine → organic, anything else → referral, by its host); else (direct) / (none).
 */
export function sourceMedium(touch: Touch): SourceMedium {
  if (touch.utm_source || touch.utm_medium) {
    return { source: touch.utm_source || "(not set)", medium: touch.utm_medium || "(not set)" };
  }
  for (const [field, source] of CLICK_IDS) if (touch[field]) return { source, medium: "cpc" };
  if (touch.referrer) {
    let host = "";
    try {
      host = new URL(touch.referrer).hostname.toLowerCase().replace(/^www\./, "");
    } catch {
      host = "";
    }
    if (host) return { source: host, medium: isIn(SEARCH, host) ? "organic" : "referral" };
  }
  return { source: "(direct)", medium: "(none)" };
}

/** The channel group of a touch. */
export function touchChannel(touch: Touch): ChannelGroup {
  const { source, medium } = sourceMedium(touch);
  return channelGroup(source, medium, touch.utm_campaign ?? "");
}
