/**
 * For a test file on host pages (host-pages.ts): one Chromium and `withShop`, the visit of the
 * shop's "/" that the greeting and agents tests each wrote around their own checks.
 */
import type { BrowserContextOptions } from "playwright-core";
import { expect } from "vitest";
import { useBrowser } from "./harness";
import { type HostVisit, hostPage, hostVisit, SHOP } from "./host-pages";

/** One visit of the shop: its "/" page, its policy, the device, and what to set up first. */
export interface ShopVisit {
  /** The "/" page (`hostPage`'s options). */
  page: Parameters<typeof hostPage>[0];
  /** The shop's Content-Security-Policy response header, when it has one. */
  csp?: string;
  device: BrowserContextOptions;
  /** Sets the context up (clock, routes, init scripts) before "/" is opened. */
  before?: (v: HostVisit) => Promise<void>;
}

/**
 * For a test file: one Chromium (harness.ts `useBrowser`) and `withShop(visit, fn)`, which opens
 * a visitor, runs `before`, opens the shop's "/", runs `fn`, expects no page error, and closes the
 * visit whatever happens.
 */
export function useShopVisits() {
  const chromium = useBrowser();
  return async function withShop(
    visit: ShopVisit,
    fn: (v: HostVisit) => Promise<void>,
  ): Promise<void> {
    const site = { pages: { "/": hostPage(visit.page) }, csp: visit.csp };
    const v = await hostVisit(chromium.browser, site, visit.device);
    try {
      await visit.before?.(v);
      await v.page.goto(`${SHOP}/`);
      await fn(v);
      expect(v.pageErrors).toEqual([]);
    } finally {
      await v.close();
    }
  };
}
