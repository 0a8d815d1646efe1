/**
 * Touch capture by the built widget.js in Chromium: what is stored at load (and that nothing
 * goes over the network), the first/last rule across navigation, cookies, bounds, expiry, and
 * storage failures.
 */
import { describe, expect, test } from "vitest";
import { type Touch, touchFieldMax, URL_MAX } from "../../widget/protocol/click-beacon";
import {
  openChatFrom,
  SHOP,
  shopPage,
  useVisits,
  type Visit,
  waitForBeacons,
  widgetReady,
} from "./harness";

const UTM = "?utm_source=google&utm_medium=cpc&utm_campaign=spring-sale&gclid=TEST123";
const pages = {
  "/": shopPage({ body: '<a id="about" href="/about">About us</a>' }),
  "/about": shopPage({ body: "<p>About</p>" }),
  "/blank": "<!doctype html><title>blank</title>",
};

async function stored(v: Visit): Promise<{ first?: Touch; last?: Touch }> {
  return JSON.parse((await v.page.evaluate(() => localStorage.getItem("chatref:touch"))) ?? "{}");
}

const visitPages = useVisits();
const withVisit = (fn: (v: Visit) => Promise<void>, routes: Record<string, string> = pages) =>
  visitPages(routes, fn);

describe("touch capture", () => {
  test("records UTM, click id and external referrer at load, with no network request", () =>
    withVisit(async (v) => {
      await v.page.goto(`${SHOP}/${UTM}`, { referer: "https://www.google.com/" });
      await widgetReady(v.page);
      await v.page.waitForTimeout(300);
      expect(v.requests).toEqual([`GET ${SHOP}/${UTM}`, `GET ${SHOP}/widget.js`]);
      const { first, last } = await stored(v);
      expect(last).toMatchObject({
        utm_source: "google",
        utm_medium: "cpc",
        utm_campaign: "spring-sale",
        gclid: "TEST123",
        referrer: "https://www.google.com/",
        landing_url: `${SHOP}/${UTM}`,
      });
      expect(typeof last?.at).toBe("number");
      expect(first).toEqual(last);
      expect(v.pageErrors).toEqual([]);
    }));

  test("keeps the landing touch across an internal navigation without UTM", () =>
    withVisit(async (v) => {
      await v.page.goto(`${SHOP}/${UTM}`);
      await widgetReady(v.page);
      await v.page.click("#about");
      await v.page.waitForURL(`${SHOP}/about`);
      await widgetReady(v.page);
      const { last } = await stored(v);
      expect(last?.utm_campaign).toBe("spring-sale");
      expect(last?.landing_url).toBe(`${SHOP}/${UTM}`);
      expect(last?.referrer).toBeUndefined();

      const chat = await openChatFrom(v, "chatref-button[floating]");
      const [beacon] = await waitForBeacons(v, 1);
      expect(chat.hostname).toBe("wa.me");
      expect(beacon?.page_url).toBe(`${SHOP}/about`);
      expect(beacon?.touch).toMatchObject({
        utm_source: "google",
        gclid: "TEST123",
        landing_url: `${SHOP}/${UTM}`,
      });
      expect(beacon?.first_touch).toBeUndefined();
    }));

  test("a direct first visit is recorded; a later campaign becomes last and first is kept", () =>
    withVisit(async (v) => {
      await v.page.goto(`${SHOP}/about`);
      await widgetReady(v.page);
      const direct = await stored(v);
      expect(direct.last).toMatchObject({ landing_url: `${SHOP}/about` });
      expect(direct.last?.utm_source).toBeUndefined();

      await v.page.goto(`${SHOP}/?utm_source=newsletter&utm_medium=email&utm_campaign=june`);
      await widgetReady(v.page);
      const both = await stored(v);
      expect(both.first).toEqual(direct.first);
      expect(both.last).toMatchObject({ utm_source: "newsletter", utm_campaign: "june" });

      await openChatFrom(v, "chatref-button[floating]");
      const [beacon] = await waitForBeacons(v, 1);
      expect(beacon?.touch.utm_campaign).toBe("june");
      expect(beacon?.first_touch).toMatchObject({ landing_url: `${SHOP}/about` });
      expect(beacon?.first_touch?.utm_source).toBeUndefined();
    }));

  test("an internal referrer is not a new touch; an external one is", () =>
    withVisit(async (v) => {
      await v.page.goto(`${SHOP}/${UTM}`);
      await widgetReady(v.page);
      await v.page.goto(`${SHOP}/about`, { referer: `${SHOP}/` });
      await widgetReady(v.page);
      expect((await stored(v)).last?.utm_campaign).toBe("spring-sale");
      await v.page.goto(`${SHOP}/about`, { referer: "https://news.example.org/article" });
      await widgetReady(v.page);
      const { first, last } = await stored(v);
      expect(last).toMatchObject({
        referrer: "https://news.example.org/article",
        landing_url: `${SHOP}/about`,
      });
      expect(last?.utm_campaign).toBeUndefined();
      expect(first?.utm_campaign).toBe("spring-sale");
    }));

  test("_ga, _fbp and _fbc cookies become ids, and are read again at click time", () =>
    withVisit(async (v) => {
      await v.context.addCookies([
        { name: "_ga", value: "GA1.1.123456789.1700000000", url: SHOP },
        { name: "_fbp", value: "fb.1.1700000000000.987654321", url: SHOP },
      ]);
      await v.page.goto(`${SHOP}/${UTM}`);
      await widgetReady(v.page);
      expect((await stored(v)).last).toMatchObject({
        ga_client_id: "123456789.1700000000",
        fbp: "fb.1.1700000000000.987654321",
      });
      // gtag rotates/sets cookies after load: the beacon must carry the current values.
      await v.context.addCookies([
        { name: "_ga", value: "GA1.2.555.1800000000", url: SHOP },
        { name: "_fbc", value: "fb.1.1800000000000.AbCdEf", url: SHOP },
      ]);
      await openChatFrom(v, "chatref-button[floating]");
      const [beacon] = await waitForBeacons(v, 1);
      expect(beacon?.touch).toMatchObject({
        ga_client_id: "555.1800000000",
        fbp: "fb.1.1700000000000.987654321",
        fbc: "fb.1.1800000000000.AbCdEf",
      });
    }));

  test("GA4 session cookies (GS1 and GS2 formats) go in the beacon's ga_sessions, read at click time", () =>
    withVisit(async (v) => {
      await v.page.goto(`${SHOP}/${UTM}`);
      await widgetReady(v.page);
      // gtag sets the _ga_<STREAM> cookies after load; malformed ones are left out.
      await v.context.addCookies([
        { name: "_ga", value: "GA1.1.123456789.1700000000", url: SHOP },
        { name: "_ga_ABC123", value: "GS1.1.1732000000.5.1.1732000100.0.0.0", url: SHOP },
        { name: "_ga_XYZ789", value: "GS2.1.s1732000500$o5$g1$t1732000600$j0$l0$h0", url: SHOP },
        { name: "_ga_lower", value: "GS1.1.1732000000.1.1.1732000000.0.0.0", url: SHOP },
        { name: "_ga_BAD1", value: "GS2.1.o5$g1$t1732000600", url: SHOP },
      ]);
      await openChatFrom(v, "chatref-button[floating]");
      const [beacon] = await waitForBeacons(v, 1);
      expect(beacon?.ga_sessions).toEqual({ ABC123: "1732000000", XYZ789: "1732000500" });
      expect(beacon?.touch.ga_client_id).toBe("123456789.1700000000");
      // Sent with the click only, never stored with the touch.
      expect(JSON.stringify(await stored(v))).not.toContain("ga_sessions");
    }));

  test("no _ga_ cookies: no ga_sessions; more than 4: the first 4 only", () =>
    withVisit(async (v) => {
      await v.page.goto(`${SHOP}/${UTM}`);
      await widgetReady(v.page);
      await openChatFrom(v, "chatref-button[floating]");
      const [none] = await waitForBeacons(v, 1);
      expect(none).not.toHaveProperty("ga_sessions");
      await v.context.addCookies(
        ["S1", "S2", "S3", "S4", "S5"].map((stream, i) => ({
          name: `_ga_${stream}`,
          value: `GS2.1.s173200000${i}$o1$g0$t1732000000$j0$l0$h0`,
          url: SHOP,
        })),
      );
      await v.page.reload();
      await widgetReady(v.page);
      await openChatFrom(v, "chatref-button[floating]");
      const [, five] = await waitForBeacons(v, 2);
      expect(Object.keys(five?.ga_sessions ?? {})).toHaveLength(4);
    }));

  test("fbclid without a _fbc cookie builds fbc and keeps the fbclid's case", () =>
    withVisit(async (v) => {
      const before = Date.now();
      await v.page.goto(`${SHOP}/?fbclid=IwAR3xYzAbC_dEf`);
      await widgetReady(v.page);
      const { last } = await stored(v);
      expect(last?.fbclid).toBe("IwAR3xYzAbC_dEf");
      const match = /^fb\.1\.(\d+)\.IwAR3xYzAbC_dEf$/.exec(last?.fbc ?? "");
      expect(match).not.toBeNull();
      expect(Number(match?.[1])).toBeGreaterThanOrEqual(before - 1000);
    }));

  test("bounds every field with touchFieldMax (truncates, does not drop)", () =>
    withVisit(async (v) => {
      const long = "x".repeat(3000);
      await v.page.goto(`${SHOP}/?utm_source=google&utm_content=${long}`);
      await widgetReady(v.page);
      const { last } = await stored(v);
      expect(last?.utm_content).toBe("x".repeat(touchFieldMax("utm_content")));
      expect(last?.landing_url?.length).toBe(URL_MAX);
      expect(last?.utm_source).toBe("google");
    }));

  test("forgets touches older than 90 days", () =>
    withVisit(async (v) => {
      await v.page.goto(`${SHOP}/blank`);
      const old = Date.now() - 91 * 24 * 60 * 60 * 1000;
      await v.page.evaluate((at) => {
        const touch = { utm_source: "old", landing_url: "https://shop.test/?utm_source=old", at };
        localStorage.setItem("chatref:touch", JSON.stringify({ first: touch, last: touch }));
      }, old);
      await v.page.goto(`${SHOP}/about`);
      await widgetReady(v.page);
      const { first, last } = await stored(v);
      expect(first?.utm_source).toBeUndefined();
      expect(last?.landing_url).toBe(`${SHOP}/about`);
    }));

  test("falls back to memory when localStorage throws, and still attributes the click", () =>
    withVisit(async (v) => {
      await v.page.addInitScript(() => {
        Object.defineProperty(window, "localStorage", {
          get() {
            throw new DOMException("storage disabled", "SecurityError");
          },
        });
      });
      await v.page.goto(`${SHOP}/${UTM}`);
      await widgetReady(v.page);
      await openChatFrom(v, "chatref-button[floating]");
      const [beacon] = await waitForBeacons(v, 1);
      expect(beacon?.touch).toMatchObject({ utm_campaign: "spring-sale", gclid: "TEST123" });
      expect(v.pageErrors).toEqual([]);
    }));
});
