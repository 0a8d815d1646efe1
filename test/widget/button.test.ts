/**
 * `<chatref-button>` in Chromium, against the built widget.js: the tap (one valid beacon, the
 * wa.me link with the ref, events, dataLayer) and languages.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { formatRef, isValidRef } from "../../widget/protocol/ref-codec";
import { findRefCandidates } from "../../worker/attribution/ref-matcher";
import { clickBeaconSchema } from "../../worker/ingest/click-schema";
import { CANCEL_NAV, openChatFrom, pageEvents, UTM, waitForBeacons } from "./button-helpers";
import { SHOP, useShopVisits, WIDGET_FILE, widgetReady } from "./harness";

const withShop = useShopVisits();

describe("tap", () => {
  test("sends exactly one valid beacon and opens wa.me with the ref in the text", () =>
    withShop({ head: "<script>window.dataLayer = [];</script>" }, async (v) => {
      await v.page.goto(`${SHOP}/${UTM}`);
      await widgetReady(v.page);
      const chat = await openChatFrom(v, "chatref-button[floating]");
      await v.page.waitForTimeout(300);
      const beacons = await waitForBeacons(v, 1);
      expect(beacons).toHaveLength(1);
      const beacon = beacons[0];
      if (!beacon) throw new Error("no beacon");
      // The worker's own schema: same contract, nothing written twice.
      expect(clickBeaconSchema.safeParse(beacon).success).toBe(true);
      expect(isValidRef(beacon.ref)).toBe(true);
      expect(beacon).toMatchObject({
        site: "demo",
        placement: "button",
        page_url: `${SHOP}/${UTM}`,
        lang: "en",
        touch: {
          utm_source: "google",
          utm_medium: "cpc",
          utm_campaign: "spring-sale",
          gclid: "TEST123",
        },
      });
      expect(v.beaconTypes[0]).toMatch(/^text\/plain/);

      expect(chat.origin + chat.pathname).toBe("https://wa.me/15550001111");
      const text = chat.searchParams.get("text") ?? "";
      expect(text).toBe(`Hello! I'd like to know more. (Ref: ${formatRef(beacon.ref)})`);
      expect(findRefCandidates(text)).toEqual([beacon.ref]);

      const events = await pageEvents(v.page);
      expect(events).toEqual([
        {
          type: "chatref:click",
          detail: {
            ref: beacon.ref,
            url: `https://wa.me/15550001111?text=${encodeURIComponent(text)}`,
            message: text,
            placement: "button",
            site: "demo",
          },
        },
      ]);
      const layer = await v.page.evaluate(
        () => (window as unknown as { dataLayer: unknown[] }).dataLayer,
      );
      expect(layer).toEqual([
        {
          event: "chatref_click",
          chatref_ref: beacon.ref,
          chatref_placement: "button",
          chatref_site: "demo",
          chatref_lang: "en",
        },
        // No gtag on the page: GA4's tap event goes to dataLayer (widget/analytics.ts).
        {
          event: "generate_lead",
          chatref_ref: beacon.ref,
          chatref_placement: "button",
          chatref_channel: "whatsapp",
        },
      ]);
    }));

  test("each tap mints a new ref and sends its own beacon", () =>
    withShop({ body: "<chatref-button id=inline></chatref-button>" }, async (v) => {
      await v.page.goto(`${SHOP}/`);
      await widgetReady(v.page);
      const a = await openChatFrom(v, "#inline");
      const b = await openChatFrom(v, "#inline");
      const beacons = await waitForBeacons(v, 2);
      expect(beacons.map((x) => x.ref)).toHaveLength(2);
      expect(beacons[0]?.ref).not.toBe(beacons[1]?.ref);
      expect(a.searchParams.get("text")).toContain(formatRef(beacons[0]?.ref ?? ""));
      expect(b.searchParams.get("text")).toContain(formatRef(beacons[1]?.ref ?? ""));
    }));

  test("Enter on the focused link opens the chat; the link has an accessible name and a 44px target", () =>
    withShop({}, async (v) => {
      await v.page.goto(`${SHOP}/`);
      await widgetReady(v.page);
      const link = v.page.getByRole("link", { name: "Chat on WhatsApp" });
      await expect(link.count()).resolves.toBe(1);
      const box = await link.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
      expect(box?.width).toBeGreaterThanOrEqual(44);
      await v.page.keyboard.press("Tab");
      const focused = await v.page.evaluate(
        () => document.activeElement?.shadowRoot?.activeElement?.getAttribute("part") ?? null,
      );
      expect(focused).toBe("button");
      const popup = v.context.waitForEvent("page");
      await v.page.keyboard.press("Enter");
      const tab = await popup;
      await tab.waitForLoadState("domcontentloaded");
      const [beacon] = await waitForBeacons(v, 1);
      expect(new URL(tab.url()).searchParams.get("text")).toContain(formatRef(beacon?.ref ?? ""));
    }));
});

describe("languages", () => {
  const expected: Record<string, { label: string; message: (ref: string) => string; dir: string }> =
    {
      ru: {
        label: "Написать в WhatsApp",
        message: (r) => `Здравствуйте! Хочу узнать подробнее. (Код: ${r})`,
        dir: "ltr",
      },
      zh: {
        label: "WhatsApp 咨询",
        message: (r) => `您好！我想了解更多信息。（参考编号：${r}）`,
        dir: "ltr",
      },
      es: {
        label: "Chatear por WhatsApp",
        message: (r) => `¡Hola! Me gustaría saber más. (Ref.: ${r})`,
        dir: "ltr",
      },
      pt: {
        label: "Conversar no WhatsApp",
        message: (r) => `Olá! Gostaria de saber mais. (Ref.: ${r})`,
        dir: "ltr",
      },
      ar: {
        label: "تواصل عبر واتساب",
        message: (r) => `مرحبًا! أود معرفة المزيد. (رقم المرجع: ${r})`,
        dir: "rtl",
      },
      id: {
        label: "Chat lewat WhatsApp",
        message: (r) => `Halo! Saya ingin tahu lebih lanjut. (Ref: ${r})`,
        dir: "ltr",
      },
    };

  for (const [lang, want] of Object.entries(expected)) {
    test(`${lang}: label, direction and message from <html lang>`, () =>
      withShop({ lang: lang === "pt" ? "pt-BR" : lang, head: CANCEL_NAV }, async (v) => {
        await v.page.goto(`${SHOP}/`);
        await widgetReady(v.page);
        const link = v.page.locator("chatref-button[floating]").getByRole("link");
        await expect(link.textContent()).resolves.toBe(want.label);
        await expect(link.getAttribute("dir")).resolves.toBe(want.dir);
        await expect(link.getAttribute("lang")).resolves.toBe(lang);
        await link.click();
        const [beacon] = await waitForBeacons(v, 1);
        const ref = beacon?.ref ?? "";
        expect(beacon?.lang).toBe(lang);
        const [event] = await pageEvents(v.page);
        expect(event?.detail.message).toBe(want.message(formatRef(ref)));
        expect(findRefCandidates(String(event?.detail.message))).toEqual([ref]);
        expect(v.page.url()).toBe(`${SHOP}/`); // navigation was cancelled by the listener
      }));
  }

  test("data-lang beats <html lang>; the element's lang beats both; unknown falls back to en", () =>
    withShop(
      {
        lang: "en",
        head: CANCEL_NAV,
        scripts: [{ site: "demo", number: "15550001111", lang: "es" }],
        body: '<chatref-button id="ru" lang="ru"></chatref-button><chatref-button id="xx" lang="xx"></chatref-button>',
      },
      async (v) => {
        await v.page.goto(`${SHOP}/`);
        await widgetReady(v.page);
        const label = (sel: string) => v.page.locator(sel).getByRole("link").textContent();
        await expect(label("chatref-button[floating]")).resolves.toBe("Chatear por WhatsApp");
        await expect(label("#ru")).resolves.toBe("Написать в WhatsApp");
        await expect(label("#xx")).resolves.toBe("Chatear por WhatsApp");
      },
    ));

  test("labels survive a host page in a legacy encoding (widget.js is ASCII-only)", () =>
    withShop(
      {
        charset: "windows-1251",
        body: '<chatref-button id="ru" lang="ru"></chatref-button><chatref-button id="zh" lang="zh"></chatref-button>',
      },
      async (v) => {
        const bytes = readFileSync(WIDGET_FILE);
        expect(bytes.every((b) => b < 0x80)).toBe(true);
        await v.page.goto(`${SHOP}/`);
        await widgetReady(v.page);
        expect(await v.page.evaluate(() => document.characterSet)).toBe("windows-1251");
        await expect(v.page.locator("#ru").getByRole("link").textContent()).resolves.toBe(
          "Написать в WhatsApp",
        );
        await expect(v.page.locator("#zh").getByRole("link").textContent()).resolves.toBe(
          "WhatsApp 咨询",
        );
      },
    ));
});
