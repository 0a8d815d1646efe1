/**
 * Opening the dashboard in a fresh browser context for the dashboard tests: page errors and
 * dialogs (dismissed) are logged, and CSP violations are collected from the start of every
 * document (a context init script, so reloads and navigations are watched too).
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";

/** What the pages a test opened reported: uncaught errors, and dialogs' messages. */
export interface PageLog {
  errors: string[];
  dialogs: string[];
}

/**
 * A page on `${base}/dashboard` in a new context `width` × 900 px (`options` as Playwright
 * takes them; `prepare` runs on the context before the page opens, e.g. to grant permissions).
 */
export async function openDashboardPage(
  browser: Browser,
  base: string,
  log: PageLog,
  width: number,
  options: BrowserContextOptions = {},
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, ...options });
  await prepare?.(context);
  await context.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => log.errors.push(e.message));
  page.on("dialog", (d) => {
    log.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${base}/dashboard`);
  return page;
}

/** The CSP violations of the page's current document so far. */
export const cspViolations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
