/**
 * Real-browser harness for the built widget: Debian's Chromium through playwright-core, a fake
 * shop at https://shop.test served by routing (pages from strings, widget.js and its chunks
 * `widget-<name>.js` from dist/public), click beacons captured at `**\/v1/clicks` and answered as
 * the Worker does (CORS reflecting the Origin; `clickAnswer` can set another answer), wa.me
 * answered by a stub, and QR codes read back from screenshots (qr-read.ts).
 */
import { execSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import type { ClickBeacon } from "../../widget/protocol/click-beacon";
import { isValidRef } from "../../widget/protocol/ref-codec";
import { clickBeaconSchema } from "../../worker/ingest/click-schema";
import { chromiumOptions } from "../support/local-worker";
import { clickResponse, PHONE, SHOP } from "./shop-fixtures";

export { decodePng, readQr } from "./qr-read";
export { clickResponse, DESKTOP, PHONE, SHOP } from "./shop-fixtures";

const root = resolve(import.meta.dirname, "../..");
/** The built file under test. */
export const WIDGET_FILE = resolve(root, "dist/public/widget.js");
/** The QR chunk widget.js loads when a QR is first shown. */
export const QR_FILE = resolve(root, "dist/public/widget-qr.js");
/** The chunks widget.js loads when first needed (vite.config.ts CHUNKS). */
export const CHUNK_NAMES = ["ui", "qr", "greet", "optin", "agents"] as const;

/** The built files a page may load, by path: `/widget.js` and `/widget-<name>.js`. */
export function widgetFiles(): Map<string, Buffer> {
  const files = new Map([["/widget.js", readFileSync(WIDGET_FILE)]]);
  for (const name of CHUNK_NAMES)
    files.set(`/widget-${name}.js`, readFileSync(resolve(root, `dist/public/widget-${name}.js`)));
  return files;
}

/** Builds the widget when a built file is missing (normally `npm run build:widget` ran). */
export function ensureBuilt(): void {
  const chunks = CHUNK_NAMES.map((n) => resolve(root, `dist/public/widget-${n}.js`));
  if (![WIDGET_FILE, ...chunks].every((file) => existsSync(file))) {
    execSync("npx vite build", { cwd: root, stdio: "inherit" });
  }
}

/** Launches the system Chromium headless (options shared with the e2e tests). */
export function launch(): Promise<Browser> {
  ensureBuilt();
  return chromium.launch(chromiumOptions());
}

/** For a test file: one Chromium for all its tests, closed after them. Read `.browser` in tests. */
export function useBrowser(): { browser: Browser } {
  const holder = {} as { browser: Browser };
  beforeAll(async () => {
    holder.browser = await launch();
  });
  afterAll(async () => {
    await holder.browser?.close();
  });
  return holder;
}

/**
 * For a test file: one Chromium (as `useBrowser`) and `withVisit(pages, fn, device)`, which opens
 * a visit of `pages`, runs `fn` and closes the visit whatever happens.
 */
export function useVisits() {
  const chromium = useBrowser();
  return async function withVisit(
    pages: Record<string, string>,
    fn: (v: Visit) => Promise<void>,
    device?: BrowserContextOptions,
  ): Promise<void> {
    const v = await visit(chromium.browser, pages, device);
    try {
      await fn(v);
    } finally {
      await v.close();
    }
  };
}

/**
 * For a test file: `withShop(page, fn, device)`, a visit (see `useVisits`) of `shopPage(page)` at
 * "/". With `open` (a path and query such as "/?utm_source=x") that page is loaded and the widget
 * ready before `fn` runs.
 */
export function useShopVisits(open?: string) {
  const withVisit = useVisits();
  return (
    page: Parameters<typeof shopPage>[0],
    fn: (v: Visit) => Promise<void>,
    device?: BrowserContextOptions,
  ) =>
    withVisit(
      { "/": shopPage(page) },
      async (v) => {
        if (open !== undefined) {
          await v.page.goto(`${SHOP}${open}`);
          await widgetReady(v.page);
        }
        await fn(v);
      },
      device,
    );
}

/** Attributes of the widget's script tag, e.g. `{ site: "demo", number: "15550001111" }`. */
export type ScriptData = Record<string, string>;

/** An HTML page of the shop: `body` markup, then the widget script tag(s). */
export function shopPage(options: {
  body?: string;
  lang?: string;
  scripts?: ScriptData[];
  head?: string;
  /** Declared with <meta charset> (the response carries no charset). Default utf-8. */
  charset?: string;
}): string {
  const scripts = (options.scripts ?? [{ site: "demo", number: "15550001111" }])
    .map((data) => {
      const attrs = Object.entries(data)
        .map(([k, v]) => ` data-${k}="${v.replace(/"/g, "&quot;")}"`)
        .join("");
      return `<script src="/widget.js"${attrs} async></script>`;
    })
    .join("\n");
  const lang =
    options.lang === undefined ? ' lang="en"' : options.lang ? ` lang="${options.lang}"` : "";
  return `<!doctype html><html${lang}><head><meta charset="${options.charset ?? "utf-8"}"><title>Shop</title>
<script>
  window.__events = [];
  for (const type of ["chatref:click", "chatref:error"]) {
    document.addEventListener(type, (e) => window.__events.push({ type, detail: e.detail }));
  }
</script>${options.head ?? ""}</head>
<body><h1>Lumen Coffee</h1>${options.body ?? ""}
${scripts}</body></html>`;
}

/** A fresh browser context and page, and what the page did (every kind of visit records it). */
export interface PageLog {
  context: BrowserContext;
  page: Page;
  /** Parsed bodies of POST /v1/clicks, in order. */
  beacons: ClickBeacon[];
  /** Every request the page made ("METHOD url"). */
  requests: string[];
  /** Uncaught errors in the page. */
  pageErrors: Error[];
  /** console.warn / console.error texts. */
  warnings: string[];
  close(): Promise<void>;
}

/** Opens a page in a fresh context with `device`, recording its requests, errors and warnings. */
export async function openPage(browser: Browser, device: BrowserContextOptions): Promise<PageLog> {
  const context = await browser.newContext({ locale: "en-US", ...device });
  const page = await context.newPage();
  const log: PageLog = {
    context,
    page,
    beacons: [],
    requests: [],
    pageErrors: [],
    warnings: [],
    close: () => context.close(),
  };
  page.on("request", (r) => log.requests.push(`${r.method()} ${r.url()}`));
  page.on("pageerror", (e) => log.pageErrors.push(e));
  page.on("console", (m) => {
    if (m.type() === "warning" || m.type() === "error") log.warnings.push(m.text());
  });
  return log;
}

/** One isolated visitor of the shop: a fresh context with the shop routed and everything recorded. */
export interface Visit extends PageLog {
  /** Content-Type headers of the beacons. */
  beaconTypes: string[];
  /** The answer to the next beacons (default: 201 `{}`, as a recorded click). */
  clickAnswer?: { status: number; body: unknown };
}

/**
 * Opens a visitor whose shop serves `pages` (path → HTML); `/widget.js` and `/widget-qr.js` are
 * the built files. `device` defaults to a phone, where a tap opens the chat directly.
 */
export async function visit(
  browser: Browser,
  pages: Record<string, string>,
  device: BrowserContextOptions = PHONE,
): Promise<Visit> {
  const result: Visit = { ...(await openPage(browser, device)), beaconTypes: [] };
  const { context } = result;
  const files = widgetFiles();
  await context.route(`${SHOP}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = files.get(path);
    if (file) return route.fulfill({ body: file, contentType: "text/javascript" });
    const html = pages[path];
    if (html === undefined) return route.fulfill({ status: 404, body: "not found" });
    return route.fulfill({ body: html, contentType: "text/html" });
  });
  await context.route("https://wa.me/**", (route) =>
    route.fulfill({ body: "<title>WhatsApp</title>chat", contentType: "text/html" }),
  );
  // Registered last, so it wins over the shop route for the shop's own /v1/clicks.
  await context.route("**/v1/clicks", (route) => {
    const request = route.request();
    result.beacons.push(JSON.parse(request.postData() ?? "null") as ClickBeacon);
    result.beaconTypes.push(request.headers()["content-type"] ?? "");
    const { status, body } = result.clickAnswer ?? { status: 201, body: {} };
    return route.fulfill(clickResponse(request.headers().origin, status, body));
  });
  return result;
}

/** Waits until the widget has defined its element and rendered the floating button (if any). */
export async function widgetReady(page: Page): Promise<void> {
  await page.waitForFunction(() => customElements.get("chatref-button") !== undefined);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
}

/** Wraps a visit's `fn`: the shop's "/" is loaded and the widget ready before it runs. */
export function atShop(fn: (v: Visit) => Promise<void>): (v: Visit) => Promise<void> {
  return async (v) => {
    await v.page.goto(`${SHOP}/`);
    await widgetReady(v.page);
    await fn(v);
  };
}

/**
 * The page shows no chatref button, threw nothing, and fired `codes` (its events' codes, in
 * order): a configuration the widget cannot serve.
 */
export async function expectNoButton(v: Visit, codes: string[]): Promise<void> {
  expect(v.pageErrors).toEqual([]);
  await expect(v.page.locator("chatref-button").count()).resolves.toBe(0);
  const found = (await pageEvents(v.page)).map((e) => e.detail.code);
  expect(found).toEqual(codes);
}

/** Clicks `locator`'s link and returns the URL of the chat tab it opened. */
export async function openChatFrom(visitor: Visit, selector: string): Promise<URL> {
  const popup = visitor.context.waitForEvent("page");
  await visitor.page.locator(selector).getByRole("link").click();
  const tab = await popup;
  await tab.waitForLoadState("domcontentloaded");
  const url = new URL(tab.url());
  await tab.close();
  return url;
}

/** Waits until `count` beacons arrived (sendBeacon is asynchronous). */
export async function waitForBeacons(visitor: Visit, count: number): Promise<ClickBeacon[]> {
  const deadline = Date.now() + 5000;
  while (visitor.beacons.length < count && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
  }
  return visitor.beacons;
}

/**
 * The one beacon a tap sent: exactly one arrived, it passes the Worker's own schema (same
 * contract, nothing written twice) and carries a valid ref.
 */
export async function theOneBeacon(visitor: Visit): Promise<ClickBeacon> {
  const [beacon, ...more] = await waitForBeacons(visitor, 1);
  expect(more).toEqual([]);
  if (!beacon) throw new Error("no beacon");
  expect(clickBeaconSchema.safeParse(beacon).success).toBe(true);
  expect(isValidRef(beacon.ref)).toBe(true);
  return beacon;
}

/** The `chatref:*` events the page recorded. */
export function pageEvents(
  page: Page,
): Promise<{ type: string; detail: Record<string, unknown> }[]> {
  return page.evaluate(() => (window as unknown as { __events: never[] }).__events);
}

/** The requests for widget-qr.js so far. */
export function qrRequests(visitor: Visit): string[] {
  return visitor.requests.filter((r) => r.includes("/widget-qr.js"));
}
