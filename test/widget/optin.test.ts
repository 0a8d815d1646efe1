/**
 * The opt-in checkbox of `<chatref-button>` in Chromium, against the built widget.js: never
 * pre-checked, localised text naming the business, `required` keeps the chat closed with an
 * accessible message, and the state, version and exact text travel with the click beacon.
 */
import { describe, expect, test } from "vitest";
import { optinVersion } from "../../widget/protocol/optin-version";
import { clickBeaconSchema } from "../../worker/ingest/click-schema";
import { openChatFrom, pageEvents, useShopVisits, waitForBeacons } from "./harness";

const withShop = useShopVisits("/");

const script = (data: Record<string, string>) => [{ site: "demo", number: "15550001111", ...data }];
const BOX = "chatref-button[floating] input[type=checkbox]";
const EN = "Send me offers from Lumen Coffee on WhatsApp";

describe("opt-in checkbox", () => {
  test("off by default: no checkbox, no optin in the beacon", () =>
    withShop({}, async (v) => {
      expect(await v.page.locator(BOX).count()).toBe(0);
      await openChatFrom(v, "chatref-button[floating]");
      const [beacon] = await waitForBeacons(v, 1);
      expect(beacon && "optin" in beacon).toBe(false);
    }));

  test("optional: never pre-checked; state, version and exact text go with the beacon", () =>
    withShop({ scripts: script({ optin: "optional", business: "Lumen Coffee" }) }, async (v) => {
      const box = v.page.locator(BOX);
      await expect(box.isVisible()).resolves.toBe(true);
      expect(await box.isChecked()).toBe(false);
      expect(await box.getAttribute("required")).toBeNull();
      // The checkbox is labelled by the text (accessible name).
      expect(await v.page.getByRole("checkbox", { name: EN }).count()).toBe(1);

      await openChatFrom(v, "chatref-button[floating]");
      // Re-rendered after the tap: still not checked.
      expect(await box.isChecked()).toBe(false);
      await box.check();
      await openChatFrom(v, "chatref-button[floating]");
      const beacons = await waitForBeacons(v, 2);
      expect(beacons.map((b) => b.optin)).toEqual([
        { state: "declined", v: optinVersion(EN), text: EN },
        { state: "granted", v: optinVersion(EN), text: EN },
      ]);
      for (const b of beacons) expect(clickBeaconSchema.safeParse(b).success).toBe(true);
    }));

  test("required: the chat stays closed with an accessible message until it is ticked", () =>
    withShop({ scripts: script({ optin: "required", business: "Lumen Coffee" }) }, async (v) => {
      const box = v.page.locator(BOX);
      expect(await box.getAttribute("required")).not.toBeNull();
      await v.page.locator("chatref-button[floating]").getByRole("link").click();
      await v.page.waitForTimeout(400);
      expect(v.context.pages()).toHaveLength(1);
      expect(v.beacons).toHaveLength(0);
      expect(await pageEvents(v.page)).toEqual([]);
      // The checkbox is focused, invalid, and carries the browser's validation message.
      const state = await box.evaluate((el: HTMLInputElement) => ({
        focused: (el.getRootNode() as ShadowRoot).activeElement === el,
        invalid: el.matches(":invalid"),
        message: el.validationMessage,
      }));
      expect(state.focused).toBe(true);
      expect(state.invalid).toBe(true);
      expect(state.message.length).toBeGreaterThan(0);

      await box.check();
      const chat = await openChatFrom(v, "chatref-button[floating]");
      expect(chat.hostname).toBe("wa.me");
      const [beacon] = await waitForBeacons(v, 1);
      expect(beacon?.optin).toEqual({ state: "granted", v: optinVersion(EN), text: EN });
    }));

  test("localised text naming the business (page title when data-business is absent)", () =>
    withShop(
      {
        lang: "ru",
        scripts: script({ optin: "optional" }),
        body: `<chatref-button id=ar lang="ar" optin="required"></chatref-button>
<chatref-button id=off optin="off"></chatref-button>`,
      },
      async (v) => {
        const ru = await v.page.locator(BOX).evaluate((el) => el.parentElement?.textContent);
        expect(ru).toBe("Получать акции от Shop в WhatsApp");
        const ar = v.page.locator("#ar label");
        expect(await ar.textContent()).toBe("تلقي العروض من Shop عبر واتساب");
        expect(await ar.getAttribute("dir")).toBe("rtl");
        expect(await v.page.locator("#ar input").getAttribute("required")).not.toBeNull();
        expect(await v.page.locator("#off input").count()).toBe(0);
      },
    ));

  test("data-optin-text: a custom text with {business}, versioned by its exact words", () =>
    withShop(
      {
        scripts: script({
          optin: "optional",
          business: "Lumen",
          "optin-text": "Order updates and coffee deals from {business}, max 2 a week",
        }),
      },
      async (v) => {
        const text = "Order updates and coffee deals from Lumen, max 2 a week";
        await v.page.locator(BOX).check();
        await openChatFrom(v, "chatref-button[floating]");
        const [beacon] = await waitForBeacons(v, 1);
        expect(beacon?.optin).toEqual({ state: "granted", v: optinVersion(text), text });
      },
    ));
});
