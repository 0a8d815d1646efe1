/**
 * Page rules and single-page apps (widget/page-rules.ts, widget/spa.ts) on a host page with a
 * strict CSP and Trusted Types enforced: `data-show-on` / `data-hide-on` path patterns decide
 * whether the floating button is on the page, and a router's pushState / replaceState and the
 * back button re-read the touch (new campaign tags in the URL become the last touch) and
 * re-apply the rules — through the Navigation API, and, where a browser has none, through
 * history wrapped once (a second widget.js wraps nothing again; the page's own function is
 * called once, its result returned and its errors let through).
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { matchesPath, pageAllowed } from "../../widget/page-rules";
import { STORAGE_KEY } from "../../widget/touch-store";
import { DESKTOP, useBrowser } from "./harness";
import { CHATREF, type HostVisit, hostPage, hostVisit, SHOP, TT_CHATREF } from "./host-pages";

const chromium = useBrowser();
const FLOATING = "chatref-button[floating]";

describe("path patterns", () => {
  test("`*` is any run of characters, the whole path must match, lists split on spaces or commas", () => {
    expect(matchesPath("/products/beans", "/products/*")).toBe(true);
    expect(matchesPath("/products", "/products/*")).toBe(false);
    expect(matchesPath("/checkout", "/checkout*")).toBe(true);
    expect(matchesPath("/checkout/pay", "/cart, /checkout*")).toBe(true);
    expect(matchesPath("/about", "/ /cart")).toBe(false);
    expect(matchesPath("/", "/ /cart")).toBe(true);
    // Regular-expression characters are literal.
    expect(matchesPath("/a.b", "/a.b")).toBe(true);
    expect(matchesPath("/axb", "/a.b")).toBe(false);
    expect(matchesPath("/x", "(")).toBe(false);
  });

  test("hide wins over show; no rules: everywhere", () => {
    expect(pageAllowed("/anything", {})).toBe(true);
    expect(pageAllowed("/products/x", { showOn: "/products/*" })).toBe(true);
    expect(pageAllowed("/", { showOn: "/products/*" })).toBe(false);
    expect(pageAllowed("/products/sale", { showOn: "/products/*", hideOn: "*/sale" })).toBe(false);
  });
});

/** A visit of an SPA shop (every path serves the same page) with `data` on the widget's tag. */
async function withSpa(
  data: Record<string, string>,
  fn: (v: HostVisit) => Promise<void>,
  init?: () => void,
  body = "",
): Promise<void> {
  const page = hostPage({ data, body });
  const paths = ["/", "/products/beans", "/checkout/pay", "/about"];
  const v = await hostVisit(
    chromium.browser,
    { pages: Object.fromEntries(paths.map((p) => [p, page])), csp: TT_CHATREF },
    DESKTOP,
  );
  if (init) await v.context.addInitScript(init);
  try {
    await fn(v);
    expect(v.pageErrors).toEqual([]);
    await expect(v.violations()).resolves.toEqual([]);
  } finally {
    await v.close();
  }
}

/** Whether the floating button is on the page, once the widget has run. */
async function floatingShown(page: Page): Promise<boolean> {
  await page.waitForFunction(() => customElements.get("chatref-button"));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  return (await page.locator(FLOATING).count()) === 1;
}

/** The stored last touch's UTM source and landing URL. */
function lastTouch(page: Page): Promise<{ utm_source?: string; landing_url?: string }> {
  return page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key) ?? "{}").last ?? {},
    STORAGE_KEY,
  );
}

describe("on page load", () => {
  test("data-hide-on: no floating button on /checkout/pay, one on /", () =>
    withSpa({ "hide-on": "/checkout*" }, async (v) => {
      await v.page.goto(`${SHOP}/checkout/pay`);
      expect(await floatingShown(v.page)).toBe(false);
      await v.page.goto(`${SHOP}/`);
      expect(await floatingShown(v.page)).toBe(true);
    }));

  test("data-show-on: only on /products/*; inline buttons stay everywhere", () =>
    withSpa(
      { "show-on": "/products/*" },
      async (v) => {
        await v.page.goto(`${SHOP}/about`);
        expect(await floatingShown(v.page)).toBe(false);
        await expect(v.page.locator("#inline").getByRole("link").count()).resolves.toBe(1);
        await v.page.goto(`${SHOP}/products/beans`);
        expect(await floatingShown(v.page)).toBe(true);
      },
      undefined,
      '<chatref-button id="inline"></chatref-button>',
    ));
});

/** Pushes, replaces and goes back as a router does; checks the button and the touch each time. */
async function routeAround(v: HostVisit): Promise<void> {
  await v.page.goto(`${SHOP}/about`);
  expect(await floatingShown(v.page)).toBe(false);
  await v.page.evaluate(() =>
    history.pushState({}, "", "/products/beans?utm_source=spa-news&utm_campaign=beans"),
  );
  await expect.poll(() => v.page.locator(FLOATING).count()).toBe(1);
  await expect
    .poll(() => lastTouch(v.page))
    .toMatchObject({
      utm_source: "spa-news",
      landing_url: `${SHOP}/products/beans?utm_source=spa-news&utm_campaign=beans`,
    });
  await v.page.evaluate(() => history.replaceState({}, "", "/checkout/pay"));
  await expect.poll(() => v.page.locator(FLOATING).count()).toBe(0);
  // An internal navigation without tags keeps the last touch.
  await expect(lastTouch(v.page)).resolves.toMatchObject({ utm_source: "spa-news" });
  await v.page.evaluate(() => history.back());
  await expect.poll(() => v.page.locator(FLOATING).count()).toBe(0);
  await expect.poll(() => v.page.evaluate(() => location.pathname)).toBe("/about");
  await v.page.evaluate(() => history.pushState({}, "", "/products/beans"));
  await expect.poll(() => v.page.locator(FLOATING).count()).toBe(1);
}

const RULES = { "show-on": "/products/* /", "hide-on": "/checkout*" };

/** Pushes `url` once; how often the page's own pushState ran, and what the call returned. */
function pushOnce(page: Page, url: string): Promise<{ calls: number; result: string }> {
  return page.evaluate((to) => {
    const w = window as unknown as { __pushes: number };
    const before = w.__pushes;
    const result = history.pushState({}, "", to);
    return { calls: w.__pushes - before, result: String(result) };
  }, url);
}

/**
 * A browser without the Navigation API, and a page whose own pushState (as a router's wrapper)
 * counts its calls in `__pushes` and returns "pushed": the widget must wrap it, not replace it.
 */
function NO_NAVIGATION_API(): void {
  Object.defineProperty(window, "navigation", { value: undefined });
  const w = window as unknown as { __pushes: number };
  w.__pushes = 0;
  const own = history.pushState;
  history.pushState = function (...args: Parameters<History["pushState"]>) {
    w.__pushes++;
    own.apply(this, args);
    return "pushed" as unknown as undefined;
  };
}

describe("single-page apps", () => {
  test("Navigation API: push, replace and back re-read the touch and re-apply the rules", () =>
    withSpa(RULES, async (v) => {
      await routeAround(v);
      // Nothing wrapped where the Navigation API tells us.
      await expect(v.page.evaluate(() => "__chatref" in history.pushState)).resolves.toBe(false);
    }));

  test("no Navigation API: history wrapped once, the page's function called once", () =>
    withSpa(
      RULES,
      async (v) => {
        await routeAround(v);
        await expect(v.page.evaluate(() => "__chatref" in history.pushState)).resolves.toBe(true);
        expect(await pushOnce(v.page, "/about")).toEqual({ calls: 1, result: "pushed" });
        // The page's own errors still reach the page's caller, unchanged.
        const error = await v.page.evaluate(() => {
          try {
            history.pushState({}, "", "https://elsewhere.test/");
            return "";
          } catch (e) {
            return (e as DOMException).name;
          }
        });
        expect(error).toBe("SecurityError");
      },
      NO_NAVIGATION_API,
    ));

  test("no Navigation API and widget.js included twice: one wrapper, the rules still follow", () =>
    withSpa(
      RULES,
      async (v) => {
        await v.page.goto(`${SHOP}/about`);
        await v.page.waitForFunction(() => document.querySelectorAll("script").length === 2);
        expect(await floatingShown(v.page)).toBe(false);
        expect(await pushOnce(v.page, "/products/beans")).toEqual({ calls: 1, result: "pushed" });
        await expect.poll(() => v.page.locator(FLOATING).count()).toBe(1);
      },
      NO_NAVIGATION_API,
      `<script src="${CHATREF}/widget.js" data-site="demo" data-number="15550001111" data-show-on="/products/*"></script>`,
    ));
});
