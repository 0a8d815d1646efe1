/**
 * Screenshots of every view of the dashboard on the real product (dashboard-story.ts), at a
 * desktop (1280 px) and a phone (390 px) width, in English and in Arabic (right to left): the
 * sign-in view, the whole signed-in page, and each part on its own (set-up checklist, realtime
 * strip, figures, chart, breakdowns, leads, campaign links with a link's details open,
 * forwarding). Saved under DASHBOARD_SHOTS (default /tmp) for a person to look at; the test
 * checks what can be checked: nothing wider than the screen, no page error, and the layout fixes
 * of the screenshots' review (layoutChecks).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO } from "../support/local-worker";
import { SHOTS, signIn, useDashboardStory } from "./dashboard-story";
import { LANGS } from "./strings";

const { product, errors, openDashboard } = useDashboardStory();

let linked = false;
/** One campaign link, so the links panel has a row whose details open. */
async function ensureLink(): Promise<void> {
  if (linked) return;
  const res = await fetch(`${product.worker.base}/api/v1/links`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEMO.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: "Shop window, autumn",
      utm_source: "poster",
      utm_medium: "offline",
      utm_campaign: "autumn",
    }),
  });
  expect(res.status).toBe(201);
  linked = true;
}

/** The parts shot one by one: a name and the selector of its element. */
const PARTS: [string, string][] = [
  ["setup", "setup-checklist section"],
  ["realtime", "realtime-strip section"],
  ["kpis", "dl.kpis"],
  ["chart", "series-chart"],
  ["breakdowns", "div.tables"],
  ["leads", "leads-panel"],
  ["links", "links-panel"],
  ["forwarding", "forwarding-panel"],
];

/** Each element's horizontal overflow (scrollWidth − clientWidth) for `selector`. */
const overflows = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll((els) => els.map((e) => e.scrollWidth - e.clientWidth))
    .then((a) => a.filter((n) => n > 1));

/**
 * What the review of the screenshots fixed: breakdowns whole at 1280 px (no sideways scroll),
 * the leads in cards at 390 px (no sideways scroll), a short link's code never split over two
 * lines, the link form folded behind its button on a phone, and destination cards of one row
 * equally tall.
 */
async function layoutChecks(page: Page, width: number): Promise<void> {
  if (width === 1280) expect(await overflows(page, "div.tables .scroll")).toEqual([]);
  else expect(await overflows(page, "leads-panel .scroll")).toEqual([]);
  const code = page.locator("links-panel td.url .code").first();
  expect(await code.evaluate((e) => e.getClientRects().length)).toBe(1);
  const form = page.locator("links-panel link-form form");
  const fold = page.locator("links-panel link-form .fold button");
  if (width === 390) {
    expect(await form.isVisible()).toBe(false);
    await fold.click();
    await expect.poll(() => form.isVisible()).toBe(true);
    expect(
      await page
        .locator("links-panel #f-name")
        .evaluate((e) => e === (e.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true);
    await page.locator("links-panel link-form .cancel").click();
    await expect.poll(() => form.isVisible()).toBe(false);
  } else expect([await form.isVisible(), await fold.isVisible()]).toEqual([true, false]);
  const cards = await page.locator("forwarding-panel li[data-destination]").evaluateAll((els) =>
    els.map((li) => {
      const card = li.querySelector("destination-card")?.shadowRoot?.querySelector(".dest");
      const box = li.getBoundingClientRect();
      return { top: box.top, h: box.height, card: card?.getBoundingClientRect().height ?? 0 };
    }),
  );
  expect(cards.length).toBeGreaterThan(0);
  for (const { top, h, card } of cards) {
    // Each card fills its grid item; items of one row (same top) are equally tall.
    expect(Math.abs(h - card)).toBeLessThan(1);
    for (const other of cards)
      if (Math.abs(top - other.top) < 1) expect(Math.abs(h - other.h)).toBeLessThan(1);
  }
}

describe("dashboard screenshots (browser, real product)", () => {
  for (const lang of ["en", "ar"] as const)
    for (const width of [1280, 390])
      it(`${lang} at ${width} px: every view, nothing wider than the screen`, async () => {
        const t = LANGS[lang];
        await ensureLink();
        const page = await openDashboard(width, lang);
        await expect.poll(() => page.getByLabel(t.apiKey).count()).toBe(1);
        await page.screenshot({ path: `${SHOTS}/view-signin-${lang}-${width}.png` });
        await signIn(page, DEMO.apiKey, t);
        await expect.poll(() => page.locator("leads-panel tbody tr").count()).toBeGreaterThan(0);
        await expect.poll(() => page.locator("forwarding-panel h2").count()).toBeGreaterThan(0);
        await expect.poll(() => page.locator("links-panel tbody tr").count()).toBeGreaterThan(0);
        await expect
          .poll(() => page.locator("realtime-strip .n").first().textContent())
          .not.toBe("…");
        // A link's details open (its QR code and actions).
        await page.locator("links-panel tbody tr button[aria-controls]").first().click();
        await expect.poll(() => page.locator("link-detail").count()).toBeGreaterThan(0);
        await page.waitForTimeout(500);
        await page.screenshot({ path: `${SHOTS}/view-all-${lang}-${width}.png`, fullPage: true });
        for (const [name, selector] of PARTS) {
          const part = page.locator(selector).first();
          if (await part.count())
            await part.screenshot({ path: `${SHOTS}/view-${name}-${lang}-${width}.png` });
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          width,
        );
        await layoutChecks(page, width);
        expect(errors).toEqual([]);
      });
});
