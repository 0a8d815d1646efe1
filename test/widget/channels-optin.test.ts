/**
 * The opt-in checkbox with other chat apps: its text names WhatsApp, so a button without
 * WhatsApp shows no box, and a chooser's non-WhatsApp pick sends no opt-in as evidence.
 */
import { describe, expect, test } from "vitest";
import { TWO_APPS, tabFrom, withApps } from "./channel-harness";
import { SHOP, useBrowser, waitForBeacons, widgetReady } from "./harness";

const chromium = useBrowser();

describe("opt-in with other apps", () => {
  test("a Telegram-only button shows no WhatsApp opt-in and opens at once", () =>
    withApps(
      chromium.browser,
      { scripts: [{ site: "demo", telegram: "lumen_demo_bot", optin: "required" }] },
      async (v) => {
        await v.page.goto(`${SHOP}/`);
        await widgetReady(v.page);
        await expect(v.page.getByRole("checkbox").count()).resolves.toBe(0);
        const button = v.page.getByRole("link", { name: "Chat on Telegram" });
        const url = await tabFrom(v, () => button.click());
        const [beacon] = await waitForBeacons(v, 1);
        expect(beacon?.optin).toBeUndefined();
        expect(url.host).toBe("t.me");
      },
    ));

  test("several apps: the box is shown; a ticked box goes only with the WhatsApp chat", () =>
    withApps(chromium.browser, { scripts: [{ ...TWO_APPS, optin: "optional" }] }, async (v) => {
      await v.page.goto(`${SHOP}/`);
      await widgetReady(v.page);
      await v.page.getByRole("checkbox").check();
      await v.page.getByRole("link", { name: "Chat with us" }).click();
      const dialog = v.page.getByRole("dialog");
      await tabFrom(v, () => dialog.getByRole("link", { name: "Telegram" }).click());
      await v.page.getByRole("link", { name: "Chat with us" }).click();
      await tabFrom(v, () => dialog.getByRole("link", { name: "WhatsApp" }).click());
      const beacons = await waitForBeacons(v, 2);
      expect(beacons.map((b) => [b.channel, b.optin?.state])).toEqual([
        ["telegram", undefined],
        ["whatsapp", "granted"],
      ]);
    }));
});
