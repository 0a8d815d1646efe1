/**
 * A person on the local product's demo page (e2e and dashboard tests on `npm start`): a browser
 * context of a device whose chat-app links open a stub page, the page's errors collected, the
 * click beacon the widget sends, the chat a tap opens, and a beacon posted the way the demo page
 * posts it.
 */
import type { Browser, BrowserContextOptions, Locator, Page, Request } from "playwright-core";
import { expect } from "vitest";
import { mintRef } from "../../widget/protocol/ref-codec";
import { findRefCandidates } from "../../worker/attribution/ref-matcher";
import { DEMO } from "./local-worker";

/** Collects the page's uncaught errors (a test ends with `expect(errors).toEqual([])`). */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

/**
 * A new context of `device` with one page; links to each of `chatApps` (host → app name) open a
 * stub page instead of the real app.
 */
export async function openVisit(
  browser: Browser,
  device: BrowserContextOptions,
  chatApps: Record<string, string> = {},
) {
  const context = await browser.newContext(device);
  for (const [host, name] of Object.entries(chatApps))
    await context.route(`https://${host}/**`, (route) =>
      route.fulfill({ contentType: "text/html", body: `<h1>${name}</h1>` }),
    );
  const page = await context.newPage();
  return { context, page, errors: pageErrors(page) };
}

/** The next click beacon the page sends (POST …/v1/clicks). */
export const nextBeacon = (page: Page) =>
  page.waitForRequest((r) => r.url().endsWith("/v1/clicks") && r.method() === "POST");

/** Taps `link` and returns the URL of the chat it opens (a new page of the context). */
export async function tapToChat(page: Page, link: Locator): Promise<URL> {
  const popup = page.context().waitForEvent("page");
  await link.tap();
  return new URL((await popup).url());
}

/**
 * A visit (on a phone: `device`) to the demo page with `query` that taps its WhatsApp button: the
 * chat opened is the demo number's wa.me link, its prefilled text carries a ref. Returns the
 * visit, the beacon, the text and the ref.
 */
export async function tapDemoWhatsApp(
  browser: Browser,
  device: BrowserContextOptions,
  base: string,
  query: string,
) {
  const visit = await openVisit(browser, device, { "wa.me": "WhatsApp" });
  await visit.page.goto(`${base}/demo/?${query}`);
  const beacon = nextBeacon(visit.page);
  const chatUrl = await tapToChat(
    visit.page,
    visit.page.getByRole("link", { name: /whatsapp/i }).first(),
  );
  expect(chatUrl.host).toBe("wa.me");
  expect(chatUrl.pathname).toBe(`/${DEMO.number}`);
  const text = chatUrl.searchParams.get("text") ?? "";
  const [ref] = findRefCandidates(text);
  expect(ref).toBeDefined();
  return { ...visit, beacon, text, ref: ref ?? "" };
}

/** What a beacon sent, once its answer is in (so the click is stored before a message). */
export async function landed(beacon: Promise<Request>) {
  const request = await beacon;
  const sent = JSON.parse(request.postData() ?? "{}");
  const answer = await request.response().catch(() => null);
  return { sent, status: answer?.status() };
}

/** A phone number unique to this run (`prefix` + the clock's last seven digits). */
export const runPhone = (prefix = "1555") => `${prefix}${Date.now().toString().slice(-7)}`;

/**
 * Posts a click beacon for the demo site as its page does (a button on /demo/ unless `fields`
 * say otherwise); asserts it is stored and returns its ref.
 */
export async function postDemoBeacon(base: string, fields: Record<string, unknown>) {
  const ref = mintRef();
  const res = await fetch(`${base}/v1/clicks`, {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8", origin: base },
    body: JSON.stringify({
      site: DEMO.site,
      ref,
      placement: "button",
      page_url: `${base}/demo/`,
      ...fields,
    }),
  });
  expect(res.status).toBe(201);
  return ref;
}
