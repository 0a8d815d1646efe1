/**
 * The desktop hand-off in Chromium against the built widget.js and widget-qr.js: on a desktop a
 * tap opens the QR panel (one `qr_panel` beacon, no navigation, the chunk fetched only then), the
 * QR read back from a screenshot is exactly the chat link with that beacon's ref, and the dialog
 * behaves (focus, Esc, close, WhatsApp Web link). On a phone a tap goes straight to the chat.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { findRefCandidates } from "../../worker/attribution/ref-matcher";
import {
  DESKTOP,
  openChatFrom,
  PHONE,
  pageEvents,
  QR_FILE,
  qrRequests,
  readQr,
  SHOP,
  type shopPage,
  theOneBeacon,
  useShopVisits,
  type Visit,
  waitForBeacons,
} from "./harness";

const UTM = "?utm_source=newsletter&utm_medium=email&utm_campaign=black-friday";
const BODY = '<main><chatref-button id="hero" label="Ask a barista"></chatref-button></main>';

const visitShop = useShopVisits(`/${UTM}`);
const withShop = (
  options: Parameters<typeof shopPage>[0],
  device: typeof DESKTOP,
  fn: (v: Visit) => Promise<void>,
) => visitShop({ body: BODY, ...options }, fn, device);

/** Focus as the page sees it: the host element and, inside its shadow root, the part. */
function focused(page: Page) {
  return page.evaluate(() => {
    const host = document.activeElement;
    const inner = host?.shadowRoot?.activeElement;
    return `${host?.id}/${inner?.getAttribute("part") ?? inner?.tagName.toLowerCase()}`;
  });
}

describe("desktop: the button opens the QR panel", () => {
  test("one qr_panel beacon, no navigation; the QR is exactly the chat link with that ref", () =>
    withShop({ head: "<script>window.dataLayer = [];</script>" }, DESKTOP, async (v) => {
      await v.page.waitForTimeout(300);
      expect(qrRequests(v)).toEqual([]); // not at load
      const scrollBefore = await v.page.evaluate(() => document.documentElement.scrollHeight);

      await v.page.locator("#hero").getByRole("link", { name: "Ask a barista" }).click();
      const dialog = v.page.getByRole("dialog", { name: "Ask a barista" });
      await dialog.waitFor();
      expect(qrRequests(v)).toHaveLength(1);
      expect(qrRequests(v)[0]).toMatch(/^GET https:\/\/shop\.test\/widget-qr\.js\?v=[0-9a-f]{10}$/);

      const beacon = await theOneBeacon(v);
      expect(beacon).toMatchObject({
        placement: "qr_panel",
        touch: { utm_source: "newsletter", utm_medium: "email", utm_campaign: "black-friday" },
      });

      const decoded = await readQr(dialog.locator("[part=qr]"));
      const text = `Hello! I'd like to know more. (Ref: ${formatRef(beacon.ref)})`;
      const url = `https://wa.me/15550001111?text=${encodeURIComponent(text)}`;
      expect(decoded).toBe(url);
      expect(findRefCandidates(new URL(url).searchParams.get("text") ?? "")).toEqual([beacon.ref]);

      const web = dialog.getByRole("link", { name: "Open WhatsApp Web/Desktop instead" });
      await expect(web.getAttribute("href")).resolves.toBe(url);
      await expect(web.getAttribute("target")).resolves.toBe("_blank");
      await expect(dialog.getByRole("img", { name: "QR code" }).count()).resolves.toBe(1);
      await expect(
        dialog.getByText("Scan with your phone's camera to continue on WhatsApp").count(),
      ).resolves.toBe(1);
      expect(await dialog.evaluate((d) => d.matches(":modal"))).toBe(true);
      expect(await focused(v.page)).toBe("hero/close"); // focus moved into the dialog

      // No navigation, no new tab, no layout shift.
      expect(v.page.url()).toBe(`${SHOP}/${UTM}`);
      expect(v.context.pages()).toHaveLength(1);
      expect(await v.page.evaluate(() => document.documentElement.scrollHeight)).toBe(scrollBefore);

      const events = await pageEvents(v.page);
      expect(events).toEqual([
        {
          type: "chatref:click",
          detail: { ref: beacon.ref, url, message: text, placement: "qr_panel", site: "demo" },
        },
      ]);
      const layer = await v.page.evaluate(() => (window as { dataLayer?: unknown[] }).dataLayer);
      // No gtag on the page: GA4's tap event goes to dataLayer too (widget/analytics.ts).
      expect(layer).toMatchObject([
        { event: "chatref_click", chatref_placement: "qr_panel" },
        { event: "generate_lead", chatref_placement: "qr_panel", chatref_ref: beacon.ref },
      ]);

      await v.page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      expect(await focused(v.page)).toBe("hero/button"); // focus is back on the button
      expect(v.beacons).toHaveLength(1);
    }));

  test("the WhatsApp Web link opens the same chat without a second beacon; the close button closes", () =>
    withShop({}, DESKTOP, async (v) => {
      const button = v.page.locator("#hero").getByRole("link", { name: "Ask a barista" });
      await button.click();
      const dialog = v.page.getByRole("dialog");
      const tab = v.context.waitForEvent("page");
      await dialog.getByRole("link", { name: /WhatsApp Web/ }).click();
      const chat = await tab;
      await chat.waitForLoadState("domcontentloaded");
      const [beacon] = await waitForBeacons(v, 1);
      expect(chat.url()).toContain(encodeURIComponent(formatRef(beacon?.ref ?? "")));
      await dialog.waitFor({ state: "detached" });
      await v.page.waitForTimeout(200);
      expect(v.beacons).toHaveLength(1);

      await button.click(); // a new panel: a new ref, a second beacon
      await dialog.getByRole("button", { name: "Close" }).click();
      await dialog.waitFor({ state: "detached" });
      expect(await focused(v.page)).toBe("hero/button");
      await button.click();
      await dialog.waitFor();
      await v.page.mouse.click(20, 20); // the backdrop
      await dialog.waitFor({ state: "detached" });
      const beacons = await waitForBeacons(v, 3);
      expect(beacons.map((b) => b.placement)).toEqual(["qr_panel", "qr_panel", "qr_panel"]);
      expect(new Set(beacons.map((b) => b.ref)).size).toBe(3);
    }));

  test("the panel speaks the visitor's language (ru, on a windows-1251 page) and direction (ar)", async () => {
    // widget-qr.js is read in the page's charset like widget.js, so it must be ASCII too.
    expect(readFileSync(QR_FILE).every((b) => b < 0x80)).toBe(true);
    await withShop({ lang: "ru", charset: "windows-1251" }, DESKTOP, async (v) => {
      await v.page.locator("chatref-button[floating]").getByRole("link").click();
      const dialog = v.page.getByRole("dialog", { name: "Написать в WhatsApp" });
      await dialog.waitFor(); // the panel opens once widget-qr.js is there
      await expect(
        dialog.getByText("Отсканируйте камерой телефона, чтобы продолжить в WhatsApp").count(),
      ).resolves.toBe(1);
      await expect(dialog.getByRole("button", { name: "Закрыть" }).count()).resolves.toBe(1);
      const [beacon] = await waitForBeacons(v, 1);
      const decoded = new URL((await readQr(dialog.locator("[part=qr]"))) ?? "about:blank");
      expect(decoded.searchParams.get("text")).toBe(
        `Здравствуйте! Хочу узнать подробнее. (Код: ${formatRef(beacon?.ref ?? "")})`,
      );
    });
    await withShop({ lang: "ar" }, DESKTOP, async (v) => {
      await v.page.locator("chatref-button[floating]").getByRole("link").click();
      const dialog = v.page.getByRole("dialog");
      await dialog.waitFor();
      await expect(dialog.getAttribute("dir")).resolves.toBe("rtl");
      await expect(
        dialog.getByRole("link", { name: "أو افتح واتساب ويب/سطح المكتب" }).count(),
      ).resolves.toBe(1);
    });
  });

  test("desktop=chat on the element, or data-desktop=chat on the script, opens the chat", async () => {
    const scripts = [{ site: "demo", number: "15550001111", desktop: "chat" }];
    await withShop({ scripts }, DESKTOP, async (v) => {
      const chat = await openChatFrom(v, "#hero");
      expect(chat.pathname).toBe("/15550001111");
      const [beacon] = await waitForBeacons(v, 1);
      expect(beacon?.placement).toBe("button");
      expect(qrRequests(v)).toEqual([]);
    });
    const body = '<chatref-button id="hero" desktop="chat" label="Ask a barista"></chatref-button>';
    await withShop({ body }, DESKTOP, async (v) => {
      await openChatFrom(v, "#hero");
      expect((await waitForBeacons(v, 1))[0]?.placement).toBe("button");
      await expect(v.page.getByRole("dialog").count()).resolves.toBe(0);
    });
  });

  test("widget-qr.js unavailable: a chatref:error, and the panel still offers the chat link", () =>
    withShop({}, DESKTOP, async (v) => {
      await v.context.route("**/widget-qr.js*", (route) => route.fulfill({ status: 404 }));
      await v.page.locator("#hero").getByRole("link").click();
      const dialog = v.page.getByRole("dialog");
      await dialog.waitFor();
      const [beacon] = await waitForBeacons(v, 1);
      const link = dialog.getByRole("link", { name: "Ask a barista" });
      await expect(link.getAttribute("href")).resolves.toContain(
        encodeURIComponent(formatRef(beacon?.ref ?? "")),
      );
      await expect(dialog.locator("[part=qr]").count()).resolves.toBe(0);
      const errors = (await pageEvents(v.page)).filter((e) => e.type === "chatref:error");
      expect(errors.map((e) => e.detail.code)).toEqual(["qr_unavailable"]);
      expect(v.pageErrors).toEqual([]);
      await v.page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
    }));

  test("a link too long for a QR code: the panel keeps the link, a chatref:error says why", () =>
    withShop(
      {
        body: `<chatref-button id="hero" message="${"Long question. ".repeat(200)}{ref}"></chatref-button>`,
      },
      DESKTOP,
      async (v) => {
        await v.page.locator("#hero").getByRole("link").click();
        const dialog = v.page.getByRole("dialog");
        await dialog.waitFor();
        const [beacon] = await waitForBeacons(v, 1);
        await expect(dialog.locator("[part=qr]").count()).resolves.toBe(0);
        await expect(
          dialog.getByRole("link", { name: /WhatsApp Web/ }).getAttribute("href"),
        ).resolves.toContain(formatRef(beacon?.ref ?? ""));
        const errors = (await pageEvents(v.page)).filter((e) => e.type === "chatref:error");
        expect(errors.map((e) => e.detail.code)).toEqual(["qr_unavailable"]);
        expect(v.pageErrors).toEqual([]);
      },
    ));

  test("widget-qr.js included by hand, twice, is harmless", () =>
    withShop(
      { head: '<script src="/widget-qr.js"></script><script src="/widget-qr.js"></script>' },
      DESKTOP,
      async (v) => {
        await v.page.locator("#hero").getByRole("link").click();
        const dialog = v.page.getByRole("dialog");
        await dialog.waitFor();
        await v.page.addScriptTag({ url: "/widget-qr.js" });
        const [beacon] = await waitForBeacons(v, 1);
        expect(await readQr(dialog.locator("[part=qr]"))).toContain(
          encodeURIComponent(formatRef(beacon?.ref ?? "")),
        );
        expect(v.pageErrors).toEqual([]);
      },
    ));
});

describe("phone: straight to the chat", () => {
  test("no panel, no QR chunk, wa.me with a button beacon", () =>
    withShop({}, PHONE, async (v) => {
      const chat = await openChatFrom(v, "#hero");
      const [beacon, ...more] = await waitForBeacons(v, 1);
      expect(more).toEqual([]);
      expect(beacon?.placement).toBe("button");
      expect(chat.origin + chat.pathname).toBe("https://wa.me/15550001111");
      expect(chat.searchParams.get("text")).toContain(formatRef(beacon?.ref ?? ""));
      await v.page.waitForTimeout(300);
      await expect(v.page.getByRole("dialog").count()).resolves.toBe(0);
      expect(qrRequests(v)).toEqual([]);
    }));
});
