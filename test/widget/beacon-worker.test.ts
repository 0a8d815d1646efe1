/**
 * Rejected beacons against the real Worker (`npm start`, the seeded demo site allowing only
 * http://127.0.0.1:* and http://localhost:*): the built widget on the demo page, reached under a
 * host name the site does not allow, and with a `data-site` the Worker does not know. Each tap
 * still opens the chat, and the page hears the Worker's own refusal as one `chatref:error`.
 */
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumOptions, type LocalWorker, startLocalWorker } from "../support/local-worker";
import { PHONE } from "./harness";

/** A host name that Chromium resolves to the local Worker, and the demo site does not allow. */
const OTHER_HOST = "shop.example";

let worker: LocalWorker;
let browser: Browser;

beforeAll(async () => {
  const options = chromiumOptions();
  [worker, browser] = await Promise.all([
    startLocalWorker(),
    chromium.launch({
      ...options,
      args: [...options.args, `--host-resolver-rules=MAP ${OTHER_HOST} 127.0.0.1`],
    }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

/** Opens `url` on a phone (chat apps stubbed), taps the floating button's WhatsApp, and returns
 * the chat's URL, the Worker's status and the page's `chatref:error` details. */
async function tapWhatsApp(url: string, init?: (page: Page) => Promise<unknown>) {
  const context = await browser.newContext(PHONE);
  try {
    await context.route("https://wa.me/**", (route) =>
      route.fulfill({ body: "<title>WhatsApp</title>chat", contentType: "text/html" }),
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(() => {
      const w = window as unknown as { __errors: unknown[] };
      w.__errors = [];
      document.addEventListener("chatref:error", (e) => w.__errors.push((e as CustomEvent).detail));
    });
    await init?.(page);
    await page.goto(url);
    await page.waitForFunction(() => customElements.get("chatref-button") !== undefined);
    // The demo page offers several apps: the floating button opens the chooser.
    await page.locator("chatref-button[floating]").getByRole("link").click();
    const answered = page.waitForResponse((r) => r.url().endsWith("/v1/clicks"));
    const popup = context.waitForEvent("page");
    await page.getByRole("dialog").getByRole("link", { name: "WhatsApp", exact: true }).click();
    const chat = await popup;
    const status = (await answered).status();
    await page.waitForFunction(() =>
      (window as unknown as { __errors: { code: string }[] }).__errors.some(
        (e) => e.code === "beacon_rejected",
      ),
    );
    const details = await page.evaluate(
      () => (window as unknown as { __errors: unknown[] }).__errors,
    );
    return { chat: new URL(chat.url()), status, details, errors };
  } finally {
    await context.close();
  }
}

/** The one `chatref:error` detail of a beacon the Worker answered `status` / `reason`, saying `why`. */
const rejectedOnce = (status: number, reason: string, why: string) => [
  {
    code: "beacon_rejected",
    status,
    reason,
    message: `click beacon rejected (${status} ${reason}): ${why}`,
  },
];

describe("rejected beacons, real Worker", () => {
  test("a page on an origin the site does not allow: 403 forbidden, told to the page", async () => {
    const port = new URL(worker.base).port;
    const origin = `http://${OTHER_HOST}:${port}`;
    const { chat, status, details, errors } = await tapWhatsApp(`${origin}/demo/`);
    expect(chat.host).toBe("wa.me");
    expect(status).toBe(403);
    expect(details).toEqual(
      rejectedOnce(403, "forbidden", `Origin ${origin} is not allowed for site "demo"`),
    );
    expect(errors).toEqual([]);
  });

  test("an unknown data-site: 404 not_found, told to the page", async () => {
    const { chat, status, details } = await tapWhatsApp(`${worker.base}/demo/`, (page) =>
      // Renames the demo page's site key as the parser inserts the widget's tag.
      page.addInitScript(() => {
        new MutationObserver((records) => {
          for (const r of records)
            for (const n of r.addedNodes)
              if (n instanceof HTMLScriptElement && n.dataset.site) n.dataset.site = "nope";
        }).observe(document, { childList: true, subtree: true });
      }),
    );
    expect(chat.host).toBe("wa.me");
    expect(status).toBe(404);
    expect(details).toEqual(rejectedOnce(404, "not_found", 'Unknown site "nope"'));
  });
});
