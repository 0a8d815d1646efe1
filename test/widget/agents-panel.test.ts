/**
 * The agents panel in Chromium (widget/agents/, widget-agents.js): nothing but widget.js at load,
 * the chunk fetched at intent or at the tap; the panel lists each agent's name, role, photo (a
 * broken photo leaves the initials) and online state; a tap on an agent opens that agent's chat
 * with a ref and the beacon carries its number and name; the offline modes `open`, `notice` and
 * `hide`; the arrow keys moving between the agents; invalid configuration reported, never
 * thrown.
 */
import { describe, expect, test } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import {
  ANA,
  agentsPanel,
  agentsTag,
  BRUNO,
  button,
  CHEN,
  rows,
  widgetScripts,
  withAgents,
} from "./agents-helpers";
import { tabFrom } from "./channel-harness";
import { DESKTOP, pageEvents, theOneBeacon, useBrowser } from "./harness";

const chromium = useBrowser();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("what loads when", () => {
  test("widget.js alone at load; the pointer over the button fetches widget-ui.js and widget-agents.js", () =>
    withAgents(
      chromium.browser,
      agentsTag([ANA, BRUNO, CHEN]),
      async (v) => {
        await pause(500);
        expect(widgetScripts(v)).toEqual(["/widget.js"]);
        expect(v.beacons).toEqual([]);
        await button(v.page).hover();
        await expect
          .poll(() => widgetScripts(v))
          .toEqual(["/widget.js", "/widget-ui.js", "/widget-agents.js"]);
        expect(v.beacons).toEqual([]);
      },
      DESKTOP,
    ));
});

describe("the panel", () => {
  test("name, role, photo or initials, and online state of each agent; no ref minted yet", () =>
    withAgents(chromium.browser, agentsTag([ANA, BRUNO, CHEN]), async (v) => {
      // The button says that it opens a dialog.
      await expect(button(v.page).getAttribute("aria-haspopup")).resolves.toBe("dialog");
      await button(v.page).tap();
      const panel = agentsPanel(v.page);
      await panel.waitFor();
      expect(await rows(panel)).toEqual([
        "Ana Souza Sales Online",
        "Bruno Support Away",
        "Chen Li Wholesale Online",
      ]);
      const pics = panel.locator(".pic");
      // Ana's photo loaded; Bruno's failed and is gone, his initial shows; Chen has none.
      await expect
        .poll(() =>
          pics
            .nth(0)
            .locator("img")
            .evaluate((i: HTMLImageElement) => i.naturalWidth),
        )
        .toBe(1);
      await expect.poll(() => pics.nth(1).locator("img").count()).toBe(0);
      expect(await pics.allInnerTexts()).toEqual(["AS", "B", "CL"]);
      expect(await pics.locator("i").evaluateAll((d) => d.map((el) => el.className))).toEqual([
        "on",
        "off",
        "on",
      ]);
      // Named by its text for assistive technology; the photo and initials are decoration.
      await panel.getByRole("link", { name: "Ana Souza Sales Online" }).waitFor();
      expect(v.beacons).toEqual([]);
      expect(v.pageErrors).toEqual([]);
    }));

  test("a tap on an agent opens that agent's number with a ref; the beacon carries number and agent", () =>
    withAgents(chromium.browser, agentsTag([ANA, BRUNO, CHEN]), async (v) => {
      await button(v.page).tap();
      const panel = agentsPanel(v.page);
      const url = await tabFrom(v, () => panel.getByRole("link", { name: /^Ana Souza/ }).tap());
      expect(url.origin + url.pathname).toBe("https://wa.me/5511912345678");
      const beacon = await theOneBeacon(v);
      expect(url.searchParams.get("text")).toContain(formatRef(beacon.ref));
      expect([beacon.number, beacon.agent, beacon.channel]).toEqual([
        "5511912345678",
        "Ana Souza",
        "whatsapp",
      ]);
      const [click] = (await pageEvents(v.page)).filter((e) => e.type === "chatref:click");
      expect(click?.detail.ref).toBe(beacon.ref);
    }));

  test("an agent on Telegram: t.me with the ref, the beacon names the agent and no number", () =>
    withAgents(chromium.browser, agentsTag([ANA, CHEN]), async (v) => {
      await button(v.page).tap();
      const url = await tabFrom(v, () =>
        agentsPanel(v.page)
          .getByRole("link", { name: /^Chen Li/ })
          .tap(),
      );
      const beacon = await theOneBeacon(v);
      expect(url.href).toBe(`https://t.me/lumen_demo_bot?start=${beacon.ref}`);
      expect([beacon.number, beacon.agent, beacon.channel]).toEqual([
        undefined,
        "Chen Li",
        "telegram",
      ]);
    }));

  test("the tag's plain data-number sends its number too (no agents)", () =>
    withAgents(chromium.browser, { site: "demo", number: "+1 555 000-1111" }, async (v) => {
      await tabFrom(v, () => button(v.page).tap());
      const beacon = await theOneBeacon(v);
      expect([beacon.number, beacon.agent]).toEqual(["15550001111", undefined]);
    }));

  test("on a desktop, an agent's link turns the panel into the QR of that agent's chat", () =>
    withAgents(
      chromium.browser,
      agentsTag([ANA, BRUNO]),
      async (v) => {
        await button(v.page).click();
        await agentsPanel(v.page)
          .getByRole("link", { name: /^Bruno/ })
          .click();
        await v.page.getByRole("dialog").locator("[part=qr]").waitFor();
        const beacon = await theOneBeacon(v);
        expect([beacon.placement, beacon.number, beacon.agent]).toEqual([
          "qr_panel",
          "5511988887777",
          "Bruno",
        ]);
      },
      DESKTOP,
    ));
});

describe("offline agents", () => {
  test("notice: listed with when they reply, in the visitor's language", () =>
    withAgents(chromium.browser, agentsTag([ANA, BRUNO], { offline: "notice" }), async (v) => {
      await button(v.page).tap();
      expect(await rows(agentsPanel(v.page))).toEqual([
        "Ana Souza Sales Online",
        "Bruno Support Replies Saturday from 10:00 AM",
      ]);
    }));

  test("notice, in Spanish", () =>
    withAgents(
      chromium.browser,
      agentsTag([ANA, BRUNO], { offline: "notice" }),
      async (v) => {
        await button(v.page).tap();
        expect(await rows(agentsPanel(v.page, "Habla con nuestro equipo"))).toEqual([
          "Ana Souza Sales En línea",
          "Bruno Support Responde el sábado desde las 10:00",
        ]);
      },
      undefined,
      "es",
    ));

  test("hide: left out; with nobody online, when the team replies and no link", () =>
    withAgents(chromium.browser, agentsTag([ANA, BRUNO], { offline: "hide" }), async (v) => {
      await button(v.page).tap();
      const panel = agentsPanel(v.page);
      expect(await rows(panel)).toEqual(["Ana Souza Sales Online"]);
    }).then(() =>
      withAgents(
        chromium.browser,
        agentsTag([BRUNO, { ...ANA, hours: "sa-su 09:00-12:00" }], { offline: "hide" }),
        async (v) => {
          // Nobody online hides the button (agents-offline.test.ts), unless widget-agents.js
          // could not load then: the button shows, and a tap that loads it finds nobody online.
          await v.context.route("**/widget-agents.js*", (r) => r.abort());
          await v.page.reload();
          await button(v.page).waitFor({ state: "visible" });
          await v.context.unroute("**/widget-agents.js*");
          await button(v.page).tap();
          const panel = agentsPanel(v.page);
          await panel.waitFor();
          await expect(panel.locator("[part=agents-notice]").textContent()).resolves.toBe(
            "Nobody is online right now. Replies Saturday from 9:00 AM",
          );
          await expect(panel.locator("[part=agent]").count()).resolves.toBe(0);
        },
      ),
    ));
});

describe("invalid configuration", () => {
  test("invalid agents, hours and zone: reported with what to fix; the valid agents still listed", () =>
    withAgents(
      chromium.browser,
      agentsTag([{ name: "No number" }, { ...ANA, hours: "weekdays" }, "junk"], {
        timezone: "Mars/Olympus",
      }),
      async (v) => {
        await button(v.page).tap();
        expect(await rows(agentsPanel(v.page))).toEqual(["Ana Souza Sales Online"]);
        const errors = (await pageEvents(v.page)).filter((e) => e.detail.code === "invalid_agents");
        expect(errors).toHaveLength(1);
        const message = String(errors[0]?.detail.message);
        for (const part of [
          "data-agents[0] (No number) left out",
          'data-agents[1] (Ana Souza): "hours"',
          "data-agents[2] left out",
          'data-timezone="Mars/Olympus"',
        ])
          expect(message).toContain(part);
        expect(
          v.warnings.some((w) => w.includes("[chatref]") && w.includes("data-agents[0]")),
        ).toBe(true);
        expect(v.pageErrors).toEqual([]);
      },
    ));

  test("names and photos inject nothing; an app name that is no name builds no link", () =>
    withAgents(
      chromium.browser,
      agentsTag([
        {
          name: '<img src=x onerror="window.pwned=1">',
          number: "5511912345678",
          photo: "javascript:window.pwned=2",
        },
        { name: "Evil", telegram: "evil.example/x" },
        { name: "Evil too", messenger: "page?ref=x#y" },
      ]),
      async (v) => {
        await button(v.page).tap();
        const panel = agentsPanel(v.page);
        expect(await rows(panel)).toEqual(['<img src=x onerror="window.pwned=1"> Online']);
        // The name is text, the javascript: photo is dropped: no image in the panel at all.
        await expect(panel.locator("img").count()).resolves.toBe(0);
        const hrefs = await panel
          .getByRole("link")
          .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        expect(hrefs).toEqual(["https://wa.me/5511912345678"]);
        await expect(
          v.page.evaluate(() => (window as { pwned?: number }).pwned),
        ).resolves.toBeUndefined();
      },
    ));

  test("not JSON: reported; the tap offers the tag's own number instead", () =>
    withAgents(
      chromium.browser,
      { site: "demo", number: "15550001111", agents: "[{name: Ana}" },
      async (v) => {
        await button(v.page).tap();
        // The tag's one app, in the chooser's dialog: its link opens the chat with a ref.
        const url = await tabFrom(v, () =>
          v.page.getByRole("dialog").getByRole("link").first().tap(),
        );
        expect(url.origin + url.pathname).toBe("https://wa.me/15550001111");
        const codes = (await pageEvents(v.page)).map((e) => e.detail.code).filter(Boolean);
        expect(codes).toEqual(["invalid_agents"]);
        expect(v.pageErrors).toEqual([]);
      },
    ));
});

describe("the keyboard", () => {
  test("the arrow keys, Home and End move between the agents, wrapping around", () =>
    withAgents(chromium.browser, agentsTag([ANA, BRUNO, CHEN]), async (v) => {
      await button(v.page).tap();
      await agentsPanel(v.page)
        .getByRole("link", { name: /^Ana Souza/ })
        .waitFor();
      // The agent whose link has the focus, inside the button's shadow root.
      const focused = () =>
        v.page.evaluate(() => {
          const root = document.querySelector("chatref-button[floating]")?.shadowRoot;
          return root?.activeElement?.querySelector(".who b")?.textContent ?? null;
        });
      await expect.poll(focused).toBe("Ana Souza");
      const steps = [
        ["ArrowDown", "Bruno"],
        ["ArrowDown", "Chen Li"],
        ["ArrowDown", "Ana Souza"],
        ["ArrowUp", "Chen Li"],
        ["Home", "Ana Souza"],
        ["End", "Chen Li"],
      ];
      for (const [key, name] of steps) {
        await v.page.keyboard.press(key as string);
        expect(await focused(), key).toBe(name);
      }
      expect(v.pageErrors).toEqual([]);
    }));
});
