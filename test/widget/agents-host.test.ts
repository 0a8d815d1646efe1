/**
 * The agents panel on hard host pages (host-pages.ts): a strict CSP with Trusted Types enforced
 * (`trusted-types chatref`) — the panel, the agent's photo from the page's own origin and the
 * chat work with no violation; a page that refuses the policy gets the plain link to
 * `data-number` and fetches no chunk; where widget-agents.js cannot load, the tap offers the
 * tag's own number. And screenshots of the panel at 1280 and 390 px, left to
 * right and in Arabic, saved to /tmp/awidget/ for a person to look at, with the layout checks a
 * person would make (inside the viewport, mirrored in Arabic, names not cut).
 */
import { mkdirSync } from "node:fs";
import type { BrowserContextOptions } from "playwright-core";
import { describe, expect, test } from "vitest";
import { ANA, BRUNO, CHEN, NOW } from "./agents-helpers";
import { tabFrom } from "./channel-harness";
import { DESKTOP, PHONE } from "./harness";
import { beaconsAfter, type HostVisit, SHOP, TT_CHATREF, TT_NONE } from "./host-pages";
import { useShopVisits } from "./shop-visits";

const withShop = useShopVisits();
const SHOTS = "/tmp/awidget";
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** A visit of the host page listing `agents`, under `csp`, at NOW in Berlin. */
async function withHost(
  options: { csp?: string; device?: BrowserContextOptions; html?: string; agents?: unknown[] },
  fn: (v: HostVisit) => Promise<void>,
): Promise<void> {
  const agents = JSON.stringify(options.agents ?? [ANA, BRUNO, CHEN]).replace(/"/g, "&quot;");
  return withShop(
    {
      page: { html: options.html, data: { agents, timezone: "Europe/Berlin", offline: "notice" } },
      csp: options.csp,
      device: { ...(options.device ?? PHONE), timezoneId: "Europe/Berlin" },
      before: async (v) => {
        await v.context.clock.setFixedTime(NOW);
        await v.context.route(`${SHOP}/ana.png`, (r) =>
          r.fulfill({ body: PNG, contentType: "image/png" }),
        );
        await v.context.route(/^https:\/\/t\.me\//, (r) =>
          r.fulfill({ body: "chat", contentType: "text/html" }),
        );
      },
    },
    async (v) => {
      await v.page.locator("chatref-button[floating]").getByRole("link").waitFor();
      await fn(v);
    },
  );
}

const floating = (v: HostVisit) =>
  v.page.locator("chatref-button[floating]").getByRole("link").first();

describe("a strict CSP", () => {
  test("Trusted Types enforced: the panel, the photo and the agent's chat, with no violation", () =>
    withHost({ csp: TT_CHATREF }, async (v) => {
      await floating(v).tap();
      const panel = v.page.getByRole("dialog", { name: "Chat with our team" });
      await panel.waitFor();
      await expect
        .poll(() =>
          panel
            .locator(".pic img")
            .first()
            .evaluate((i: HTMLImageElement) => i.naturalWidth),
        )
        .toBe(1);
      const url = await tabFrom(v, () => panel.getByRole("link", { name: /^Ana Souza/ }).tap());
      expect(url.origin + url.pathname).toBe("https://wa.me/5511912345678");
      const [beacon] = await beaconsAfter(v, 1);
      expect(beacon?.agent).toBe("Ana Souza");
      await expect(v.violations()).resolves.toEqual([]);
    }));

  test("the policy refused: a plain link to data-number, no chunk fetched", () =>
    withHost({ csp: TT_NONE }, async (v) => {
      const url = await tabFrom(v, () => floating(v).tap());
      expect(url.origin + url.pathname).toBe("https://wa.me/15550001111");
      expect(v.requests.filter((r) => /widget-(ui|agents)\.js/.test(r))).toEqual([]);
      const codes = (await v.events()).map((e) => e.detail.code).filter(Boolean);
      expect(codes).toEqual(["trusted_types"]);
    }));
});

describe("widget-agents.js unavailable", () => {
  test("one agents_unavailable; the tap offers the tag's own number, which opens with a ref", () =>
    withHost({}, async (v) => {
      await v.context.route("**/widget-agents.js*", (r) => r.fulfill({ status: 404, body: "" }));
      await floating(v).tap();
      const dialog = v.page.getByRole("dialog");
      await dialog.waitFor();
      const url = await tabFrom(v, () => dialog.getByRole("link").first().tap());
      expect(url.origin + url.pathname).toBe("https://wa.me/15550001111");
      expect(url.searchParams.get("text")).toMatch(/\(Ref: [0-9A-Z]{5}-[0-9A-Z]{5}\)$/);
      const codes = (await v.events()).map((e) => e.detail.code).filter(Boolean);
      expect(codes).toEqual(["agents_unavailable"]);
    }));
});

describe("screenshots at 1280 and 390 px, left to right and in Arabic", () => {
  mkdirSync(SHOTS, { recursive: true });
  const CASES = [
    { name: "en-1280", device: DESKTOP, html: 'lang="en"', title: "Chat with our team" },
    { name: "en-390", device: PHONE, html: 'lang="en"', title: "Chat with our team" },
    { name: "ar-1280", device: DESKTOP, html: 'lang="ar" dir="rtl"', title: "تواصل مع فريقنا" },
    { name: "ar-390", device: PHONE, html: 'lang="ar" dir="rtl"', title: "تواصل مع فريقنا" },
  ];
  for (const c of CASES)
    test(c.name, () =>
      withHost({ device: c.device, html: c.html }, async (v) => {
        await floating(v).click();
        const panel = v.page.getByRole("dialog", { name: c.title });
        await panel.waitFor();
        await v.page.waitForTimeout(400);
        await v.page.screenshot({ path: `${SHOTS}/agents-${c.name}.png` });
        const view = v.page.viewportSize() as { width: number; height: number };
        const box = await panel.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= view.width).toBe(true);
        // The photo sits at the start of the row: the left, or the right in Arabic.
        const row = panel.locator("[part=agent]").first();
        const pic = (await row.locator(".pic").boundingBox())?.x ?? 0;
        const who = (await row.locator(".who").boundingBox())?.x ?? 0;
        expect(c.name.startsWith("ar") ? pic > who : pic < who).toBe(true);
        // No name is cut short.
        const cut = await panel
          .locator(".who b")
          .evaluateAll((bs) => bs.filter((b) => b.scrollWidth > b.clientWidth).length);
        expect(cut).toBe(0);
      }),
    );
});
