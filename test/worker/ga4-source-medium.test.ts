/**
 * Source / medium / channel of the referrers chatref's users see most, as GA4 reports them:
 * search engines by GA's engine name with medium organic, every other site by host with medium
 * referral, its channel from Google's source list (so a host Google does not list is Referral).
 */
import { describe, expect, it } from "vitest";
import type { Touch } from "../../widget/protocol/click-beacon";
import { touchChannel } from "../../worker/reporting/channel-group";
import { clickDimensions } from "../../worker/reporting/click-dimensions";
import { searchEngineName, sourceMedium } from "../../worker/reporting/ga4-source-medium";

/** [referrer, source, medium, channel]. */
const REFERRERS: [string, string, string, string][] = [
  ["https://www.google.com/", "google", "organic", "Organic Search"],
  ["https://www.google.co.uk/", "google", "organic", "Organic Search"],
  ["https://www.google.com.br/search?q=x", "google", "organic", "Organic Search"],
  ["https://google.de/", "google", "organic", "Organic Search"],
  ["android-app://com.google.android.googlequicksearchbox/", "google", "organic", "Organic Search"],
  ["https://yandex.ru/", "yandex", "organic", "Organic Search"],
  ["https://yandex.kz/search/?text=x", "yandex", "organic", "Organic Search"],
  ["https://ya.ru/", "yandex", "organic", "Organic Search"],
  ["https://www.bing.com/", "bing", "organic", "Organic Search"],
  ["https://cn.bing.com/", "bing", "organic", "Organic Search"],
  ["https://www.baidu.com/link?url=x", "baidu", "organic", "Organic Search"],
  ["https://m.baidu.com/", "baidu", "organic", "Organic Search"],
  ["https://search.naver.com/search.naver?query=x", "naver", "organic", "Organic Search"],
  ["https://m.search.naver.com/", "naver", "organic", "Organic Search"],
  ["https://duckduckgo.com/", "duckduckgo", "organic", "Organic Search"],
  ["https://search.seznam.cz/", "seznam", "organic", "Organic Search"],
  ["https://de.search.yahoo.com/", "yahoo", "organic", "Organic Search"],
  ["https://www.ecosia.org/", "ecosia.org", "organic", "Organic Search"],
  // An engine's other services are referrals by host; Google's list gives their channel.
  ["https://shopping.naver.com/", "shopping.naver.com", "referral", "Organic Shopping"],
  ["https://blog.naver.com/x", "blog.naver.com", "referral", "Organic Social"],
  ["https://mail.yandex.ru/", "mail.yandex.ru", "referral", "Organic Search"],
  ["https://news.google.com/", "news.google.com", "referral", "Organic Search"],
  ["https://vk.com/wall-1", "vk.com", "referral", "Organic Social"],
  ["https://away.vk.com/away.php?to=x", "away.vk.com", "referral", "Organic Social"],
  ["https://m.vk.com/", "m.vk.com", "referral", "Organic Social"],
  // Google lists odnoklassniki.ru, not ok.ru: GA4 reports OK's short domain as a Referral.
  ["https://ok.ru/", "ok.ru", "referral", "Referral"],
  ["https://odnoklassniki.ru/", "odnoklassniki.ru", "referral", "Organic Social"],
  ["https://t.me/channel/1", "t.me", "referral", "Organic Social"],
  // Telegram Web is not in Google's list.
  ["https://web.telegram.org/", "web.telegram.org", "referral", "Referral"],
  ["https://l.facebook.com/l.php?u=x", "l.facebook.com", "referral", "Organic Social"],
  ["https://lm.facebook.com/l.php?u=x", "lm.facebook.com", "referral", "Organic Social"],
  ["https://m.facebook.com/", "m.facebook.com", "referral", "Organic Social"],
  ["https://l.instagram.com/?u=x", "l.instagram.com", "referral", "Organic Social"],
  ["https://www.instagram.com/", "instagram.com", "referral", "Organic Social"],
  ["https://www.youtube.com/", "youtube.com", "referral", "Organic Video"],
  ["https://m.youtube.com/watch?v=x", "m.youtube.com", "referral", "Organic Video"],
  ["https://www.tiktok.com/@shop", "tiktok.com", "referral", "Organic Social"],
  ["https://news.ycombinator.com/item?id=1", "news.ycombinator.com", "referral", "Organic Social"],
  ["https://blog.example.org/post", "blog.example.org", "referral", "Referral"],
];

describe("the referrer, as GA4 reports it", () => {
  it.each(REFERRERS)("%s → %s / %s → %s", (referrer, source, medium, channel) => {
    expect(sourceMedium({ referrer })).toEqual({ source, medium });
    expect(touchChannel({ referrer })).toBe(channel);
  });

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
  ] as [Touch, string, string, string][])("%j → %s / %s → %s", (touch, source, medium, channel) => {
    expect(sourceMedium(touch)).toEqual({ source, medium });
    expect(touchChannel(touch)).toBe(channel);
  });

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
