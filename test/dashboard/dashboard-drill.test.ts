/**
 * Drill-down on the real product (dashboard-story.ts): a clicked (or keyboard-chosen) row filters
 * every view to the API's filtered answer, the view lives in the URL (reload, back button), and a
 * hostile filter value stays text.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW, parseView, rowFilters, viewSearch } from "../../dashboard/view-state";
import { DEMO } from "../support/local-worker";
import { cspViolations } from "./dashboard-page";
import { HOSTILE, num, SHOTS, signIn, tableCells, useDashboardStory } from "./dashboard-story";
import { LANGS } from "./strings";

const { product, errors, dialogs, apiStats, openDashboard } = useDashboardStory();

describe("dashboard (browser, real product)", () => {
  it("drill-down: the Paid Search row filters every view; the URL keeps it; back undoes it", async () => {
    const t = LANGS.en;
    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    const kpi = (id: string) => page.locator(`[data-kpi="${id}"] .value`).textContent();
    const all = await apiStats("first");
    await expect.poll(() => kpi("conversations")).toBe(String(all.kpis.conversations));
    expect(new URL(page.url()).search).toBe("");
    // A click anywhere on the row (here its conversations cell) drills down.
    const row = page
      .locator('[data-breakdown="channel"] tbody tr')
      .filter({ has: page.locator("th", { hasText: /^Paid Search$/ }) });
    await row.locator("td").first().click();
    const chip = page.locator('.chip[data-filter="channel"]');
    await expect
      .poll(() => chip.locator(".chip-text").textContent())
      .toBe(`${t.channel}: Paid Search`);
    expect(new URL(page.url()).searchParams.get("channel")).toBe("Paid Search");
    expect(page.url()).not.toContain(DEMO.apiKey);
    const api = await apiStats("first", { channel: "Paid Search" });
    expect(api.kpis.conversations).toBe(1);
    const expectFiltered = async () => {
      await expect.poll(() => kpi("chat_clicks")).toBe(String(api.kpis.chat_clicks));
      expect(await kpi("scans")).toBe(String(api.kpis.scans));
      expect(await kpi("conversations")).toBe(String(api.kpis.conversations));
      // Opt-ins are site-wide: "—" with the reason, not 0.
      expect(api.kpis.opt_ins).toBeNull();
      expect(await kpi("opt_ins")).toBe("—");
      expect(await page.locator('[data-kpi="opt_ins"] .prev').textContent()).toBe(t.optInsFiltered);
      expect(await page.locator('[data-kpi="opt_ins"] .value').getAttribute("title")).toBe(
        t.optInsFiltered,
      );
      expect(await page.locator('[data-attribution="ref"] strong').textContent()).toBe(
        String(api.attribution.ref),
      );
      for (const by of ["channel", "source_medium", "campaign", "placement"]) {
        const cells = await tableCells(page, by);
        expect(
          cells.map((c) => [c[0], ...c.slice(1, 4).map(num)]),
          by,
        ).toEqual(
          (api.breakdowns[by]?.rows ?? []).map((r) => [
            by === "placement" ? "Button" : (r.key ?? "(not set)"),
            r.conversations,
            r.chat_clicks,
            r.scans,
          ]),
        );
      }
      // The row filtered on is no longer a drill-down; the leads are P1's only.
      expect(await page.locator('[data-breakdown="channel"] tbody button').count()).toBe(0);
      const leads = page.locator("leads-panel tbody tr");
      await expect.poll(() => leads.count()).toBe(1);
      expect(await leads.first().locator("td").first().textContent()).toBe(HOSTILE);
      expect(await page.locator("leads-panel data-table p").last().textContent()).toBe(
        t.leadsFiltered,
      );
    };
    await expectFiltered();
    await page.screenshot({ path: `${SHOTS}/dashboard-filtered.png`, fullPage: true });
    // A bookmark: the same view after a reload (the key stays in the tab's sessionStorage).
    await page.reload();
    await expect.poll(() => chip.count()).toBe(1);
    await expectFiltered();
    // The back button undoes the drill-down.
    await page.goBack();
    await expect.poll(() => chip.count()).toBe(0);
    expect(new URL(page.url()).search).toBe("");
    await expect.poll(() => kpi("chat_clicks")).toBe(String(all.kpis.chat_clicks));
    expect(await kpi("opt_ins")).toBe(String(all.kpis.opt_ins));
    await expect.poll(() => page.locator("leads-panel tbody tr").count()).toBe(2);
    // Forward again; the model and interval are in the URL too.
    await page.goForward();
    await expect.poll(() => chip.count()).toBe(1);
    await page.getByRole("radio", { name: "Last touch" }).check();
    await page.getByLabel("Interval").selectOption("week");
    await expect.poll(() => new URL(page.url()).searchParams.get("interval")).toBe("week");
    expect(new URL(page.url()).searchParams.get("touch")).toBe("last");
    const last = await apiStats("last", { channel: "Paid Search" });
    await expect.poll(() => kpi("conversations")).toBe(String(last.kpis.conversations));
    await page.reload();
    await expect.poll(() => page.getByLabel("Interval").inputValue()).toBe("week");
    expect(await page.getByRole("radio", { name: "Last touch" }).isChecked()).toBe(true);
    expect(await chip.count()).toBe(1);
    // Leads follow the model: P1's last touch is the e-mail, not the ad.
    await expect.poll(() => page.locator("leads-panel tbody tr").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("keyboard: Tab to a row's button, Enter filters; chips are removable", async () => {
    const t = LANGS.en;
    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    const section = page.locator('[data-breakdown="source_medium"]');
    await expect.poll(() => section.locator("tbody button").count()).toBeGreaterThan(0);
    // (not set) is no exact value: not a button.
    const notSet = page.locator('[data-breakdown="channel"] tbody th', { hasText: "(not set)" });
    expect(await notSet.count()).toBe(1);
    expect(await notSet.locator("button").count()).toBe(0);
    const focused = () =>
      page.evaluate(() => {
        let a = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        return `${a?.tagName} ${a?.textContent?.trim()}`;
      });
    await section.getByRole("button", { name: /Export CSV/ }).focus();
    for (let i = 0; i < 20 && (await focused()) !== "BUTTON google / cpc"; i++)
      await page.keyboard.press("Tab");
    expect(await focused()).toBe("BUTTON google / cpc");
    await page.keyboard.press("Enter");
    const chips = page.locator(".chip .chip-text");
    await expect
      .poll(() => chips.allTextContents())
      .toEqual([`${t.filterSource}: google`, `${t.filterMedium}: cpc`]);
    const url = new URL(page.url()).searchParams;
    expect([url.get("source"), url.get("medium")]).toEqual(["google", "cpc"]);
    const api = await apiStats("first", { source: "google", medium: "cpc" });
    const kpi = (id: string) => page.locator(`[data-kpi="${id}"] .value`).textContent();
    await expect.poll(() => kpi("chat_clicks")).toBe(String(api.kpis.chat_clicks));
    expect(await kpi("conversations")).toBe(String(api.kpis.conversations));
    // The × of a chip removes that filter; "Clear all" the rest.
    await page.getByRole("button", { name: `${t.removeFilter}: ${t.filterMedium}: cpc` }).click();
    await expect.poll(() => chips.allTextContents()).toEqual([`${t.filterSource}: google`]);
    expect(new URL(page.url()).searchParams.get("medium")).toBeNull();
    await page.getByRole("button", { name: t.clearFilters }).click();
    await expect.poll(() => chips.count()).toBe(0);
    expect(new URL(page.url()).search).toBe("");
    expect(errors).toEqual([]);
  });

  it("a hostile filter value from a shared URL stays text, with no CSP violation", async () => {
    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    await expect.poll(() => page.locator('[data-kpi="conversations"] .value').count()).toBe(1);
    // Violations are collected from the page's start: the chips render as soon as the module runs.
    const q = new URLSearchParams({ campaign: HOSTILE, placement: `"><svg onload=alert(2)>` });
    await page.goto(`${product.worker.base}/dashboard?${q}`);
    const violations = () => cspViolations(page);
    const chips = page.locator(".chip .chip-text");
    await expect
      .poll(() => chips.allTextContents())
      .toEqual([`Campaign: ${HOSTILE}`, `Placement: "><svg onload=alert(2)>`]);
    expect(await page.locator(".filter-bar img, .filter-bar svg").count()).toBe(0);
    const api = await apiStats("first", {
      campaign: HOSTILE,
      placement: `"><svg onload=alert(2)>`,
    });
    await expect
      .poll(() => page.locator('[data-kpi="conversations"] .value').textContent())
      .toBe(String(api.kpis.conversations));
    // Chips wrap inside a phone's width, right to left in Arabic.
    await page.getByLabel("Language").selectOption("ar");
    await expect
      .poll(() => page.locator(".chip-remove").first().getAttribute("title"))
      .toBe(LANGS.ar.removeFilter);
    await page.setViewportSize({ width: 390, height: 900 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/dashboard-filtered-ar-390.png` });
    expect(await violations()).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("the view's query string: round trip, defaults omitted, malformed values ignored", () => {
    expect(viewSearch(DEFAULT_VIEW)).toBe("");
    const view = {
      from: "2026-01-01",
      to: "2026-01-31",
      interval: "week" as const,
      touch: "last" as const,
      compare: false,
      filters: { channel: "Paid Search", source: "a&b=c", link_id: "lnk_1" },
    };
    expect(parseView(`?${viewSearch(view)}`)).toEqual(view);
    expect(parseView("?from=2026-02-01&to=2026-01-01&interval=year&touch=x&channel=")).toEqual(
      DEFAULT_VIEW,
    );
    expect(parseView(`?source=${"x".repeat(513)}&apiKey=k`).filters).toEqual({});
    expect(rowFilters("source_medium", "google / cpc")).toEqual({
      source: "google",
      medium: "cpc",
    });
    expect(rowFilters("source_medium", "a / b / c")).toBeNull();
    expect(rowFilters("channel", null)).toBeNull();
    expect(rowFilters("landing_page", "example.com/")).toBeNull();
    expect(rowFilters("link", "lnk_1")).toEqual({ link_id: "lnk_1" });
  });
});
