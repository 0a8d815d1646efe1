/**
 * `<chatref-qr channel="…">` in Chromium: an inline QR encodes that app's deep link with the
 * ref it mints, and its one beacon names the app; without `channel` it encodes the first app
 * configured (WhatsApp when set).
 */
import { describe, expect, test } from "vitest";
import { TWO_APPS, withApps } from "./channel-harness";
import { DESKTOP, readQr, SHOP, useBrowser, waitForBeacons } from "./harness";

const chromium = useBrowser();

const NO_FLOATING = [{ ...TWO_APPS, position: "none" }];

describe("<chatref-qr> per app", () => {
  test("channel=telegram: the code is t.me with the ref of its inline_qr beacon", () =>
    withApps(
      chromium.browser,
      { scripts: NO_FLOATING, body: '<chatref-qr id="qr" channel="telegram"></chatref-qr>' },
      async (v) => {
        await v.page.goto(`${SHOP}/`);
        const [beacon, ...more] = await waitForBeacons(v, 1);
        expect(more).toEqual([]);
        expect(beacon).toMatchObject({ channel: "telegram", placement: "inline_qr" });
        const image = v.page.locator("#qr [part=qr]");
        expect(await readQr(image)).toBe(`https://t.me/lumen_demo_bot?start=${beacon?.ref}`);
        await expect(image.getAttribute("aria-label")).resolves.toBe(
          "QR code: Scan with your phone's camera to continue on Telegram",
        );
      },
      DESKTOP,
    ));

  test("no channel with several apps: the first configured app (WhatsApp)", () =>
    withApps(
      chromium.browser,
      { scripts: NO_FLOATING, body: '<chatref-qr id="qr"></chatref-qr>' },
      async (v) => {
        await v.page.goto(`${SHOP}/`);
        const [beacon] = await waitForBeacons(v, 1);
        expect(beacon).toMatchObject({ channel: "whatsapp", placement: "inline_qr" });
        const decoded = await readQr(v.page.locator("#qr [part=qr]"));
        expect(new URL(decoded ?? "about:blank").host).toBe("wa.me");
      },
      DESKTOP,
    ));
});
