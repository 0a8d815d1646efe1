/**
 * Helpers for the chat-app tests (channels.test.ts): the apps' deep-link hosts answered by a
 * stub, a shop visit with them routed, and the element that has the focus inside the widget.
 */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { atShop, PHONE, type ScriptData, shopPage, type Visit, visit } from "./harness";

/** The script tag of a site offering WhatsApp and Telegram. */
export const TWO_APPS: ScriptData = {
  site: "demo",
  number: "15550001111",
  telegram: "lumen_demo_bot",
};

/** Opens a visitor on a shop page (`page` as for shopPage) with t.me, m.me and ig.me stubbed. */
export async function withApps(
  browser: Browser,
  page: Parameters<typeof shopPage>[0],
  fn: (v: Visit) => Promise<void>,
  device: BrowserContextOptions = PHONE,
): Promise<void> {
  const v = await visit(browser, { "/": shopPage(page) }, device);
  await v.context.route(/^https:\/\/(t\.me|m\.me|ig\.me)\//, (route) =>
    route.fulfill({ body: "<title>App</title>chat", contentType: "text/html" }),
  );
  try {
    await fn(v);
  } finally {
    await v.close();
  }
}

/** `withApps` on a shop offering TWO_APPS, its "/" loaded and the widget ready when `fn` runs. */
export function withTwoApps(
  browser: Browser,
  fn: (v: Visit) => Promise<void>,
  device: BrowserContextOptions = PHONE,
): Promise<void> {
  return withApps(browser, { scripts: [TWO_APPS] }, atShop(fn), device);
}

/** Text (or aria-label) of the element focused inside the widget's shadow roots, else "". */
export function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute("aria-label") ?? el?.textContent?.trim() ?? "";
  });
}

/** Runs `click` and returns the URL of the tab it opened (in `v`'s browser context). */
export async function tabFrom(v: Pick<Visit, "context">, click: () => Promise<void>): Promise<URL> {
  const popup = v.context.waitForEvent("page");
  await click();
  const tab = await popup;
  await tab.waitForLoadState("domcontentloaded");
  const url = new URL(tab.url());
  await tab.close();
  return url;
}
