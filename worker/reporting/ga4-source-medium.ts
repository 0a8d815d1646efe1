/**
 * Source and medium of a touch, named the way GA4 reports a session's ("[GA4] Traffic-source
 * dimensions, manual tagging, and auto-tagging", support.google.com/analytics/answer/11242870):
 * - manual tagging: utm_source / utm_medium as given, a missing half "(not set)";
 * - auto-tagging: a Google Ads click id (gclid, gbraid, wbraid) is `google / cpc`; other ad
 *   platforms' click ids are read the same way (msclkid → bing, yclid → yandex, ttclid → tiktok),
 *   which is what their own auto-tagging writes into utm_source / utm_medium;
 * - organic search: a referrer that is a known search engine is `<engine> / organic`, the engine
 *   by GA's name for it ("google", not "www.google.co.uk"; "[UA] About organic-search sources",
 *   support.google.com/analytics/answer/2795821, lists the engines and their names);
 * - referral: any other referrer is `<host> / referral` (without "www.");
 * - otherwise `(direct) / (none)`.
 * Imported by the dashboard too (its leads table), so it holds no large lists.
 */
import type { Touch } from "../../widget/protocol/click-beacon";

/** Source and medium of a touch the way GA4 derives them for a session. */
export interface SourceMedium {
  source: string;
  medium: string;
}

/** Auto-tagging click ids and the source each implies (medium cpc), in precedence order. */
const CLICK_IDS: [keyof Touch, string][] = [
  ["gclid", "google"],
  ["gbraid", "google"],
  ["wbraid", "google"],
  ["msclkid", "bing"],
  ["yclid", "yandex"],
  ["ttclid", "tiktok"],
];

/**
 * Search engines by referrer host (without "www."), with the source name GA reports for each.
 * Only result-page hosts: an engine's other services (mail.yandex.ru, news.google.com,
 * shopping.naver.com, blog.naver.com) are referrals by host, and Google's source list gives them
 * their channel. Ecosia is listed by Google under its domain, "ecosia.org", so it keeps it.
 */
const SEARCH_HOSTS = new Map<string, string>([
  // The Google app on Android sends android-app://com.google.android.googlequicksearchbox/.
  ["com.google.android.googlequicksearchbox", "google"],
  ["bing.com", "bing"],
  ["cn.bing.com", "bing"],
  ["search.yahoo.com", "yahoo"],
  ["search.yahoo.co.jp", "yahoo"],
  ["ya.ru", "yandex"],
  ["baidu.com", "baidu"],
  ["m.baidu.com", "baidu"],
  ["duckduckgo.com", "duckduckgo"],
  ["naver.com", "naver"],
  ["m.naver.com", "naver"],
  ["search.naver.com", "naver"],
  ["m.search.naver.com", "naver"],
  ["seznam.cz", "seznam"],
  ["search.seznam.cz", "seznam"],
  ["ecosia.org", "ecosia.org"],
  ["daum.net", "daum"],
  ["search.daum.net", "daum"],
  ["m.search.daum.net", "daum"],
  ["sogou.com", "sogou"],
  ["m.sogou.com", "sogou"],
  ["wap.sogou.com", "sogou"],
  ["qwant.com", "qwant"],
  ["lite.qwant.com", "qwant"],
  ["rambler.ru", "rambler"],
  ["nova.rambler.ru", "rambler"],
  ["go.mail.ru", "go.mail.ru"],
  ["search.aol.com", "aol"],
  ["ask.com", "ask"],
  ["onet.pl", "onet"],
  ["startsiden.no", "startsiden"],
]);

/** Google's and Yandex's result pages under any country domain: google.de, google.com.br, yandex.kz. */
const COUNTRY_ENGINE = /^(google|yandex)\.(?:[a-z]{2,3}|com?\.[a-z]{2})$/;
/** Yahoo's country result pages: de.search.yahoo.com. */
const YAHOO_COUNTRY = /^[a-z]{2,9}\.search\.yahoo\.com$/;

/** The GA source name of a search engine's result host (no "www."), or undefined. */
export function searchEngineName(host: string): string | undefined {
  const named = SEARCH_HOSTS.get(host);
  if (named) return named;
  const country = COUNTRY_ENGINE.exec(host);
  if (country) return country[1];
  return YAHOO_COUNTRY.test(host) ? "yahoo" : undefined;
}

/** Source / medium of a referrer URL: a search engine's name and organic, else host and referral. */
export function referrerSourceMedium(referrer: string): SourceMedium | undefined {
  let host = "";
  try {
    host = new URL(referrer).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return undefined;
  }
  if (!host) return undefined;
  const engine = searchEngineName(host);
  return engine ? { source: engine, medium: "organic" } : { source: host, medium: "referral" };
}

/** UTM tags first; else an ad click id; else the referrer; else (direct) / (none). */
export function sourceMedium(touch: Touch): SourceMedium {
  if (touch.utm_source || touch.utm_medium) {
    return { source: touch.utm_source || "(not set)", medium: touch.utm_medium || "(not set)" };
  }
  for (const [field, source] of CLICK_IDS) if (touch[field]) return { source, medium: "cpc" };
  return (
    (touch.referrer && referrerSourceMedium(touch.referrer)) || {
      source: "(direct)",
      medium: "(none)",
    }
  );
}
