/**
 * widget.js's lazily loaded chunks in Chromium: nothing but widget.js at load and on a phone's
 * tap; the chooser loads widget-ui.js only, the desktop panel widget-ui.js then widget-qr.js,
 * each versioned by content; when widget-ui.js cannot load, one `ui_unavailable` and the chat
 * itself instead of a dialog (a new tab, or this one where the tab is blocked). And the byte
 * budgets of scripts/check-size.mjs (`npm run size`), checked on the built files: widget.js and
 * every chunk, none left without a budget.
 */
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { GZIP_BUDGET, measure, WIDGET_CHUNKS, WIDGET_FILE } from "../../scripts/check-size.mjs";
import { formatRef } from "../../widget/protocol/ref-codec";
import { TWO_APPS, withApps, withTwoApps } from "./channel-harness";
import {
  CHUNK_NAMES,
  DESKTOP,
  openChatFrom,
  PHONE,
  pageEvents,
  SHOP,
  theOneBeacon,
  useBrowser,
  useShopVisits,
  type Visit,
  waitForBeacons,
  widgetFiles,
  widgetReady,
} from "./harness";

const chromium = useBrowser();
const withShop = useShopVisits("/");
const BUTTON = "chatref-button[floating]";

/** The widget scripts the page requested, without the origin. */
function scripts(v: Visit): string[] {
  return v.requests
    .map((r) => r.replace(`GET ${SHOP}`, ""))
    .filter((r) => /^\/widget[\w-]*\.js/.test(r));
}

describe("what loads when", () => {
  test("a phone: widget.js alone, at load and for the tap", () =>
    withShop(
      {},
      async (v) => {
        await openChatFrom(v, BUTTON);
        await theOneBeacon(v);
        expect(scripts(v)).toEqual(["/widget.js"]);
      },
      PHONE,
    ));

  test("the chooser loads widget-ui.js only; the desktop panel then widget-qr.js, versioned", () =>
    withTwoApps(
      chromium.browser,
      async (v) => {
        expect(scripts(v)).toEqual(["/widget.js"]);
        await v.page.locator(BUTTON).getByRole("link").click();
        const dialog = v.page.getByRole("dialog", { name: "Chat with us" });
        await dialog.waitFor();
        expect(scripts(v)).toEqual([
          "/widget.js",
          expect.stringMatching(/^\/widget-ui\.js\?v=[0-9a-f]{10}$/),
        ]);
        await dialog.getByRole("link", { name: "WhatsApp" }).click();
        // Now titled for the app picked.
        await v.page.getByRole("dialog").locator("[part=qr]").waitFor();
        expect(scripts(v).slice(2)).toEqual([
          expect.stringMatching(/^\/widget-qr\.js\?v=[0-9a-f]{10}$/),
        ]);
      },
      DESKTOP,
    ));
});

test("every chunk is ASCII-only (read in the host page's charset, like widget.js)", () => {
  for (const [path, bytes] of widgetFiles())
    expect([path, bytes.every((b) => b < 0x80)]).toEqual([path, true]);
});

describe("widget-ui.js unavailable: the chat itself instead of a dialog", () => {
  test("desktop: one ui_unavailable, and the panel's chat opens in a new tab with its ref", () =>
    withShop(
      {},
      async (v) => {
        await v.context.route("**/widget-ui.js*", (route) => route.fulfill({ status: 404 }));
        const popup = v.context.waitForEvent("page");
        await v.page.locator(BUTTON).getByRole("link").click();
        const tab = await popup;
        await tab.waitForLoadState("domcontentloaded");
        const beacon = await theOneBeacon(v);
        expect(beacon.placement).toBe("qr_panel");
        expect(tab.url()).toContain(encodeURIComponent(formatRef(beacon.ref)));
        // As the link's rel=noopener: the chat's tab gets no handle on the shop.
        await expect(tab.evaluate(() => window.opener)).resolves.toBeNull();
        await expect(v.page.getByRole("dialog").count()).resolves.toBe(0);
        expect(v.page.url()).toBe(`${SHOP}/`);
        const errors = (await pageEvents(v.page)).filter((e) => e.type === "chatref:error");
        expect(errors.map((e) => e.detail.code)).toEqual(["ui_unavailable"]);
        // widget-qr.js needs widget-ui.js: never requested.
        expect(scripts(v).filter((s) => s.startsWith("/widget-qr.js"))).toEqual([]);
        expect(v.pageErrors).toEqual([]);
      },
      DESKTOP,
    ));

  test("the new tab blocked (a popup after the tap's activation): the chat opens in this tab", () =>
    withShop(
      {},
      async (v) => {
        await v.context.route("**/widget-ui.js*", (route) => route.fulfill({ status: 404 }));
        // What a popup blocker does to window.open outside a user activation.
        await v.context.addInitScript(() => {
          window.open = () => null;
        });
        await v.page.reload();
        await widgetReady(v.page);
        await v.page.locator(BUTTON).getByRole("link").click();
        const [beacon] = await waitForBeacons(v, 1);
        await v.page.waitForURL(/^https:\/\/wa\.me\//);
        expect(v.page.url()).toContain(encodeURIComponent(formatRef(beacon?.ref ?? "")));
      },
      DESKTOP,
    ));

  test("several apps on a phone: the first app's chat opens with its ref", () =>
    withApps(chromium.browser, { scripts: [TWO_APPS] }, async (v) => {
      await v.context.route("**/widget-ui.js*", (route) => route.fulfill({ status: 404 }));
      await v.page.goto(`${SHOP}/`);
      await widgetReady(v.page);
      const popup = v.context.waitForEvent("page");
      await v.page.locator(BUTTON).getByRole("link").click();
      const tab = await popup;
      await tab.waitForLoadState("domcontentloaded");
      const [beacon, ...more] = await waitForBeacons(v, 1);
      expect(more).toEqual([]);
      expect(beacon).toMatchObject({ channel: "whatsapp", placement: "button" });
      expect(tab.url()).toMatch(/^https:\/\/wa\.me\/15550001111\?text=/);
      expect(tab.url()).toContain(encodeURIComponent(formatRef(beacon?.ref ?? "")));
      await expect(v.page.getByRole("dialog").count()).resolves.toBe(0);
      expect(v.pageErrors).toEqual([]);
    }));
});

describe("byte budgets (gzip, as npm run size measures them)", () => {
  test("every chunk the build makes has a budget", () => {
    expect(WIDGET_CHUNKS.map((c) => c.name).sort()).toEqual([...CHUNK_NAMES].sort());
  });

  test("widget.js and each chunk within theirs", () => {
    const sizes = [
      { name: "widget.js", gzip: measure(WIDGET_FILE).gzip, budget: GZIP_BUDGET },
      ...WIDGET_CHUNKS.map(({ name, budget }) => ({
        name: `widget-${name}.js`,
        gzip: measure(resolve(WIDGET_FILE, "..", `widget-${name}.js`)).gzip,
        budget,
      })),
    ];
    for (const { name, gzip, budget } of sizes)
      expect([name, gzip <= budget]).toEqual([name, true]);
  });
});
