/**
 * What the click beacon adds at click time, against the built widget.js in Chromium: Yandex
 * Metrica's `_ym_uid`, the page's Google Consent Mode state (from gtag's own `dataLayer` pushes;
 * hostile `dataLayer`s never break the chat), and the Worker's rejection of a beacon (a page on
 * an origin the site does not allow, an unknown `data-site`) told to the page as one
 * `chatref:error` with the Worker's reason while the chat still opens.
 */
import { describe, expect, test } from "vitest";
import { CONSENT_SCAN, readConsent } from "../../widget/consent-mode";
import type { ErrorBody } from "../../worker/http/errors";
import {
  openChatFrom,
  pageEvents,
  SHOP,
  theOneBeacon,
  useShopVisits,
  waitForBeacons,
} from "./harness";

const withShop = useShopVisits("/?utm_source=google&utm_medium=cpc");
const BUTTON = "chatref-button[floating]";

/** gtag.js's own snippet shape: every call pushes its `arguments` object. */
const GTAG = `<script>window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
gtag("consent", "default", { ad_storage: "denied", analytics_storage: "denied",
  ad_user_data: "denied", ad_personalization: "denied", wait_for_update: 500 });
gtag("consent", "default", { ad_storage: "granted", region: ["US-CA"] });
gtag("js", new Date());
gtag("config", "G-TEST123");
</script>`;

describe("_ym_uid", () => {
  test("Metrica's ClientId goes in the touch; a cookie that is not 1-32 digits is ignored", () =>
    withShop({}, async (v) => {
      await v.context.addCookies([{ name: "_ym_uid", value: "1700000000123456789", url: SHOP }]);
      await openChatFrom(v, BUTTON);
      const beacon = await theOneBeacon(v);
      expect(beacon.touch.ym_uid).toBe("1700000000123456789");
      for (const bad of ["17000abc", "1".repeat(33), "-1"]) {
        await v.context.addCookies([{ name: "_ym_uid", value: bad, url: SHOP }]);
        await openChatFrom(v, BUTTON);
      }
      const beacons = await waitForBeacons(v, 4);
      expect(beacons.slice(1).map((b) => b.touch.ym_uid)).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
    }));
});

describe("Consent Mode", () => {
  test("gtag's default then update, read at click time; region defaults and other types ignored", () =>
    withShop({ head: GTAG }, async (v) => {
      await v.page.evaluate(() => {
        const w = window as unknown as { gtag: (...args: unknown[]) => void };
        w.gtag("consent", "update", {
          ad_storage: "granted",
          analytics_storage: "granted",
          functionality_storage: "granted",
          ad_user_data: "maybe",
        });
      });
      await openChatFrom(v, BUTTON);
      const beacon = await theOneBeacon(v);
      expect(beacon.consent).toEqual({
        ad_storage: "granted",
        analytics_storage: "granted",
        ad_user_data: "denied",
        ad_personalization: "denied",
      });
    }));

  test("a page without Consent Mode sends no consent", () =>
    withShop({ head: "<script>window.dataLayer = [{ event: 'gtm.js' }];</script>" }, async (v) => {
      await openChatFrom(v, BUTTON);
      const beacon = await theOneBeacon(v);
      expect("consent" in beacon).toBe(false);
    }));

  test("a hostile dataLayer (throwing getter) never breaks the chat", () =>
    withShop(
      {
        head: `<script>Object.defineProperty(window, "dataLayer", { get() { throw new Error("no"); } });</script>`,
      },
      async (v) => {
        const chat = await openChatFrom(v, BUTTON);
        expect(chat.host).toBe("wa.me");
        const beacon = await theOneBeacon(v);
        expect("consent" in beacon).toBe(false);
        expect(v.pageErrors).toEqual([]);
      },
    ));

  test("readConsent: odd shapes give undefined or what is valid, never a throw", () => {
    const args = (...a: unknown[]) => a;
    expect(readConsent({ 0: ["consent", "default", { ad_storage: "denied" }], length: 1 })).toBe(
      undefined,
    );
    expect(readConsent("consent")).toBe(undefined);
    const throwing = new Proxy([], {
      get() {
        throw new Error("trap");
      },
    });
    expect(readConsent(throwing)).toBe(undefined);
    const getter = Object.defineProperty({}, 2, {
      get() {
        throw new Error("trap");
      },
    });
    expect(
      readConsent([
        getter,
        null,
        7,
        args("consent", "default", null),
        args("consent", "update", { ad_storage: "granted", ad_user_data: ["granted"] }),
      ]),
    ).toEqual({ ad_storage: "granted" });
    // An update before a default still wins (updates override defaults).
    expect(
      readConsent([
        args("consent", "update", { ad_storage: "granted" }),
        args("consent", "default", { ad_storage: "denied", analytics_storage: "denied" }),
      ]),
    ).toEqual({ ad_storage: "granted", analytics_storage: "denied" });
  });

  test("readConsent: a huge dataLayer is scanned at both ends only, fast", () => {
    const layer: unknown[] = [["consent", "default", { ad_storage: "denied" }]];
    for (let i = 0; i < 1_000_000; i++) layer.push({ event: "scroll", i });
    layer.push(["consent", "update", { ad_personalization: "granted" }]);
    // In the middle, past both scanned ends: not read.
    layer[500_000] = ["consent", "update", { analytics_storage: "granted" }];
    const started = performance.now();
    expect(readConsent(layer)).toEqual({ ad_storage: "denied", ad_personalization: "granted" });
    expect(performance.now() - started).toBeLessThan(50);
    expect(CONSENT_SCAN).toBeGreaterThan(0);
  });
});

/** The Worker's error answers (worker/ingest/clicks-route.ts), in its one error shape. */
const FORBIDDEN: ErrorBody = {
  error: { code: "forbidden", message: `Origin ${SHOP} is not allowed for site "demo"` },
};
const UNKNOWN: ErrorBody = { error: { code: "not_found", message: 'Unknown site "nope"' } };

describe("rejected beacons", () => {
  test("a page on an origin the site does not allow: chatref:error with the reason, the chat opens", () =>
    withShop({}, async (v) => {
      v.clickAnswer = { status: 403, body: FORBIDDEN };
      const chat = await openChatFrom(v, BUTTON);
      expect(chat.host).toBe("wa.me");
      await openChatFrom(v, BUTTON);
      await waitForBeacons(v, 2);
      await v.page.waitForFunction(
        () => (window as unknown as { __events: unknown[] }).__events.length >= 4,
      );
      const errors = (await pageEvents(v.page)).filter((e) => e.type === "chatref:error");
      expect(errors.map((e) => e.detail)).toEqual([
        {
          code: "beacon_rejected",
          status: 403,
          reason: "forbidden",
          message: `click beacon rejected (403 forbidden): ${FORBIDDEN.error.message}`,
        },
        expect.objectContaining({ code: "beacon_rejected", reason: "forbidden" }),
      ]);
      // One warning per page and reason, naming the Worker's message.
      expect(v.warnings.filter((w) => w.startsWith("[chatref]"))).toEqual([
        `[chatref] click beacon rejected (403 forbidden): ${FORBIDDEN.error.message}`,
      ]);
      expect(v.pageErrors).toEqual([]);
    }));

  test("an unknown data-site: chatref:error with the Worker's not_found, the chat opens", () =>
    withShop({ scripts: [{ site: "nope", number: "15550001111" }] }, async (v) => {
      v.clickAnswer = { status: 404, body: UNKNOWN };
      const chat = await openChatFrom(v, BUTTON);
      expect(chat.searchParams.get("text")).toMatch(/Ref: /);
      await waitForBeacons(v, 1);
      await v.page.waitForFunction(() =>
        (window as unknown as { __events: { type: string }[] }).__events.some(
          (e) => e.type === "chatref:error",
        ),
      );
      const errors = (await pageEvents(v.page)).filter((e) => e.type === "chatref:error");
      expect(errors.map((e) => e.detail)).toEqual([
        {
          code: "beacon_rejected",
          status: 404,
          reason: "not_found",
          message: 'click beacon rejected (404 not_found): Unknown site "nope"',
        },
      ]);
    }));

  test("a recorded click raises no error", () =>
    withShop({}, async (v) => {
      await openChatFrom(v, BUTTON);
      await theOneBeacon(v);
      await v.page.waitForTimeout(200);
      const errors = (await pageEvents(v.page)).filter((e) => e.type === "chatref:error");
      expect(errors).toEqual([]);
    }));
});
