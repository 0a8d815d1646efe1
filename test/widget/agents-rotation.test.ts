/**
 * The agents' rotation in Chromium (`data-rotate="on"`, widget/agents/rotation.ts): 10,000 picks
 * drawn in the page by widget-agents.js itself share out as the weights say, and an offline
 * agent is never picked; a tap with the chunk already there (fetched at intent) opens the picked
 * agent's chat in the gesture; a tap that beats the chunk shows the picked agent alone; with
 * nobody online the panel lists the team instead. Agents take the chooser's place on a site with
 * several apps, and a required opt-in box holds the panel until it is ticked.
 */
import { describe, expect, test } from "vitest";
import { agentsPanel, agentsTag, BRUNO, button, withAgents } from "./agents-helpers";
import { tabFrom } from "./channel-harness";
import { theOneBeacon, useBrowser } from "./harness";
import { delayChunk } from "./hold-chunk";

const chromium = useBrowser();

const ONE = { name: "One", number: "5511900000001", hours: "mo-fr 09:00-18:00", weight: 1 };
const THREE = { name: "Three", number: "5511900000003", weight: 3 };
/** Weighs most, but is away: never picked. */
const AWAY = { ...BRUNO, weight: 5 };
const ROTATE = agentsTag([ONE, THREE, AWAY], { rotate: "on" });

describe("the distribution", () => {
  test("10,000 picks: each online agent's share within 2 points of its weight, the away one none", () =>
    withAgents(chromium.browser, ROTATE, async (v) => {
      await button(v.page).hover();
      await v.page.waitForFunction(() => window.__chatref?.agents !== undefined);
      const counts = await v.page.evaluate(() => {
        const host = document.querySelector("chatref-button") as HTMLElement;
        const agents = window.__chatref?.agents;
        const seen: Record<string, number> = {};
        for (let i = 0; i < 10_000; i++) {
          // Each pick a first visit's: nothing remembered (sticky rotation, agents-sticky.test.ts).
          localStorage.removeItem("chatref:agent");
          const target = agents?.rotate(host)?.target ?? "none";
          seen[target] = (seen[target] ?? 0) + 1;
        }
        return seen;
      });
      expect(Object.keys(counts).sort()).toEqual(["5511900000001", "5511900000003"]);
      expect(Math.abs((counts["5511900000001"] ?? 0) / 10_000 - 0.25)).toBeLessThan(0.02);
      expect(Math.abs((counts["5511900000003"] ?? 0) / 10_000 - 0.75)).toBeLessThan(0.02);
    }));
});

describe("a tap", () => {
  test("with the chunk fetched at intent: the picked agent's chat opens in the tap itself", () =>
    withAgents(chromium.browser, ROTATE, async (v) => {
      await button(v.page).hover();
      await v.page.waitForFunction(() => window.__chatref?.agents !== undefined);
      // 0.9 of the total weight 4 falls on "Three" (One covers the first quarter).
      await v.page.evaluate(() => {
        Math.random = () => 0.9;
      });
      // A tap opens a chat, not a dialog.
      await expect(button(v.page).getAttribute("aria-haspopup")).resolves.toBeNull();
      const url = await tabFrom(v, () => button(v.page).tap());
      expect(url.origin + url.pathname).toBe("https://wa.me/5511900000003");
      await expect(agentsPanel(v.page).count()).resolves.toBe(0);
      const beacon = await theOneBeacon(v);
      expect([beacon.number, beacon.agent]).toEqual(["5511900000003", "Three"]);
    }));

  test("that beats the chunk: the panel shows the picked agent alone, whose link opens the chat", () =>
    withAgents(chromium.browser, ROTATE, async (v) => {
      await delayChunk(v.context, "widget-agents.js", 800);
      await v.page.evaluate(() => {
        Math.random = () => 0.1;
      });
      await button(v.page).tap();
      const panel = agentsPanel(v.page);
      await panel.waitFor();
      await expect(panel.locator("[part=agent]").count()).resolves.toBe(1);
      const url = await tabFrom(v, () => panel.getByRole("link", { name: /^One/ }).tap());
      expect(url.origin + url.pathname).toBe("https://wa.me/5511900000001");
      expect((await theOneBeacon(v)).agent).toBe("One");
    }));

  test("with nobody online: no pick, the panel lists the team", () =>
    withAgents(
      chromium.browser,
      agentsTag([AWAY, { ...ONE, hours: "sa 09:00-10:00" }], { rotate: "on" }),
      async (v) => {
        await button(v.page).hover();
        await v.page.waitForFunction(() => window.__chatref?.agents !== undefined);
        await button(v.page).tap();
        const panel = agentsPanel(v.page);
        await panel.waitFor();
        await expect(panel.locator("[part=agent]").count()).resolves.toBe(2);
        expect(v.beacons).toEqual([]);
      },
    ));
});

describe("with more on the tag", () => {
  test("several apps: the rotation's pick still opens in the tap (no chooser in the way)", () =>
    withAgents(chromium.browser, { ...ROTATE, telegram: "lumen_demo_bot" }, async (v) => {
      await button(v.page).hover();
      await v.page.waitForFunction(() => window.__chatref?.agents !== undefined);
      await v.page.evaluate(() => {
        Math.random = () => 0.1;
      });
      const url = await tabFrom(v, () => button(v.page).tap());
      expect(url.origin + url.pathname).toBe("https://wa.me/5511900000001");
      expect((await theOneBeacon(v)).agent).toBe("One");
    }));

  test("a required opt-in box: no panel until ticked, then the agent's chat with the opt-in", () =>
    withAgents(chromium.browser, agentsTag([ONE, THREE], { optin: "required" }), async (v) => {
      const floating = v.page.locator("chatref-button[floating]");
      const box = floating.getByRole("checkbox");
      await box.waitFor();
      await button(v.page).tap();
      await new Promise((r) => setTimeout(r, 700));
      await expect(agentsPanel(v.page).count()).resolves.toBe(0);
      await box.check();
      await button(v.page).tap();
      const panel = agentsPanel(v.page);
      const url = await tabFrom(v, () => panel.getByRole("link", { name: /^Three/ }).tap());
      expect(url.origin + url.pathname).toBe("https://wa.me/5511900000003");
      const beacon = await theOneBeacon(v);
      expect([beacon.agent, beacon.optin?.state]).toEqual(["Three", "granted"]);
    }));
});
