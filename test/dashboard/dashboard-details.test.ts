/**
 * Breakdowns on the real product (dashboard-story.ts plus 24 more campaigns): each card shows its
 * top 10 rows with bars by conversations, and the details dialog every row — search, sort,
 * pages, CSV and drill-down — with figures equal to the API's. Rates divide only conversations
 * that had a click ("(not set)" rows get none); opt-outs sit beside opt-ins; narrow tables show
 * a scroll hint. Screenshots at 1280 and 390 px go to $DASHBOARD_SHOTS.
 */
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO, sendWhatsApp } from "../support/local-worker";
import { cspViolations } from "./dashboard-page";
import { num, SHOTS, signIn, tableCells, useDashboardStory } from "./dashboard-story";

const { product, errors, beacon, apiStats, openDashboard } = useDashboardStory();
const CAMPAIGNS = Array.from({ length: 24 }, (_, i) => `promo-${String(i + 1).padStart(2, "0")}`);
const percent = (r: number | null) =>
  r === null
    ? "—"
    : new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(r);

type ApiStats = Awaited<ReturnType<typeof apiStats>> & {
  kpis: {
    clicked_conversations: number;
    click_to_conversation_rate: number | null;
    opt_outs: number | null;
  };
};
const stats = async () => (await apiStats("first")) as ApiStats;

beforeAll(async () => {
  for (const c of CAMPAIGNS)
    await beacon({ utm_source: "mail", utm_medium: "email", utm_campaign: c });
  // An opt-out (its own conversation, not attributed).
  const phone = `1557${Date.now().toString().slice(-7)}`;
  expect((await sendWhatsApp(product.worker.base, phone, "STOP")).status).toBe(200);
  // (expect.poll is for tests only) The opt-out is recorded in the message's own batch.
  for (let i = 0; i < 50 && (await stats()).kpis.opt_outs !== 1; i++)
    await new Promise((r) => setTimeout(r, 200));
});

async function dialogCells(dialog: Locator): Promise<string[][]> {
  const rows = dialog.locator("tbody tr");
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++)
    out.push((await rows.nth(i).locator("th, td").allInnerTexts()).map((s) => s.trim()));
  return out;
}
const names = async (dialog: Locator) => (await dialogCells(dialog)).map((c) => c[0]);

describe("breakdowns: top rows, bars and the details dialog", () => {
  it("a card shows the top 10 rows with bars by conversations; the dialog every row", async () => {
    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    const api = (await stats()).breakdowns.campaign?.rows ?? [];
    expect(api.length).toBeGreaterThan(25);
    await expect.poll(async () => (await tableCells(page, "campaign")).length).toBe(10);
    const cells = await tableCells(page, "campaign");
    cells.forEach((c, i) => {
      expect(c.slice(1, 4).map(num)).toEqual([
        api[i]?.conversations,
        api[i]?.chat_clicks,
        api[i]?.scans,
      ]);
    });
    // Bars: each row's conversations over the largest (SVG width attributes, not styles).
    const card = page.locator('[data-breakdown="campaign"]');
    const max = Math.max(...api.map((r) => r.conversations));
    const widths = await card
      .locator("tbody th svg.bar rect")
      .evaluateAll((rects) => rects.map((r) => r.getAttribute("width")));
    expect(widths).toEqual(
      api.slice(0, 10).map((r) => `${((r.conversations / max) * 100).toFixed(2)}%`),
    );
    expect((await card.locator("svg.bar rect").first().boundingBox())?.width).toBeGreaterThan(20);

    await card.getByRole("button", { name: new RegExp(`All ${api.length} rows`) }).click();
    const dialog = card.getByRole("dialog");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Page 1: 25 rows in the API's order, with the same figures; then page 2.
    const keys = api.map((r) => r.key ?? "(not set)");
    await expect.poll(() => names(dialog)).toEqual(keys.slice(0, 25));
    expect((await dialogCells(dialog)).map((c) => c.slice(1, 4).map(num))).toEqual(
      api.slice(0, 25).map((r) => [r.conversations, r.chat_clicks, r.scans]),
    );
    expect(await dialog.locator("[data-page]").textContent()).toBe(`1–25 of ${api.length}`);
    await page.screenshot({ path: `${SHOTS}/dashboard-details-1280.png` });
    await dialog.getByRole("button", { name: "Next" }).click();
    await expect
      .poll(() => dialog.locator("[data-page]").textContent())
      .toBe(`26–${api.length} of ${api.length}`);
    expect(await names(dialog)).toEqual(keys.slice(25));

    // Search, then sort by name descending (two presses): the API's rows, filtered and sorted.
    await dialog.getByLabel("Search").fill("PROMO-1");
    const expected = keys
      .filter((k) => k.includes("promo-1"))
      .sort()
      .reverse();
    await expect.poll(async () => (await names(dialog)).length).toBe(expected.length);
    const sort = dialog.locator("thead button", { hasText: "Campaign" });
    await sort.click();
    await sort.click();
    expect(await dialog.locator("thead th").first().getAttribute("aria-sort")).toBe("descending");
    await expect.poll(() => names(dialog)).toEqual(expected);
    // The CSV has the rows found, in that order.
    const download = page.waitForEvent("download");
    await dialog.getByRole("button", { name: /Export CSV/ }).click();
    const lines = readFileSync(await (await download).path(), "utf8")
      .replace(/^\ufeff/, "")
      .split("\r\n")
      .filter((l) => l);
    expect(lines.slice(1).map((l) => l.split(",")[0]?.replaceAll('"', ""))).toEqual(expected);
    await dialog.getByLabel("Search").fill("no such campaign");
    await expect.poll(() => dialog.textContent()).toContain("No rows match the search.");

    // Choosing a row drills down: the dialog closes and the filter applies.
    await dialog.getByLabel("Search").fill("promo-07");
    await dialog.locator("tbody th button").first().click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect
      .poll(() => page.locator('.chip[data-filter="campaign"] .chip-text').textContent())
      .toBe("Campaign: promo-07");
    expect(new URL(page.url()).searchParams.get("campaign")).toBe("promo-07");
    // Bars, dialog and its chunk under the strict CSP: nothing refused.
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe("rates and opt-outs", () => {
  it("the rate divides conversations that had a click; (not set) rows get none", async () => {
    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    const api = await stats();
    const k = api.kpis;
    const value = (id: string) => page.locator(`[data-kpi="${id}"] .value`).textContent();
    await expect.poll(() => value("rate")).toBe(percent(k.click_to_conversation_rate));
    expect(k.click_to_conversation_rate).toBe(
      Math.round((k.clicked_conversations / (k.chat_clicks + k.scans)) * 10_000) / 10_000,
    );
    // The conversations without a click are said apart.
    const apart = k.conversations - k.clicked_conversations;
    expect(apart).toBeGreaterThan(0);
    expect(await page.locator("[data-no-click]").textContent()).toBe(
      `+ ${apart} without a click (ads, not attributed)`,
    );
    expect(k.opt_outs).toBeGreaterThanOrEqual(1);
    expect(await value("opt_outs")).toBe(String(k.opt_outs));
    expect(await page.locator('[data-kpi="opt_outs"] dt').textContent()).toBe("Opt-outs");
    for (const by of ["channel", "source_medium", "placement"]) {
      const rows = api.breakdowns[by]?.rows ?? [];
      const cells = await tableCells(page, by);
      rows.slice(0, 10).forEach((r, i) => {
        expect(cells[i]?.[4], `${by} ${r.key}`).toBe(r.key === null ? "—" : percent(r.rate));
      });
    }
    // The story's channel table has a (not set) row (the leads without a ref): no rate.
    const notSet = (await tableCells(page, "channel")).find((c) => c[0] === "(not set)");
    expect(notSet?.[4]).toBe("—");
    expect(errors).toEqual([]);
  });
});

/** The mean brightness (0–255) of the 4 px strip at the right edge of a screenshot. */
function rightEdge(png: Buffer): number {
  const img = PNG.sync.read(png);
  let sum = 0;
  let n = 0;
  for (let y = 0; y < img.height; y++)
    for (let x = img.width - 4; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      sum += ((img.data[i] ?? 0) + (img.data[i + 1] ?? 0) + (img.data[i + 2] ?? 0)) / 3;
      n++;
    }
  return sum / n;
}

/** The right-edge brightness of `scroll` with its hint, or without it (CSSOM: the CSP allows). */
async function edge(scroll: Locator, hint: boolean): Promise<number> {
  if (!hint)
    await scroll.evaluate((e) => (e as HTMLElement).style.setProperty("background", "#fff"));
  const shot = rightEdge(await scroll.screenshot());
  await scroll.evaluate((e) => (e as HTMLElement).style.removeProperty("background"));
  return shot;
}

describe("narrow tables", () => {
  it("at 390 px a table that scrolls shows a shadow at the edge it continues past", async () => {
    const page: Page = await openDashboard(390);
    await signIn(page, DEMO.apiKey);
    const scroll = page.locator('[data-breakdown="campaign"] .scroll');
    await expect.poll(() => scroll.count()).toBe(1);
    const box = await scroll.evaluate((e) => ({ sw: e.scrollWidth, cw: e.clientWidth }));
    expect(box.sw).toBeGreaterThan(box.cw);
    await page.screenshot({ path: `${SHOTS}/dashboard-details-390.png`, fullPage: true });
    const [hinted, plain] = [await edge(scroll, true), await edge(scroll, false)];
    expect(plain - hinted).toBeGreaterThan(3);
    // Scrolled to the end, nothing continues past the right edge: no shadow there.
    await scroll.evaluate((e) => e.scrollTo({ left: e.scrollWidth }));
    const [endHinted, endPlain] = [await edge(scroll, true), await edge(scroll, false)];
    expect(Math.abs(endPlain - endHinted)).toBeLessThan(1);
    expect(errors).toEqual([]);
  });
});
