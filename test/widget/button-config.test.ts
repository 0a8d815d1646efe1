/**
 * `<chatref-button>` in Chromium, against the built widget.js: attributes, keyboard and
 * accessibility, and the "never break the page" guarantees.
 */
import { describe, expect, test } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { CANCEL_NAV, openChatFrom, pageEvents, UTM, waitForBeacons } from "./button-helpers";
import { atShop, expectNoButton, SHOP, useShopVisits, widgetReady } from "./harness";

const withShop = useShopVisits();

describe("configuration", () => {
  test("element attributes override the script's data-*", () =>
    withShop(
      {
        head: CANCEL_NAV,
        scripts: [
          {
            site: "demo",
            number: "15550001111",
            message: "Script template {ref}",
            label: "Script label",
          },
        ],
        body: `<chatref-button id="own" number="+44 (20) 7946-0000" lang="es"
          message="Quiero el precio del café, código {ref}" label="Pregúntanos"></chatref-button>`,
      },
      async (v) => {
        await v.page.goto(`${SHOP}/`);
        await widgetReady(v.page);
        const own = v.page.locator("#own").getByRole("link");
        await expect(own.textContent()).resolves.toBe("Pregúntanos");
        await expect(
          v.page.locator("chatref-button[floating]").getByRole("link").textContent(),
        ).resolves.toBe("Script label");
        await own.click();
        const [beacon] = await waitForBeacons(v, 1);
        const [event] = await pageEvents(v.page);
        const url = new URL(String(event?.detail.url));
        expect(url.pathname).toBe("/442079460000");
        expect(url.searchParams.get("text")).toBe(
          `Quiero el precio del café, código ${formatRef(beacon?.ref ?? "")}`,
        );
        expect(beacon?.lang).toBe("es");
      },
    ));

  test("a template without {ref} gets the language's ref tag appended", () =>
    withShop(
      {
        head: CANCEL_NAV,
        lang: "pt",
        scripts: [{ site: "demo", number: "5511999990000", message: "Oi! Quero um orçamento." }],
      },
      async (v) => {
        await v.page.goto(`${SHOP}/`);
        await widgetReady(v.page);
        await v.page.locator("chatref-button[floating]").getByRole("link").click();
        const [beacon] = await waitForBeacons(v, 1);
        const [event] = await pageEvents(v.page);
        expect(event?.detail.message).toBe(
          `Oi! Quero um orçamento. (Ref.: ${formatRef(beacon?.ref ?? "")})`,
        );
      },
    ));

  test("data-api sends the beacon to another origin; data-position places or removes the floating button", async () => {
    await withShop(
      {
        scripts: [
          {
            site: "demo",
            number: "15550001111",
            api: "https://api.chatref.test/",
            position: "bottom-left",
          },
        ],
      },
      atShop(async (v) => {
        const host = v.page.locator("chatref-button[floating]");
        const box = await host.boundingBox();
        expect(box?.x).toBeLessThan(100);
        const popup = v.context.waitForEvent("page");
        await host.getByRole("link").click();
        await (await popup).close();
        await waitForBeacons(v, 1);
        expect(v.requests).toContain("POST https://api.chatref.test/v1/clicks");
      }),
    );
    await withShop(
      { scripts: [{ site: "demo", number: "15550001111", position: "none" }] },
      async (v) => {
        await v.page.goto(`${SHOP}/`);
        await widgetReady(v.page);
        await expect(v.page.locator("chatref-button").count()).resolves.toBe(0);
      },
    );
  });

  test("respects prefers-reduced-motion", () =>
    withShop({}, async (v) => {
      const motion = () =>
        v.page
          .locator("chatref-button[floating]")
          .getByRole("link")
          .evaluate((a) => {
            const cs = getComputedStyle(a);
            return { animation: cs.animationName, transition: cs.transitionDuration };
          });
      await v.page.goto(`${SHOP}/`);
      await widgetReady(v.page);
      expect((await motion()).animation).toBe("chatref-in");
      await v.page.emulateMedia({ reducedMotion: "reduce" });
      expect(await motion()).toEqual({ animation: "none", transition: "0s" });
    }));

  test("the floating button is fixed and shifts no layout", () =>
    withShop({ body: '<p id="p">Some text</p>' }, async (v) => {
      await v.page.goto(`${SHOP}/`);
      await widgetReady(v.page);
      const styles = await v.page.evaluate(() => {
        const host = document.querySelector("chatref-button[floating]") as HTMLElement;
        const cs = getComputedStyle(host);
        return { position: cs.position, bodyHeight: document.body.scrollHeight };
      });
      expect(styles.position).toBe("fixed");
      await v.page.evaluate(() => document.querySelector("chatref-button[floating]")?.remove());
      const without = await v.page.evaluate(() => document.body.scrollHeight);
      expect(styles.bodyHeight).toBe(without);
    }));
});

describe("never breaks the page", () => {
  test("included twice: one floating button, one beacon per tap, no page error", () =>
    withShop(
      {
        scripts: [
          { site: "demo", number: "15550001111" },
          { site: "demo", number: "15550001111" },
        ],
      },
      async (v) => {
        await v.page.goto(`${SHOP}/${UTM}`);
        await widgetReady(v.page);
        await v.page.waitForTimeout(200);
        await expect(v.page.locator("chatref-button[floating]").count()).resolves.toBe(1);
        await openChatFrom(v, "chatref-button[floating]");
        await v.page.waitForTimeout(300);
        expect(await waitForBeacons(v, 1)).toHaveLength(1);
        expect(v.pageErrors).toEqual([]);
      },
    ));

  test("missing data-site: no thrown error, one warning, an error event; the chat still opens", () =>
    withShop({ scripts: [{ number: "15550001111" }] }, async (v) => {
      await v.page.goto(`${SHOP}/`);
      await widgetReady(v.page);
      const chat = await openChatFrom(v, "chatref-button[floating]");
      expect(chat.pathname).toBe("/15550001111");
      await v.page.waitForTimeout(200);
      expect(v.pageErrors).toEqual([]);
      expect(v.beacons).toEqual([]);
      expect(v.warnings.filter((w) => w.includes("data-site"))).toHaveLength(1);
      const codes = (await pageEvents(v.page))
        .filter((e) => e.type === "chatref:error")
        .map((e) => e.detail.code);
      expect(codes).toEqual(["missing_site", "missing_site"]);
    }));

  test("missing data-site and data-number: no button, no error thrown, error events", () =>
    withShop(
      { scripts: [{}] },
      atShop((v) => expectNoButton(v, ["missing_site", "missing_number"])),
    ));
});
