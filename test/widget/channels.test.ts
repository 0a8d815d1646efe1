/**
 * Several chat apps (WhatsApp, Telegram, Messenger, Instagram) in Chromium, against the built
 * widget.js: each app's deep link carries the visit's ref, the beacon names the app, several
 * apps open an accessible chooser (keyboard, names, RTL), one app opens directly, and invalid
 * app names are left out with a warning, never thrown.
 */
import { describe, expect, test } from "vitest";
import { focusedText, TWO_APPS, tabFrom, withApps, withTwoApps } from "./channel-harness";
import {
  atShop,
  DESKTOP,
  expectNoButton,
  pageEvents,
  readQr,
  SHOP,
  theOneBeacon,
  useBrowser,
  waitForBeacons,
  widgetReady,
} from "./harness";

const chromium = useBrowser();

const UTM = "?utm_source=google&utm_medium=cpc&utm_campaign=spring-sale";
/** Telegram's start parameter: up to 64 of A-Z a-z 0-9 _ - (protocols.md §3.3). */
const TELEGRAM_START = /^[A-Za-z0-9_-]{1,64}$/;

describe("one app", () => {
  test.each([
    [
      "telegram",
      { telegram: "lumen_demo_bot" },
      "Telegram",
      (r: string) => `https://t.me/lumen_demo_bot?start=${r}`,
    ],
    [
      "messenger",
      { messenger: "lumen.coffee" },
      "Messenger",
      (r: string) => `https://m.me/lumen.coffee?ref=${r}`,
    ],
    [
      "instagram",
      { instagram: "lumen_coffee" },
      "Instagram",
      (r: string) => `https://ig.me/m/lumen_coffee?ref=${r}`,
    ],
  ])(
    "%s alone: the button opens its deep link with the ref, and the beacon names the app",
    (channel, data, name, link) =>
      withApps(chromium.browser, { scripts: [{ site: "demo", ...data }] }, async (v) => {
        await v.page.goto(`${SHOP}/${UTM}`);
        await widgetReady(v.page);
        const button = v.page
          .locator("chatref-button[floating]")
          .getByRole("link", { name: `Chat on ${name}` });
        await expect(button.getAttribute("aria-haspopup")).resolves.toBeNull();
        const url = await tabFrom(v, () => button.click());
        const beacon = await theOneBeacon(v);
        expect(beacon).toMatchObject({
          channel,
          placement: "button",
          touch: { utm_campaign: "spring-sale" },
        });
        expect(url.href).toBe(link(beacon.ref));
        if (channel === "telegram") expect(url.searchParams.get("start")).toMatch(TELEGRAM_START);
        await expect(v.page.getByRole("dialog").count()).resolves.toBe(0);
        expect(v.pageErrors).toEqual([]);
      }),
  );

  test("WhatsApp alone: no chooser, wa.me as before, and the beacon says whatsapp", () =>
    withApps(chromium.browser, {}, async (v) => {
      await v.page.goto(`${SHOP}/`);
      await widgetReady(v.page);
      const button = v.page
        .locator("chatref-button[floating]")
        .getByRole("link", { name: "Chat on WhatsApp" });
      await expect(button.getAttribute("aria-haspopup")).resolves.toBeNull();
      const url = await tabFrom(v, () => button.click());
      const [beacon] = await waitForBeacons(v, 1);
      expect(url.origin + url.pathname).toBe("https://wa.me/15550001111");
      expect(beacon?.channel).toBe("whatsapp");
      await expect(v.page.getByRole("dialog").count()).resolves.toBe(0);
    }));

  test("channel= on an element offers only that app among several", () =>
    withApps(
      chromium.browser,
      {
        scripts: [{ ...TWO_APPS, instagram: "lumen_coffee", position: "none" }],
        body: '<chatref-button id="ig" channel="instagram"></chatref-button>',
      },
      async (v) => {
        await v.page.goto(`${SHOP}/`);
        await widgetReady(v.page);
        const button = v.page.locator("#ig").getByRole("link", { name: "Chat on Instagram" });
        const url = await tabFrom(v, () => button.click());
        const [beacon] = await waitForBeacons(v, 1);
        expect(beacon?.channel).toBe("instagram");
        expect(url.href).toBe(`https://ig.me/m/lumen_coffee?ref=${beacon?.ref}`);
      },
    ));
});

describe("chooser", () => {
  test("several apps: a tap opens a named dialog of the apps; arrows move, Enter opens the app", () =>
    withApps(chromium.browser, { scripts: [TWO_APPS] }, async (v) => {
      await v.page.goto(`${SHOP}/${UTM}`);
      await widgetReady(v.page);
      const button = v.page
        .locator("chatref-button[floating]")
        .getByRole("link", { name: "Chat with us" });
      await expect(button.getAttribute("aria-haspopup")).resolves.toBe("dialog");
      await button.click();
      const dialog = v.page.getByRole("dialog", { name: "Chat with us" });
      await dialog.waitFor();
      expect(await dialog.evaluate((d) => d.matches(":modal"))).toBe(true);
      await expect(dialog.getByRole("link").allTextContents()).resolves.toEqual([
        "WhatsApp",
        "Telegram",
      ]);
      // Opening the chooser mints nothing and sends nothing.
      expect(v.beacons).toEqual([]);
      expect(v.context.pages()).toHaveLength(1);
      expect(await focusedText(v.page)).toBe("WhatsApp");
      await v.page.keyboard.press("ArrowDown");
      expect(await focusedText(v.page)).toBe("Telegram");
      await v.page.keyboard.press("ArrowDown");
      expect(await focusedText(v.page)).toBe("WhatsApp");
      await v.page.keyboard.press("End");
      expect(await focusedText(v.page)).toBe("Telegram");
      const url = await tabFrom(v, () => v.page.keyboard.press("Enter"));
      const [beacon, ...more] = await waitForBeacons(v, 1);
      expect(more).toEqual([]);
      expect(beacon).toMatchObject({ channel: "telegram", placement: "button" });
      expect(url.href).toBe(`https://t.me/lumen_demo_bot?start=${beacon?.ref}`);
      await dialog.waitFor({ state: "detached" });
      const clicks = (await pageEvents(v.page)).filter((e) => e.type === "chatref:click");
      expect(clicks.map((e) => e.detail.url)).toEqual([url.href]);
    }));

  test("Esc closes the chooser and gives the focus back to the button", () =>
    withTwoApps(chromium.browser, async (v) => {
      await v.page.locator("chatref-button[floating]").getByRole("link").focus();
      await v.page.keyboard.press("Enter");
      const dialog = v.page.getByRole("dialog");
      await dialog.waitFor();
      await v.page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      expect(await focusedText(v.page)).toBe("Chat with us");
      expect(v.beacons).toEqual([]);
    }));

  test("Arabic: the chooser is right to left and localised", () =>
    withApps(chromium.browser, { lang: "ar", scripts: [TWO_APPS] }, async (v) => {
      await v.page.goto(`${SHOP}/`);
      await widgetReady(v.page);
      await v.page
        .locator("chatref-button[floating]")
        .getByRole("link", { name: "تواصل معنا" })
        .click();
      const dialog = v.page.getByRole("dialog", { name: "تواصل معنا" });
      await dialog.waitFor();
      await expect(dialog.getAttribute("dir")).resolves.toBe("rtl");
      await expect(dialog.getByRole("button", { name: "إغلاق" }).count()).resolves.toBe(1);
      await expect(dialog.getByRole("link").allTextContents()).resolves.toEqual([
        "واتساب",
        "Telegram",
      ]);
      // Each app's glyph leads its link, on the right in RTL.
      const sides = await dialog.getByRole("link").evaluateAll((els) =>
        els.map((e) => {
          const link = e.getBoundingClientRect();
          const icon = e.querySelector("svg")?.getBoundingClientRect();
          return icon ? icon.left > link.left + link.width / 2 : null;
        }),
      );
      expect(sides).toEqual([true, true]);
    }));

  test("desktop: picking Telegram shows the QR of its deep link with the ref", () =>
    withTwoApps(
      chromium.browser,
      async (v) => {
        await v.page.locator("chatref-button[floating]").getByRole("link").click();
        const dialog = v.page.getByRole("dialog");
        await dialog.getByRole("link", { name: "Telegram" }).click();
        await dialog.locator("[part=qr]").waitFor();
        const [beacon] = await waitForBeacons(v, 1);
        expect(beacon).toMatchObject({ channel: "telegram", placement: "qr_panel" });
        const url = `https://t.me/lumen_demo_bot?start=${beacon?.ref}`;
        expect(await readQr(dialog.locator("[part=qr]"))).toBe(url);
        await expect(
          dialog.getByText("Scan with your phone's camera to continue on Telegram").count(),
        ).resolves.toBe(1);
        const web = dialog.getByRole("link", { name: "Open Telegram Web/Desktop instead" });
        await expect(web.getAttribute("href")).resolves.toBe(url);
        expect(await focusedText(v.page)).toBe("Close");
        expect(v.context.pages()).toHaveLength(1);
      },
      DESKTOP,
    ));
});

describe("invalid names", () => {
  test("are left out with one warning and an event, never thrown", () =>
    withApps(
      chromium.browser,
      {
        scripts: [
          {
            site: "demo",
            number: "15550001111",
            telegram: "lumen_demo",
            messenger: "evil.test/phish?x=",
            instagram: "lumen_coffee",
          },
        ],
      },
      atShop(async (v) => {
        expect(v.pageErrors).toEqual([]);
        await expect
          .poll(() => v.warnings.filter((w) => w.includes("ignored invalid")))
          .toEqual([
            '[chatref] ignored invalid data-telegram="lumen_demo", data-messenger="evil.test/phish?x="',
          ]);
        const codes = (await pageEvents(v.page)).map((e) => e.detail.code);
        expect(codes).toEqual(["invalid_app"]);
        await v.page.locator("chatref-button[floating]").getByRole("link").click();
        const dialog = v.page.getByRole("dialog");
        await dialog.waitFor();
        await expect(dialog.getByRole("link").allTextContents()).resolves.toEqual([
          "WhatsApp",
          "Instagram",
        ]);
        // A name that would change the link's host or path never reaches a link.
        const hrefs = await dialog
          .getByRole("link")
          .evaluateAll((els) => els.map((e) => e.getAttribute("href")));
        expect(hrefs).toEqual(["https://wa.me/15550001111", "https://ig.me/m/lumen_coffee"]);
      }),
    ));

  test("with no valid app and no number: no button, the missing-app error, no throw", () =>
    withApps(
      chromium.browser,
      { scripts: [{ site: "demo", telegram: "nobot_here" }] },
      atShop((v) => expectNoButton(v, ["invalid_app", "missing_number"])),
    ));

  test("a channel= naming an app that is not configured renders nothing and reports", () =>
    withApps(
      chromium.browser,
      {
        scripts: [{ ...TWO_APPS, position: "none" }],
        body: '<chatref-button id="m" channel="messenger"></chatref-button>',
      },
      async (v) => {
        await v.page.goto(`${SHOP}/`);
        await widgetReady(v.page);
        await v.page.waitForFunction(
          () =>
            (window as unknown as { __events: { detail: { code: string } }[] }).__events.length > 0,
        );
        await expect(v.page.locator("#m").getByRole("link").count()).resolves.toBe(0);
        const codes = (await pageEvents(v.page)).map((e) => e.detail.code);
        expect(codes).toEqual(["missing_number"]);
        expect(v.pageErrors).toEqual([]);
      },
    ));
});
