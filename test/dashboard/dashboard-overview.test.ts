/**
 * The top of the dashboard on the real product (dashboard-story.ts): the realtime strip equals
 * the API's last 30 minutes and reads again while the page is visible (never while hidden); the
 * set-up checklist shows a new site's open steps with the next step in the interface language,
 * and the demo site's steps as the API says them; the chart keeps equal lines distinguishable
 * and its last x label inside the plot; the panels below the figures are chunks fetched only
 * after sign-in.
 */
import type { Page } from "playwright-core";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import type { RealtimeJson } from "../../worker/api/realtime-schema";
import type { SetupJson } from "../../worker/api/setup-schema";
import { createLocalSite, DEMO } from "../support/local-worker";
import { openDashboardPage } from "./dashboard-page";
import { SHOTS, signIn, useDashboardStory } from "./dashboard-story";
import { LANGS } from "./strings";

const { product, errors, dialogs, beacon, openDashboard } = useDashboardStory();

async function apiGet<T>(path: string, key: string = DEMO.apiKey): Promise<T> {
  const res = await fetch(`${product.worker.base}${path}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** A second site made with the local admin token: no click, message, lead or destination. */
async function newSite(): Promise<{ key: string; apiKey: string }> {
  const origins = ["https://fresh.example"];
  const site = await createLocalSite(product.worker.base, "fresh", "Fresh shop", "3", origins);
  return { key: site.key, apiKey: site.api_key.key };
}

const realtimeTotal = (page: Page, id: string) =>
  page.locator(`[data-realtime="${id}"] .n`).textContent();

/** Makes the page's `document.visibilityState` read `state` and tells the page it changed. */
const setVisibility = (page: Page, state: "hidden" | "visible") =>
  page.evaluate((s) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => s });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);

describe("dashboard overview (browser, real product)", () => {
  it("the realtime strip shows the API's last 30 minutes, read again only while visible", async () => {
    const reads: string[] = [];
    const page = await openDashboardPage(
      product.browser,
      product.worker.base,
      { errors, dialogs },
      1280,
      {},
      (context) => context.clock.install(),
    );
    page.on("request", (r) => {
      if (r.url().includes("/api/v1/stats/realtime")) reads.push(r.url());
    });
    await signIn(page, DEMO.apiKey);
    const api = await apiGet<RealtimeJson>("/api/v1/stats/realtime");
    // The story's beacons and leads were sent seconds ago: in the window.
    expect(api.totals.chat_clicks).toBeGreaterThan(0);
    await expect
      .poll(() => realtimeTotal(page, "chat_clicks"))
      .toBe(String(api.totals.chat_clicks));
    expect(await realtimeTotal(page, "conversations")).toBe(String(api.totals.conversations));
    expect(await realtimeTotal(page, "scans")).toBe(String(api.totals.scans));
    // One bar per minute that had clicks.
    const busy = api.minutes.filter((m) => m.chat_clicks > 0).length;
    expect(await page.locator('[data-realtime="chat_clicks"] svg rect').count()).toBe(busy + 1);
    // A new click shows after the next read, 30 s later.
    await beacon({ utm_source: "realtime" });
    const before = reads.length;
    await page.clock.fastForward(31_000);
    await expect
      .poll(() => realtimeTotal(page, "chat_clicks"))
      .toBe(String(api.totals.chat_clicks + 1));
    expect(reads.length).toBeGreaterThan(before);
    // Hidden: no read however long; visible again: one at once.
    await setVisibility(page, "hidden");
    const hidden = reads.length;
    await page.clock.fastForward(125_000);
    await page.waitForTimeout(300);
    expect(reads.length).toBe(hidden);
    await setVisibility(page, "visible");
    await expect.poll(() => reads.length).toBe(hidden + 1);
    expect(errors).toEqual([]);
  });

  it("a new site sees every set-up step open with its next step, in its language", async () => {
    const site = await newSite();
    const page = await openDashboard(390, "ru-RU");
    await signIn(page, site.apiKey, LANGS.ru);
    const ru = LANGS.ru;
    const list = page.locator('setup-checklist [data-setup="open"]');
    await expect.poll(() => list.locator("h2").textContent()).toBe(ru.setupTitle);
    expect(await list.locator('li[data-done="false"]').count()).toBe(4);
    expect(await list.locator('li[data-done="true"]').count()).toBe(0);
    const step = (id: string) => list.locator(`li[data-step="${id}"]`);
    expect(await step("beacon").textContent()).toContain(ru.setupBeaconNext);
    // The server's exact fix: the script tag with this site's key.
    expect(await step("beacon").locator(".fix").textContent()).toContain(`data-site="${site.key}"`);
    expect(await step("webhook").textContent()).toContain(ru.setupWebhookNext);
    expect(await step("lead").textContent()).toContain(ru.setupLeadNext);
    expect(await step("destinations").textContent()).toContain(ru.setupDestinationsNone);
    await page.screenshot({ path: `${SHOTS}/dashboard-setup-390-ru.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    expect(errors).toEqual([]);
  });

  it("the demo site's checklist says what the API says", async () => {
    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    const setup = await apiGet<SetupJson>("/api/v1/setup");
    const done = {
      beacon: setup.beacon.at !== null && setup.rejected_beacons.length === 0,
      webhook: setup.webhook.at !== null,
      lead: setup.lead.at !== null,
      destinations:
        setup.destinations.length > 0 &&
        setup.destinations.every(
          (d) => d.status === "disabled" || (d.fix === null && d.status !== "failing"),
        ),
    };
    const all = Object.values(done).every(Boolean);
    const root = page.locator(`setup-checklist [data-setup="${all ? "complete" : "open"}"]`);
    await expect.poll(() => root.count()).toBe(1);
    for (const [id, ok] of Object.entries(done))
      expect(await root.locator(`li[data-step="${id}"]`).getAttribute("data-done"), id).toBe(
        String(ok),
      );
    // Every step done (the answer as the API would give it): one folded line, which "Hide"
    // dismisses for this site; an open step shows the list again whatever was dismissed.
    const at = new Date().toISOString();
    const complete: SetupJson = {
      ...setup,
      beacon: { at, fix: null },
      webhook: { at, fix: null },
      lead: { at, fix: null },
      rejected_beacons: [],
      destinations: setup.destinations.length
        ? setup.destinations.map((d) => ({ ...d, status: "ok" as const, fix: null }))
        : [
            {
              id: "d",
              kind: "webhook",
              name: "Hook",
              status: "ok",
              last_sent_at: at,
              last_error: null,
              fix: null,
            },
          ],
    };
    const checklist = page.locator("setup-checklist");
    await checklist.evaluate(
      (el, s) => Object.assign(el, { setup: s, dismissed: false }),
      complete,
    );
    const folded = page.locator('setup-checklist [data-setup="complete"]');
    await expect.poll(() => folded.count()).toBe(1);
    expect(await folded.locator("summary").textContent()).toContain(LANGS.en.setupComplete);
    expect(await folded.locator("details").getAttribute("open")).toBe(null);
    await folded.getByRole("button", { name: LANGS.en.setupHide }).click();
    await expect.poll(() => page.locator("setup-checklist section").count()).toBe(0);
    expect(await checklist.evaluate((el) => (el as HTMLElement).hidden)).toBe(true);
    expect(
      await page.evaluate((id) => localStorage.getItem(`chatref.setupHidden.${id}`), setup.site_id),
    ).toBe("1");
    await checklist.evaluate((el, s) => Object.assign(el, { setup: s }), {
      ...complete,
      lead: { at: null, fix: null },
    });
    await expect.poll(() => page.locator('setup-checklist [data-setup="open"]').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it("the chart keeps equal lines apart and its last x label inside the plot", async () => {
    const page = await openDashboard(390);
    await signIn(page, DEMO.apiKey);
    const chart = page.locator("series-chart");
    await expect.poll(() => chart.locator("text.x").count()).toBeGreaterThan(1);
    const labels = Array.from(
      { length: 30 },
      (_, i) => `2026-11-${String(i + 1).padStart(2, "0")}`,
    );
    const values = labels.map((_, i) => (i * 7) % 5);
    await chart.evaluate(
      (el, [labels, values]) => {
        Object.assign(el, {
          labels,
          lines: [
            { label: "Conversations started", values, color: "#0b7a4b" },
            { label: "Chat clicks", values, color: "#1a5fb4" },
          ],
        });
      },
      [labels, values] as const,
    );
    await expect.poll(() => chart.locator("[data-same]").count()).toBe(1);
    expect(await chart.locator("[data-same]").textContent()).toBe(
      "(same as Conversations started)",
    );
    // Both colours are on screen although the lines are equal everywhere.
    const png = PNG.sync.read(await chart.locator("svg.plot").screenshot());
    const near = (r: number, g: number, b: number) => {
      let n = 0;
      for (let i = 0; i < png.data.length; i += 4)
        if (
          Math.abs((png.data[i] ?? 0) - r) < 24 &&
          Math.abs((png.data[i + 1] ?? 0) - g) < 24 &&
          Math.abs((png.data[i + 2] ?? 0) - b) < 24
        )
          n++;
      return n;
    };
    expect(near(0x0b, 0x7a, 0x4b)).toBeGreaterThan(200);
    expect(near(0x1a, 0x5f, 0xb4)).toBeGreaterThan(200);
    // Every x label, the last (the period's end) included, is drawn inside the plot.
    const boxes = await chart.evaluate((el) => {
      const svg = el.shadowRoot?.querySelector("svg.plot")?.getBoundingClientRect();
      const texts = [...(el.shadowRoot?.querySelectorAll("text.x") ?? [])];
      return {
        svg: svg ? [svg.left, svg.right] : [0, 0],
        texts: texts.map((t) => {
          const r = t.getBoundingClientRect();
          return [r.left, r.right, t.textContent ?? ""] as const;
        }),
      };
    });
    expect(boxes.texts.at(-1)?.[2]).toBe("Nov 30");
    for (const [left, right, text] of boxes.texts) {
      expect(left, text).toBeGreaterThanOrEqual(boxes.svg[0] ?? 0);
      expect(right, text).toBeLessThanOrEqual(boxes.svg[1] ?? 0);
    }
    await chart.screenshot({ path: `${SHOTS}/chart-equal-lines-390.png` });
    expect(errors).toEqual([]);
  });

  it("the panels below the figures are chunks fetched only after sign-in", async () => {
    const page = await openDashboard(1280);
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith(".js")) scripts.push(new URL(r.url()).pathname);
    });
    await expect.poll(() => page.getByLabel(LANGS.en.apiKey).count()).toBe(1);
    const panel = /\/(leads|links|forwarding)-panel-[\w-]+\.js$/;
    expect(scripts.filter((s) => panel.test(s))).toEqual([]);
    await signIn(page, DEMO.apiKey);
    await expect.poll(() => page.locator("links-panel h2").first().textContent()).not.toBe(null);
    await expect
      .poll(() => page.locator("forwarding-panel h2").first().textContent())
      .not.toBe(null);
    expect(scripts.filter((s) => panel.test(s)).length).toBe(3);
    expect(errors).toEqual([]);
  });
});
