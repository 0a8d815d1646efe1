/**
 * `<chatref-qr>` placed in a page, in Chromium against the built files: widget-qr.js is fetched
 * when the element is connected (never on a page without one), nothing is sent at load; once on
 * screen the chunk draws the code (in the square reserved for it), the ref is minted, and its
 * one `inline_qr` beacon goes after 2 s on screen, or at pagehide if it was shown for less (or
 * removed). The code read back from a screenshot is the chat link with that ref.
 */
import { describe, expect, test } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { clickBeaconSchema } from "../../worker/ingest/click-schema";
import {
  DESKTOP,
  pageEvents,
  qrRequests,
  readQr,
  type ScriptData,
  SHOP,
  useShopVisits,
  type Visit,
  waitForBeacons,
} from "./harness";
import { holdChunk } from "./hold-chunk";

const BELOW_THE_FOLD = `<div style="height: 2000px">Long page</div>
<chatref-qr id="qr" message="Hi! I saw your poster {ref}"></chatref-qr><div style="height: 2000px"></div>`;
const NO_FLOATING: ScriptData[] = [{ site: "demo", number: "15550001111", position: "none" }];

const visitShop = useShopVisits("/?utm_source=poster&utm_medium=offline");
const withPage = (
  page: { body: string; lang?: string; head?: string; scripts?: ScriptData[] },
  fn: (v: Visit) => Promise<void>,
) => visitShop({ scripts: NO_FLOATING, ...page }, fn, DESKTOP);

const qrImage = (v: Visit) => v.page.locator("#qr [part=qr]");

/**
 * Fires `pagehide` without leaving the page. A real navigation fires it too and the beacon is
 * queued (sendBeacon returns true), but Chromium sends beacons of an unloading document outside
 * Playwright's request routing, so the test could not see them.
 */
const pageHide = (v: Visit) =>
  v.page.evaluate(() => dispatchEvent(new PageTransitionEvent("pagehide", { persisted: false })));

describe("inline <chatref-qr>", () => {
  test("its chunk at start, nothing sent; on screen: drawn, then one inline_qr beacon after ~2 s", () =>
    withPage({ body: BELOW_THE_FOLD }, async (v) => {
      // The page has a <chatref-qr>: widget-qr.js comes when it is connected, the ref waits.
      await expect.poll(() => v.page.evaluate(() => !!window.__chatref?.qr)).toBe(true);
      await v.page.waitForTimeout(500);
      expect(qrRequests(v)).toHaveLength(1);
      expect(v.beacons).toEqual([]);
      await expect(pageEvents(v.page)).resolves.toEqual([]);
      const reserved = await v.page.locator("#qr").boundingBox();
      expect([reserved?.width, reserved?.height]).toEqual([176, 176]);

      await v.page.locator("#qr").scrollIntoViewIfNeeded();
      const shownAt = Date.now();
      await qrImage(v).waitFor();
      expect(qrRequests(v)).toHaveLength(1);
      await v.page.waitForTimeout(800);
      expect(v.beacons).toEqual([]); // not yet: on screen for less than 2 s
      const [beacon, ...more] = await waitForBeacons(v, 1);
      expect(Date.now() - shownAt).toBeGreaterThanOrEqual(1900);
      expect(more).toEqual([]);
      if (!beacon) throw new Error("no beacon");
      expect(clickBeaconSchema.safeParse(beacon).success).toBe(true);
      expect(beacon).toMatchObject({
        placement: "inline_qr",
        touch: { utm_source: "poster", utm_medium: "offline" },
      });

      const text = `Hi! I saw your poster ${formatRef(beacon.ref)}`;
      const url = `https://wa.me/15550001111?text=${encodeURIComponent(text)}`;
      expect(await readQr(qrImage(v))).toBe(url);
      const box = await v.page.locator("#qr").boundingBox();
      expect([box?.width, box?.height]).toEqual([176, 176]); // drawing shifted nothing
      await expect(qrImage(v).getAttribute("aria-label")).resolves.toBe(
        "QR code: Scan with your phone's camera to continue on WhatsApp",
      );
      expect(await pageEvents(v.page)).toEqual([
        {
          type: "chatref:click",
          detail: { ref: beacon.ref, url, message: text, placement: "inline_qr", site: "demo" },
        },
      ]);
      await v.page.waitForTimeout(500);
      expect(v.beacons).toHaveLength(1); // the same code stays; one beacon per ref
    }));

  test("off screen before 2 s: no beacon; pagehide then sends the shown QR's beacon", () =>
    withPage({ body: BELOW_THE_FOLD }, async (v) => {
      await v.page.locator("#qr").scrollIntoViewIfNeeded();
      await qrImage(v).waitFor();
      const decoded = await readQr(qrImage(v));
      await v.page.waitForTimeout(500);
      await v.page.evaluate(() => window.scrollTo(0, 0));
      await v.page.waitForTimeout(2500);
      expect(v.beacons).toEqual([]);

      await pageHide(v);
      const [beacon] = await waitForBeacons(v, 1);
      expect(beacon?.placement).toBe("inline_qr");
      expect(decoded).toContain(encodeURIComponent(formatRef(beacon?.ref ?? "")));
      expect(v.beacons).toHaveLength(1);
    }));

  test("never shown: no ref, no beacon, even at pagehide (the chunk came at start)", () =>
    withPage({ body: BELOW_THE_FOLD }, async (v) => {
      await expect.poll(() => v.page.evaluate(() => !!window.__chatref?.qr)).toBe(true);
      await pageHide(v);
      await v.page.waitForTimeout(500);
      expect(v.beacons).toEqual([]);
      await expect(pageEvents(v.page)).resolves.toEqual([]);
      expect(qrRequests(v)).toHaveLength(1);
    }));

  test("removed from the page before 2 s on screen: no beacon until pagehide", () =>
    withPage({ body: BELOW_THE_FOLD }, async (v) => {
      await v.page.locator("#qr").scrollIntoViewIfNeeded();
      await qrImage(v).waitFor();
      await v.page.evaluate(() => document.getElementById("qr")?.remove());
      await v.page.waitForTimeout(2500);
      expect(v.beacons).toEqual([]);
      await pageHide(v);
      const [beacon] = await waitForBeacons(v, 1);
      expect(beacon?.placement).toBe("inline_qr");
    }));

  test("a page without <chatref-qr>: widget-qr.js is never fetched", () =>
    withPage({ body: "<p>No code here</p>" }, async (v) => {
      await v.page.waitForTimeout(800);
      expect(qrRequests(v)).toEqual([]);
    }));

  test("one added later: its square reserved at once, before widget-qr.js arrives, then drawn", () =>
    withPage({ body: "<p>No code here</p>" }, async (v) => {
      const release = await holdChunk(v.context, "widget-qr.js");
      const reserved = await v.page.evaluate(() => {
        const qr = document.createElement("chatref-qr");
        qr.id = "qr";
        document.body.prepend(qr);
        const { width, height } = qr.getBoundingClientRect();
        return { width, height, chunk: !!window.__chatref?.qr };
      });
      expect(reserved).toEqual({ width: 176, height: 176, chunk: false });
      await v.page.waitForTimeout(500);
      await expect(v.page.evaluate(() => !!window.__chatref?.qr)).resolves.toBe(false);
      expect((await v.page.locator("#qr").boundingBox())?.height).toBe(176);
      release();
      await qrImage(v).waitFor();
    }));

  test("themable (custom properties, ::part), named in the page's language", () =>
    withPage(
      {
        lang: "ru",
        head: `<style>
          #qr { --chatref-qr-fg: #123456; --chatref-qr-bg: #fedcba; --chatref-qr-size: 220px; }
          #qr::part(qr) { border-radius: 12px; }
        </style>`,
        body: '<chatref-qr id="qr"></chatref-qr>',
      },
      async (v) => {
        await qrImage(v).waitFor();
        const look = await qrImage(v).evaluate((svg) => ({
          fg: getComputedStyle(svg.querySelector("path") as Element).fill,
          bg: getComputedStyle(svg.querySelector("rect") as Element).fill,
          radius: getComputedStyle(svg).borderRadius,
          width: svg.getBoundingClientRect().width,
        }));
        expect(look).toEqual({
          fg: "rgb(18, 52, 86)",
          bg: "rgb(254, 220, 186)",
          radius: "12px",
          width: 220,
        });
        await expect(qrImage(v).getAttribute("role")).resolves.toBe("img");
        await expect(qrImage(v).getAttribute("aria-label")).resolves.toBe(
          "QR-код: Отсканируйте камерой телефона, чтобы продолжить в WhatsApp",
        );
        const [beacon] = await waitForBeacons(v, 1);
        const decoded = new URL((await readQr(qrImage(v))) ?? "about:blank");
        expect(decoded.searchParams.get("text")).toBe(
          `Здравствуйте! Хочу узнать подробнее. (Код: ${formatRef(beacon?.ref ?? "")})`,
        );
      },
    ));

  test("value: draws that text, with no ref and no beacon", () =>
    withPage(
      { body: '<chatref-qr id="qr" value="https://shop.test/menu?table=7"></chatref-qr>' },
      async (v) => {
        await qrImage(v).waitFor();
        expect(await readQr(qrImage(v))).toBe("https://shop.test/menu?table=7");
        await v.page.waitForTimeout(2300);
        await v.page.goto(`${SHOP}/next`);
        await v.page.waitForTimeout(300);
        expect(v.beacons).toEqual([]);
      },
    ));

  test("no number anywhere: a chatref:error, no code, no beacon", () =>
    withPage(
      { scripts: [{ site: "demo" }], body: '<chatref-qr id="qr"></chatref-qr>' },
      async (v) => {
        await v.page.waitForFunction(() =>
          (
            window as unknown as { __events: { detail: { code: string; message: string } }[] }
          ).__events.some(
            (e) => e.detail.code === "missing_number" && e.detail.message.includes("number="),
          ),
        );
        await v.page.waitForTimeout(2300);
        await expect(qrImage(v).count()).resolves.toBe(0);
        expect(v.beacons).toEqual([]);
        expect(v.pageErrors).toEqual([]);
      },
    ));
});
