/**
 * The greeting bubble (widget/greeting.ts, widget-greet.js) on a host page with a strict CSP and
 * Trusted Types enforced (`trusted-types chatref`): off unless `data-greeting` is set (then
 * widget-greet.js is fetched after the page's load, and not otherwise); shown after its delay or
 * scroll depth, not before, nor after a chat was opened, and on a single-page app's next page
 * where the page rules hid the button; a non-modal dialog named by its text, localised and right
 * to left in Arabic; dismissed by its close button or Esc,
 * which returns the focus to the chat button, and remembered in localStorage (a reload shows
 * nothing and fetches nothing) — also when storage throws, for that page; its text opens the chat.
 */
import type { BrowserContextOptions, Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { GREET_STRINGS } from "../../widget/greet/greet-strings";
import { GREETING_KEY } from "../../widget/greet/key";
import { STRINGS } from "../../widget/i18n";
import { DESKTOP, PHONE } from "./harness";
import { holdChunk, tapAndCloseChat } from "./hold-chunk";
import { beaconsAfter, type HostVisit, SHOP, TT_CHATREF, TT_NONE } from "./host-pages";
import { useShopVisits } from "./shop-visits";

const withShop = useShopVisits();
const TALL = '<div id="tall"></div>';
const TALL_CSS = "#tall { height: 3000px; }";

/** A visit of the shop at "/" with `data` on the widget's tag, under the strict TT policy. */
async function withGreeting(
  data: Record<string, string>,
  fn: (v: HostVisit) => Promise<void>,
  options: {
    html?: string;
    device?: BrowserContextOptions;
    init?: () => void;
    /** Sets the context up (routes) before the page opens. */
    before?: (v: HostVisit) => Promise<void>;
    hostile?: boolean;
    /** The page's policy (default: Trusted Types with `chatref` allowed, no violation expected). */
    csp?: string;
  } = {},
): Promise<void> {
  return withShop(
    {
      page: {
        data,
        html: options.html,
        body: TALL,
        head: `<link rel="stylesheet" href="/tall.css">${options.hostile ? '<link rel="stylesheet" href="/host.css">' : ""}`,
      },
      csp: options.csp ?? TT_CHATREF,
      device: options.device ?? DESKTOP,
      before: async (v) => {
        await v.context.route(`${SHOP}/tall.css`, (r) =>
          r.fulfill({ body: TALL_CSS, contentType: "text/css" }),
        );
        if (options.init) await v.context.addInitScript(options.init);
        await options.before?.(v);
      },
    },
    async (v) => {
      await fn(v);
      // A page that refuses the policy reports that one refusal (host-pages.test.ts), nothing else.
      if (!options.csp) await expect(v.violations()).resolves.toEqual([]);
    },
  );
}

/** A visit whose default greeting shows at once; `fn` gets the bubble, already shown. */
function withBubble(
  fn: (v: HostVisit, dialog: Locator) => Promise<void>,
  options?: Parameters<typeof withGreeting>[2],
): Promise<void> {
  return withGreeting(
    { greeting: "", "greeting-delay": "0" },
    async (v) => {
      const dialog = v.page.getByRole("dialog");
      await dialog.waitFor();
      await fn(v, dialog);
    },
    options,
  );
}

const greetFetches = (v: HostVisit) => v.requests.filter((r) => r.includes("/widget-greet.js"));
const bubble = (page: Page) => page.getByRole("dialog");
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** widget-greet.js was requested after the page's `load` had ended (Resource Timing). */
const greetAfterLoad = (page: Page) =>
  page.evaluate(() => {
    const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
    const greet = performance
      .getEntriesByType("resource")
      .find((e) => e.name.includes("/widget-greet.js"));
    return !!nav && !!greet && nav.loadEventEnd > 0 && greet.startTime >= nav.loadEventEnd;
  });

/** Once the button is there and a while has passed: no bubble, and widget-greet.js not fetched. */
async function noGreeting(v: HostVisit): Promise<void> {
  await v.page.locator("chatref-button[floating]").getByRole("link").waitFor();
  await pause(700);
  await expect(bubble(v.page).count()).resolves.toBe(0);
  expect(greetFetches(v)).toEqual([]);
}

test("its texts exist, translated, for every widget language", () => {
  expect(Object.keys(GREET_STRINGS).sort()).toEqual(Object.keys(STRINGS).sort());
  const en = GREET_STRINGS.en;
  for (const [lang, strings] of Object.entries(GREET_STRINGS)) {
    for (const text of Object.values(strings)) expect(text.trim()).not.toBe("");
    if (lang !== "en") expect([lang, strings.hello]).not.toEqual([lang, en?.hello]);
  }
});

describe("when it shows", () => {
  test("off without data-greeting: nothing shown, widget-greet.js never fetched", () =>
    withGreeting({ "greeting-delay": "0" }, noGreeting));

  test("after its delay, not before: the default text, a dialog named by it, focus untouched", () =>
    withGreeting({ greeting: "", "greeting-delay": "1.5" }, async (v) => {
      await v.page.locator("chatref-button[floating]").getByRole("link").waitFor();
      await expect(bubble(v.page).count()).resolves.toBe(0);
      const dialog = v.page.getByRole("dialog", { name: "Hi! How can we help you?" });
      await dialog.waitFor();
      expect(greetFetches(v)).toHaveLength(1);
      // The page opted in: the chunk came at start, but only after the page's load.
      await expect(greetAfterLoad(v.page)).resolves.toBe(true);
      // It came by itself: the focus stays where the visitor had it.
      await expect(v.page.evaluate(() => document.activeElement?.tagName)).resolves.toBe("BODY");
      await expect(dialog.getByRole("button", { name: "Close" }).isVisible()).resolves.toBe(true);
    }));

  test("at its scroll depth (and no delay of its own): hidden at the top, shown at 60 %", () =>
    withGreeting({ greeting: "Need help choosing beans?", "greeting-scroll": "60" }, async (v) => {
      await v.page.locator("chatref-button[floating]").getByRole("link").waitFor();
      await pause(800);
      await expect(bubble(v.page).count()).resolves.toBe(0);
      // Fetched at start (the page opted in), shown only at its depth.
      expect(greetFetches(v)).toHaveLength(1);
      await v.page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight * 0.7));
      await v.page.getByRole("dialog", { name: "Need help choosing beans?" }).waitFor();
    }));

  test("a page that refuses the `chatref` policy: no greeting, nothing fetched or thrown", () =>
    withGreeting({ greeting: "", "greeting-delay": "0" }, noGreeting, { csp: TT_NONE }));

  test("not after the visitor opened a chat before it was due", () =>
    withGreeting(
      { greeting: "", "greeting-delay": "1" },
      async (v) => {
        await tapAndCloseChat(v);
        await pause(1800);
        await expect(bubble(v.page).count()).resolves.toBe(0);
        // The page opted in: the chunk was fetched at start, and it showed nothing.
        expect(greetFetches(v)).toHaveLength(1);
      },
      { device: PHONE },
    ));

  test("a chat opened before widget-greet.js arrived: it arrives and shows nothing", () => {
    let release = () => {};
    return withGreeting(
      { greeting: "", "greeting-delay": "0" },
      async (v) => {
        await tapAndCloseChat(v);
        release();
        await expect.poll(() => v.page.evaluate(() => !!window.__chatref?.greet)).toBe(true);
        await pause(700);
        await expect(bubble(v.page).count()).resolves.toBe(0);
      },
      {
        device: PHONE,
        before: async (v) => {
          release = await holdChunk(v.context, "widget-greet.js");
        },
      },
    );
  });

  test("due on a page whose rules hide the button: shown on the next page that has it", () =>
    withGreeting(
      { greeting: "Beans?", "greeting-delay": "0", "show-on": "/products/*" },
      async (v) => {
        await expect.poll(() => greetFetches(v).length).toBe(1);
        await pause(700);
        await expect(v.page.locator("chatref-button").count()).resolves.toBe(0);
        await v.page.evaluate(() => history.pushState({}, "", "/products/beans"));
        await v.page.getByRole("dialog", { name: "Beans?" }).waitFor();
      },
    ));

  test("localised and right to left in Arabic, above the button", () =>
    withGreeting(
      { greeting: "", "greeting-delay": "0" },
      async (v) => {
        const dialog = v.page.getByRole("dialog", { name: "مرحبًا! كيف يمكننا مساعدتك؟" });
        await dialog.waitFor();
        await expect(dialog.getAttribute("dir")).resolves.toBe("rtl");
        await expect(dialog.getByRole("button", { name: "إغلاق" }).count()).resolves.toBe(1);
        const box = await dialog.boundingBox();
        const button = await v.page.locator("chatref-button[floating] .btn").boundingBox();
        expect(box && button && box.y + box.height <= button.y).toBe(true);
        await v.page.screenshot({ path: "/tmp/helper-F/greeting-ar.png" });
      },
      { html: 'lang="ar" dir="rtl"', device: PHONE },
    ));
});

test("on a hostile page (resets, `* { … !important }`): the page's typography stays out", () =>
  withBubble(
    async (_v, dialog) => {
      const text = dialog.getByRole("button", { name: "Hi! How can we help you?" });
      const look = await text.evaluate((el) => {
        const cs = getComputedStyle(el);
        return { transform: cs.textTransform, spacing: cs.letterSpacing, shadow: cs.textShadow };
      });
      expect(look).toEqual({ transform: "none", spacing: "normal", shadow: "none" });
      await expect(text.isVisible()).resolves.toBe(true);
    },
    { hostile: true },
  ));

describe("dismissal", () => {
  test("the close button: gone, remembered; a reload shows nothing and fetches nothing", () =>
    withGreeting({ greeting: "Hello there", "greeting-delay": "0" }, async (v) => {
      const dialog = v.page.getByRole("dialog", { name: "Hello there" });
      await dialog.waitFor();
      await dialog.getByRole("button", { name: "Close" }).click();
      await dialog.waitFor({ state: "detached" });
      await expect(v.page.evaluate((k) => localStorage.getItem(k), GREETING_KEY)).resolves.toBe(
        "Hello there",
      );
      v.requests.length = 0;
      await v.page.reload();
      await noGreeting(v);
    }));

  test("Esc from inside the bubble: gone, the focus back on the chat button", () =>
    withBubble(async (v, dialog) => {
      await dialog.getByRole("button", { name: "Close" }).focus();
      await v.page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      const focused = await v.page.evaluate(
        () => document.activeElement?.shadowRoot?.activeElement?.getAttribute("part") ?? "",
      );
      expect(focused).toBe("button");
      await expect(v.page.evaluate((k) => localStorage.getItem(k), GREETING_KEY)).resolves.toBe("");
    }));

  test("storage that throws: shown, dismissed for the page, nothing thrown into it", () =>
    withBubble(
      async (_v, dialog) => {
        await dialog.getByRole("button", { name: "Close" }).click();
        await dialog.waitFor({ state: "detached" });
      },
      {
        init: () => {
          const refuse = () => {
            throw new DOMException("denied", "SecurityError");
          };
          Object.defineProperty(window, "localStorage", { get: refuse });
        },
      },
    ));

  test("its text opens the chat (one beacon) and the bubble goes", () =>
    withBubble(
      async (v, dialog) => {
        const popup = v.context.waitForEvent("page");
        await dialog.getByRole("button", { name: "Hi! How can we help you?" }).click();
        const tab = await popup;
        const [beacon] = await beaconsAfter(v, 1);
        expect(tab.url()).toContain("wa.me/15550001111");
        expect(beacon?.placement).toBe("button");
        await dialog.waitFor({ state: "detached" });
      },
      { device: PHONE },
    ));
});
