/**
 * `<chatref-qr channel="…">` in Chromium: an inline QR encodes that app's deep link with the
 * ref it mints, and its one beacon names the app; without `channel` it encodes the first app
 * configured (WhatsApp when set).
 */
import { describe, expect, test } from "vitest";
import { TWO_APPS, withApps } from "./channel-harness";
import { DESKTOP, readQr, SHOP, useBrowser, type Visit, waitForBeacons } from "./harness";

const chromium = useBrowser();

const NO_FLOATING = [{ ...TWO_APPS, position: "none" }];

/** A desktop visit to a shop page whose one `<chatref-qr id="qr"…>` has `attributes`. */
const withQr = (attributes: string, check: (v: Visit) => Promise<void>) =>
  withApps(
    chromium.browser,
    { scripts: NO_FLOATING, body: `<chatref-qr id="qr"${attributes}></chatref-qr>` },
    async (v) => {
      await v.page.goto(`${SHOP}/`);
      await check(v);
    },
    DESKTOP,
  );

describe("<chatref-qr> per app", () => {
  test("channel=telegram: the code is t.me with the ref of its inline_qr beacon", () =>
    withQr(' channel="telegram"', async (v) => {
      const [beacon, ...more] = await waitForBeacons(v, 1);
      expect(more).toEqual([]);
      expect(beacon).toMatchObject({ channel: "telegram", placement: "inline_qr" });
      const image = v.page.locator("#qr [part=qr]");
      expect(await readQr(image)).toBe(`https://t.me/lumen_demo_bot?start=${beacon?.ref}`);
      await expect(image.getAttribute("aria-label")).resolves.toBe(
        "QR code: Scan with your phone's camera to continue on Telegram",
      );
    }));

  test("no channel with several apps: the first configured app (WhatsApp)", () =>
    withQr("", async (v) => {
      const [beacon] = await waitForBeacons(v, 1);
      expect(beacon).toMatchObject({ channel: "whatsapp", placement: "inline_qr" });
      const decoded = await readQr(v.page.locator("#qr [part=qr]"));
      expect(new URL(decoded ?? "about:blank").host).toBe("wa.me");
    }));
});
