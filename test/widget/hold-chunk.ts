/**
 * Holding a lazily loaded chunk back: what a page does while widget-<name>.js is on its way
 * (a slow network), released by the test when it chooses.
 */
import type { BrowserContext } from "playwright-core";

/** Holds every request for `file` (e.g. `widget-qr.js`) in `context` until `release()` is called. */
export async function holdChunk(context: BrowserContext, file: string): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await context.route(`**/${file}*`, async (route) => {
    await held;
    await route.fallback();
  });
  return () => release();
}

/** Answers every request for `file` in `context` only after `ms` milliseconds (a slow network). */
export async function delayChunk(context: BrowserContext, file: string, ms: number) {
  await context.route(`**/${file}*`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.fallback();
  });
}

/** Taps the floating button's link and closes the chat tab it opened. */
export async function tapAndCloseChat(v: {
  page: import("playwright-core").Page;
  context: BrowserContext;
}): Promise<void> {
  const popup = v.context.waitForEvent("page");
  await v.page.locator("chatref-button[floating]").getByRole("link").click();
  await (await popup).close();
}
