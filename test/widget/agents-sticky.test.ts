/**
 * Sticky rotation in Chromium (`data-rotate="on"`, widget/agents/sticky.ts): a returning visitor
 * gets the agent the rotation gave them last time, across a reload, whatever the dice say now;
 * a remembered agent who is away or no longer listed gives way to a fresh pick by weight, which
 * is remembered in turn; storage that throws (its methods, or `localStorage` itself, as in a
 * sandboxed frame) leaves the tap working with a fresh pick each time. The first visit's
 * distribution is agents-rotation.test.ts's.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { agentsTag, BRUNO, button, withAgents } from "./agents-helpers";
import { tabFrom } from "./channel-harness";
import { useBrowser, type Visit, waitForBeacons, widgetReady } from "./harness";

const chromium = useBrowser();

const ONE = { name: "One", number: "5511900000001", hours: "mo-fr 09:00-18:00", weight: 1 };
const THREE = { name: "Three", number: "5511900000003", weight: 3 };
/** Weighs most, but is away. */
const AWAY = { ...BRUNO, weight: 5 };
const ROTATE = agentsTag([ONE, THREE, AWAY], { rotate: "on" });
const KEY = "chatref:agent";

/**
 * Fetches the chunk (the pointer over the button), fixes the dice at `random` (0.1 falls on
 * One, 0.9 on Three: One holds the first quarter of the online weight) and taps: the number the
 * chat opened to and the agent its beacon names.
 */
async function tapWith(v: Visit, random: number): Promise<[string, string | undefined]> {
  const before = v.beacons.length;
  await button(v.page).hover();
  await v.page.waitForFunction(() => window.__chatref?.agents !== undefined);
  await v.page.evaluate((r) => {
    Math.random = () => r;
  }, random);
  const url = await tabFrom(v, () => button(v.page).tap());
  const beacons = await waitForBeacons(v, before + 1);
  return [url.pathname.slice(1), beacons[before]?.agent];
}

/** What the page remembers (null: nothing, or storage refused). */
const remembered = (page: Page) =>
  page.evaluate((key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return "refused";
    }
  }, KEY);

describe("a returning visitor", () => {
  test("the same agent after a reload, though the dice now say another", () =>
    withAgents(chromium.browser, ROTATE, async (v) => {
      await expect(tapWith(v, 0.9)).resolves.toEqual(["5511900000003", "Three"]);
      await expect(remembered(v.page)).resolves.toBe("Three");
      await v.page.reload();
      await widgetReady(v.page);
      await expect(tapWith(v, 0.1)).resolves.toEqual(["5511900000003", "Three"]);
      await expect(remembered(v.page)).resolves.toBe("Three");
    }));

  for (const [why, kept] of [
    ["away", "Bruno"],
    ["no longer listed", "Zed"],
  ] as const)
    test(`the remembered agent ${why}: a fresh pick by weight, remembered in its place`, () =>
      withAgents(chromium.browser, ROTATE, async (v) => {
        await v.page.evaluate((o) => localStorage.setItem(o.key, o.kept), { key: KEY, kept });
        await expect(tapWith(v, 0.1)).resolves.toEqual(["5511900000001", "One"]);
        await expect(remembered(v.page)).resolves.toBe("One");
        await expect(tapWith(v, 0.9)).resolves.toEqual(["5511900000001", "One"]);
      }));
});

describe("storage that throws", () => {
  const REFUSE = {
    "its methods": () => {
      const no = () => {
        throw new DOMException("refused", "SecurityError");
      };
      Storage.prototype.getItem = no;
      Storage.prototype.setItem = no;
    },
    "localStorage itself": () => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("refused", "SecurityError");
        },
      });
    },
  };
  for (const [what, refuse] of Object.entries(REFUSE))
    test(`${what}: each tap opens a fresh pick, nothing thrown into the page`, () =>
      withAgents(chromium.browser, ROTATE, async (v) => {
        await v.page.addInitScript(refuse);
        await v.page.reload();
        await widgetReady(v.page);
        await expect(tapWith(v, 0.9)).resolves.toEqual(["5511900000003", "Three"]);
        await expect(tapWith(v, 0.1)).resolves.toEqual(["5511900000001", "One"]);
        expect(await remembered(v.page)).toMatch(/^(refused|null)$/);
        expect(v.pageErrors).toEqual([]);
      }));
});
