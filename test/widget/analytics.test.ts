/**
 * Analytics on a tap (widget/analytics.ts) on a host page with a strict CSP and Trusted Types
 * enforced: GA4's `generate_lead` through the page's `gtag`, else a `dataLayer` push, and Meta
 * Pixel's `Contact` through `fbq`, with the tap's ref; renamed or turned off by data-attributes;
 * an inline QR on screen is no tap; and a `gtag`, `fbq` or `dataLayer` that throws costs nothing:
 * the chat opens with its one beacon and nothing is thrown into the page.
 */
import type { BrowserContextOptions } from "playwright-core";
import { describe, expect, test } from "vitest";
import { tabFrom } from "./channel-harness";
import { DESKTOP, PHONE, useBrowser } from "./harness";
import { beaconsAfter, type HostVisit, hostPage, hostVisit, SHOP, TT_CHATREF } from "./host-pages";

const chromium = useBrowser();

/** The page's analytics, as init scripts: each records its calls in `window.__calls`. */
const STUBS = {
  gtagAndPixel: () => {
    const w = window as unknown as Record<string, unknown> & { __calls: unknown[][] };
    w.__calls = [];
    w.dataLayer = [];
    w.gtag = (...args: unknown[]) => w.__calls.push(["gtag", ...args]);
    w.fbq = (...args: unknown[]) => w.__calls.push(["fbq", ...args]);
  },
  tagManagerOnly: () => {
    const w = window as unknown as Record<string, unknown> & { __calls: unknown[][] };
    w.__calls = [];
    w.dataLayer = { push: (entry: unknown) => w.__calls.push(["dataLayer", entry]) };
  },
  throwing: () => {
    const w = window as unknown as Record<string, unknown> & { __calls: unknown[][] };
    w.__calls = [];
    const boom =
      (name: string) =>
      (...args: unknown[]) => {
        w.__calls.push([name, ...args]);
        throw new Error(`${name} is broken`);
      };
    w.gtag = boom("gtag");
    w.fbq = boom("fbq");
    w.dataLayer = { push: boom("dataLayer") };
  },
  oddShapes: () => {
    const w = window as unknown as Record<string, unknown> & { __calls: unknown[][] };
    w.__calls = [];
    w.fbq = "not a function";
    Object.defineProperty(w, "dataLayer", {
      get() {
        throw new Error("no dataLayer for you");
      },
    });
  },
};

/** A visit of the shop with `stub` as the page's analytics and `data` on the widget's tag. */
async function withAnalytics(
  stub: () => void,
  data: Record<string, string>,
  fn: (v: HostVisit, calls: () => Promise<unknown[][]>) => Promise<void>,
  device: BrowserContextOptions = PHONE,
  body = "",
): Promise<void> {
  const v = await hostVisit(
    chromium.browser,
    { pages: { "/": hostPage({ data, body }) }, csp: TT_CHATREF },
    device,
  );
  await v.context.addInitScript(stub);
  try {
    await v.page.goto(`${SHOP}/`);
    await fn(v, () =>
      v.page.evaluate(() => (window as unknown as { __calls: unknown[][] }).__calls),
    );
    expect(v.pageErrors).toEqual([]);
    await expect(v.violations()).resolves.toEqual([]);
  } finally {
    await v.close();
  }
}

/** Taps the floating button; returns the chat tab's URL and the tap's one beacon's ref. */
async function tap(v: HostVisit): Promise<{ url: URL; ref: string }> {
  const link = v.page.locator("chatref-button[floating]").getByRole("link");
  const url = await tabFrom(v, () => link.click());
  const [beacon, ...more] = await beaconsAfter(v, 1);
  expect(more).toEqual([]);
  return { url, ref: beacon?.ref ?? "" };
}

const PARAMS = (ref: string, placement = "button") => ({
  chatref_ref: ref,
  chatref_placement: placement,
  chatref_channel: "whatsapp",
});

describe("calls made", () => {
  test("gtag: generate_lead with the ref; fbq: track Contact", () =>
    withAnalytics(STUBS.gtagAndPixel, {}, async (v, calls) => {
      const { ref } = await tap(v);
      expect(await calls()).toEqual([
        ["gtag", "event", "generate_lead", PARAMS(ref)],
        ["fbq", "track", "Contact", { content_name: "whatsapp" }],
      ]);
    }));

  test("no gtag: generate_lead pushed to dataLayer (after chatref_click)", () =>
    withAnalytics(STUBS.tagManagerOnly, {}, async (v, calls) => {
      const { ref } = await tap(v);
      const pushed = (await calls()).map(([, entry]) => entry as { event: string });
      expect(pushed.map((e) => e.event)).toEqual(["chatref_click", "generate_lead"]);
      expect(pushed[1]).toEqual({ event: "generate_lead", ...PARAMS(ref) });
    }));

  test("renamed with data-ga4-event and data-meta-event; a desktop panel's tap counts", () =>
    withAnalytics(
      STUBS.gtagAndPixel,
      { "ga4-event": "chat_start", "meta-event": "Lead" },
      async (v, calls) => {
        await v.page.locator("chatref-button[floating]").getByRole("link").click();
        const [beacon] = await beaconsAfter(v, 1);
        await expect.poll(calls).toEqual([
          ["gtag", "event", "chat_start", PARAMS(beacon?.ref ?? "", "qr_panel")],
          ["fbq", "track", "Lead", { content_name: "whatsapp" }],
        ]);
      },
      DESKTOP,
    ));

  test("turned off with `off`: no call at all", () =>
    withAnalytics(
      STUBS.gtagAndPixel,
      { "ga4-event": "off", "meta-event": "off" },
      async (v, calls) => {
        await tap(v);
        expect(await calls()).toEqual([]);
      },
    ));

  test("an inline QR on screen is no tap: no call", () =>
    withAnalytics(
      STUBS.gtagAndPixel,
      { position: "none" },
      async (v, calls) => {
        await beaconsAfter(v, 1);
        expect(v.beacons.map((b) => b.placement)).toEqual(["inline_qr"]);
        expect(await calls()).toEqual([]);
      },
      DESKTOP,
      "<chatref-qr></chatref-qr>",
    ));
});

describe("never thrown into the page", () => {
  test("gtag, fbq and dataLayer that throw: each tried once, the chat opens with its ref", () =>
    withAnalytics(STUBS.throwing, {}, async (v, calls) => {
      const { url, ref } = await tap(v);
      expect(url.searchParams.get("text")).toContain(`${ref.slice(0, 5)}-${ref.slice(5)}`);
      expect((await calls()).map(([name]) => name)).toEqual(["dataLayer", "gtag", "fbq"]);
    }));

  test("fbq not a function, dataLayer a throwing getter: the chat opens", () =>
    withAnalytics(STUBS.oddShapes, {}, async (v) => {
      const { url } = await tap(v);
      expect(url.hostname).toBe("wa.me");
    }));
});
