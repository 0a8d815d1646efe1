/**
 * `data-offline="hide"` for the button itself in Chromium (widget/agents/visibility.ts, tap.ts):
 * with every agent away there is no button at all, and it appears when an agent's hours start
 * (at the minute's turn, here on the night Berlin's clocks go forward, and when the tab is shown
 * again) and goes when they end, without a reload; no button flashes while widget-agents.js
 * loads; a page that did not opt in fetches nothing at load; where the chunks cannot load the
 * button shows, with the loader's error event and console hint; inline buttons follow the rule.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { ANA, agentsTag, BRUNO, button, NOW, widgetScripts } from "./agents-helpers";
import {
  PHONE,
  pageEvents,
  type ScriptData,
  SHOP,
  shopPage,
  useBrowser,
  type Visit,
  visit,
  widgetReady,
} from "./harness";
import { delayChunk } from "./hold-chunk";

const chromium = useBrowser();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sunday 2026-03-29 in Berlin: 02:00 CET became 03:00 CEST at 01:00 UTC. */
const DST_NIGHT = "2026-03-29T00:58:00Z";
/** Online on the DST night's first hour of summer time only. */
const NIGHT = { name: "Nadia", number: "5511900000009", hours: "su 03:00-04:00" };

/**
 * Records, from the page's first script on, each animation frame in which a chatref-button is
 * displayed: `window.__shown` is the frames' count, `window.__early` those before
 * widget-agents.js had registered itself (a flash of a button the chunk may hide).
 */
const FRAMES = () => {
  const w = window as unknown as { __shown: number; __early: number };
  w.__shown = 0;
  w.__early = 0;
  const frame = () => {
    for (const el of document.querySelectorAll("chatref-button"))
      if (el.isConnected && getComputedStyle(el).display !== "none") {
        w.__shown++;
        if (!window.__chatref?.agents) w.__early++;
      }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

/**
 * A visitor in Berlin on a shop page with the widget tag `data` (and `body`), its clock at
 * `time` (fake timers when `install`, else fixed), `before` run before the page loads.
 */
async function withPage(
  data: ScriptData,
  fn: (v: Visit) => Promise<void>,
  options: {
    body?: string;
    time?: string | Date;
    install?: boolean;
    before?: (v: Visit) => Promise<unknown>;
  } = {},
): Promise<void> {
  const v = await visit(
    chromium.browser,
    { "/": shopPage({ scripts: [data], body: options.body }) },
    { ...PHONE, timezoneId: "Europe/Berlin" },
  );
  const time = options.time ?? NOW;
  if (options.install) await v.context.clock.install({ time });
  else await v.context.clock.setFixedTime(time);
  await v.page.addInitScript(FRAMES);
  try {
    await options.before?.(v);
    await v.page.goto(`${SHOP}/`);
    await widgetReady(v.page);
    await fn(v);
  } finally {
    await v.close();
  }
}

/** The floating button's element (its link is inside its shadow root). */
const floating = (page: Page) => page.locator("chatref-button[floating]");
/** The number of frames so far in which a button was displayed, and of those before the chunk. */
const frames = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __shown: number; __early: number };
    return { shown: w.__shown, early: w.__early };
  });
/** The codes of the page's `chatref:error` events, in order. */
const errorCodes = async (page: Page) =>
  (await pageEvents(page)).filter((e) => e.type === "chatref:error").map((e) => e.detail.code);
/** The chunk has run and said. */
const chunkThere = (page: Page) =>
  page.waitForFunction(() => window.__chatref?.agents !== undefined);

describe("hide: no button while nobody is online", () => {
  test("every agent away: the chunks are fetched at load and no button is ever displayed", () =>
    withPage(
      agentsTag([BRUNO, { ...ANA, hours: "sa-su 09:00-12:00" }], { offline: "hide" }),
      async (v) => {
        await chunkThere(v.page);
        await pause(300);
        await expect(floating(v.page).isVisible()).resolves.toBe(false);
        await expect(floating(v.page).count()).resolves.toBe(1);
        expect(await frames(v.page)).toEqual({ shown: 0, early: 0 });
        expect(widgetScripts(v)).toEqual(["/widget.js", "/widget-ui.js", "/widget-agents.js"]);
        expect(await errorCodes(v.page)).toEqual([]);
        expect(v.pageErrors).toEqual([]);
      },
    ));

  test("one agent online: shown once the chunk has said, never before (a slow chunk)", () =>
    withPage(
      agentsTag([ANA, BRUNO], { offline: "hide" }),
      async (v) => {
        await chunkThere(v.page);
        await button(v.page).waitFor();
        // Displayed in frames since, and in none before the chunk had said.
        await expect.poll(async () => (await frames(v.page)).shown).toBeGreaterThan(0);
        expect((await frames(v.page)).early).toBe(0);
      },
      {
        before: (v) => delayChunk(v.context, "widget-agents.js", 1200),
      },
    ));

  test("at the turn of the minute an agent's hours start, the button appears; when they end it goes (DST night)", () =>
    withPage(
      agentsTag([NIGHT], { offline: "hide" }),
      async (v) => {
        await chunkThere(v.page);
        const { clock } = v.page;
        // 02:59:59 does not exist that night: 01:59:59 CET, one second before 03:00 CEST.
        await clock.pauseAt(new Date("2026-03-29T00:59:59Z"));
        await expect(floating(v.page).isVisible()).resolves.toBe(false);
        await clock.runFor(1000);
        await button(v.page).waitFor({ state: "visible" });
        await clock.pauseAt(new Date("2026-03-29T01:59:59Z"));
        await expect(floating(v.page).isVisible()).resolves.toBe(true);
        await clock.runFor(1000);
        await button(v.page).waitFor({ state: "hidden" });
        expect(v.pageErrors).toEqual([]);
      },
      { time: DST_NIGHT, install: true },
    ));

  test("a tab shown again after its hours started: the button is back before the next minute", () =>
    withPage(
      agentsTag([NIGHT], { offline: "hide" }),
      async (v) => {
        await chunkThere(v.page);
        await pause(200);
        await expect(floating(v.page).isVisible()).resolves.toBe(false);
        // The clock moves on with no timer run (a throttled background tab), then it is shown.
        await v.page.clock.setSystemTime(new Date("2026-03-29T01:00:30Z"));
        await pause(200);
        await expect(floating(v.page).isVisible()).resolves.toBe(false);
        await v.page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
        await button(v.page).waitFor({ state: "visible" });
      },
      { time: DST_NIGHT, install: true },
    ));

  test("an inline button offering the agents hides too; one with its own number stays", () =>
    withPage(
      agentsTag([BRUNO], { offline: "hide", position: "none" }),
      async (v) => {
        await chunkThere(v.page);
        await pause(300);
        const own = v.page.locator("#own").getByRole("link");
        await own.waitFor({ state: "visible" });
        await expect(v.page.locator("#team").isVisible()).resolves.toBe(false);
        await v.page.clock.setFixedTime(new Date("2026-04-04T08:30:00Z"));
        await v.page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
        await v.page.locator("#team").getByRole("link").waitFor({ state: "visible" });
      },
      {
        body: '<chatref-button id="team"></chatref-button><chatref-button id="own" number="15550002222"></chatref-button>',
      },
    ));
});

describe("what loads when", () => {
  test("no data-offline=hide, or hide without agents: widget.js alone at load", async () => {
    for (const data of [
      agentsTag([BRUNO], { offline: "notice" }),
      { site: "demo", number: "15550001111", offline: "hide" },
    ])
      await withPage(data, async (v) => {
        await pause(500);
        expect(widgetScripts(v)).toEqual(["/widget.js"]);
        await button(v.page).waitFor({ state: "visible" });
      });
  });
});

describe("where the chunks cannot load", () => {
  for (const [chunk, code] of [
    ["agents", "agents_unavailable"],
    ["ui", "ui_unavailable"],
  ] as const)
    test(`widget-${chunk}.js blocked: the button shows, with ${code} and its console hint`, () =>
      withPage(
        agentsTag([BRUNO], { offline: "hide" }),
        async (v) => {
          await button(v.page).waitFor({ state: "visible" });
          expect(await errorCodes(v.page)).toEqual([code]);
          expect(v.warnings.some((w) => w.includes(`widget-${chunk}.js`))).toBe(true);
          await expect(button(v.page).getAttribute("href")).resolves.toBe(
            "https://wa.me/15550001111",
          );
        },
        { before: (v) => v.context.route(`**/widget-${chunk}.js*`, (r) => r.abort()) },
      ));
});
