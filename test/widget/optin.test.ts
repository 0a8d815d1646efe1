/**
 * The opt-in checkbox of `<chatref-button>` in Chromium, against the built widget.js: never
 * pre-checked, localised text naming the business, `required` keeps the chat closed with an
 * accessible message, and the state, version and exact text travel with the click beacon.
 */
import { describe, expect, test } from "vitest";
import { STRINGS } from "../../widget/i18n";
import { OPTIN_STRINGS } from "../../widget/optin/optin-strings";
import { optinVersion } from "../../widget/protocol/optin-version";
import { clickBeaconSchema } from "../../worker/ingest/click-schema";
import {
  openChatFrom,
  pageEvents,
  SHOP,
  useShopVisits,
  type Visit,
  waitForBeacons,
  widgetReady,
} from "./harness";
import { holdChunk } from "./hold-chunk";

const withShop = useShopVisits("/");
/** A visit that opens the page itself (routes set first). */
const withPage = useShopVisits();

const script = (data: Record<string, string>) => [{ site: "demo", number: "15550001111", ...data }];
const BOX = "chatref-button[floating] input[type=checkbox]";
const EN = "Send me offers from Lumen Coffee on WhatsApp";
const BUTTON = "chatref-button[floating]";

/** The requests for widget-optin.js, without the origin. */
function optinScripts(v: Visit): string[] {
  return v.requests
    .map((r) => r.replace(`GET ${SHOP}`, ""))
    .filter((r) => r.startsWith("/widget-optin.js"));
}

describe("opt-in checkbox", () => {
  test("off by default: no checkbox, no optin in the beacon", () =>
    withShop({}, async (v) => {
      expect(await v.page.locator(BOX).count()).toBe(0);
      await openChatFrom(v, "chatref-button[floating]");
      const [beacon] = await waitForBeacons(v, 1);
      expect(beacon && "optin" in beacon).toBe(false);
      expect(optinScripts(v)).toEqual([]);
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

describe("widget-optin.js, the box's chunk", () => {
  test("its texts exist, translated, for every widget language", () => {
    expect(Object.keys(OPTIN_STRINGS).sort()).toEqual(Object.keys(STRINGS).sort());
    for (const [lang, text] of Object.entries(OPTIN_STRINGS)) {
      expect(text).toContain("{business}");
      if (lang !== "en") expect([lang, text]).not.toEqual([lang, OPTIN_STRINGS.en]);
    }
  });

  test("loaded, versioned, when a button with a box is drawn", () =>
    withShop({ scripts: script({ optin: "optional" }) }, async (v) => {
      await v.page.locator(BOX).waitFor();
      expect(optinScripts(v)).toEqual([
        expect.stringMatching(/^\/widget-optin\.js\?v=[0-9a-f]{10}$/),
      ]);
    }));

  test("required while it loads: the tap opens no chat and sends nothing; then the box", () =>
    withPage({ scripts: script({ optin: "required" }) }, async (v) => {
      const release = await holdChunk(v.context, "widget-optin.js");
      // The held chunk holds the page's load event too.
      await v.page.goto(`${SHOP}/`, { waitUntil: "domcontentloaded" });
      await widgetReady(v.page);
      await v.page.locator(BUTTON).getByRole("link").click();
      await v.page.waitForTimeout(400);
      expect(v.context.pages()).toHaveLength(1);
      expect(v.beacons).toHaveLength(0);
      release();
      await v.page.locator(BOX).waitFor();
      expect(await v.page.locator(BOX).getAttribute("required")).not.toBeNull();
    }));

  test("unavailable: one optin_unavailable, no box, the chat opens without an opt-in", () =>
    withPage({ scripts: script({ optin: "required" }) }, async (v) => {
      await v.context.route("**/widget-optin.js*", (route) => route.fulfill({ status: 404 }));
      await v.page.goto(`${SHOP}/`);
      await widgetReady(v.page);
      await expect
        .poll(async () => (await pageEvents(v.page)).map((e) => e.detail.code))
        .toEqual(["optin_unavailable"]);
      expect(await v.page.locator(BOX).count()).toBe(0);
      const chat = await openChatFrom(v, BUTTON);
      expect(chat.hostname).toBe("wa.me");
      const [beacon] = await waitForBeacons(v, 1);
      expect(beacon && "optin" in beacon).toBe(false);
      expect(v.pageErrors).toEqual([]);
    }));
});
