/**
 * The dashboard on the real product (dashboard-story.ts): figures on screen equal the API's, the
 * first/last-touch switch moves a conversation, the leads' touch paths, CSV equals the table, a
 * strict CSP nothing violates. Drill-down: dashboard-drill.test.ts; languages:
 * dashboard-languages.test.ts.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO } from "../support/local-worker";
import {
  HOSTILE,
  num,
  SHOTS,
  signIn,
  tableCells,
  useDashboardStory,
  utcDay,
  watchCsp,
} from "./dashboard-story";

const { product, errors, apiStats, openDashboard } = useDashboardStory();

describe("dashboard (browser, real product)", () => {
  it("a wrong key gets a clear error; the right one shows the API's figures", async () => {
    const page = await openDashboard(1280);
    await signIn(page, "not-a-key");
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("This API key was not accepted");
    await signIn(page, DEMO.apiKey);
    const api = await apiStats("first");
    const kpi = (id: string) => page.locator(`[data-kpi="${id}"] .value`).textContent();
    await expect.poll(() => kpi("conversations")).toBe(String(api.kpis.conversations));
    expect(await kpi("chat_clicks")).toBe(String(api.kpis.chat_clicks));
    expect(await kpi("scans")).toBe(String(api.kpis.scans));
    expect(await kpi("opt_ins")).toBe(String(api.kpis.opt_ins));
    expect(await page.locator('[data-attribution="none"] strong').textContent()).toBe(
      String(api.attribution.none),
    );
    for (const by of ["channel", "source_medium", "campaign", "placement"]) {
      const cells = await tableCells(page, by);
      const rows = api.breakdowns[by]?.rows ?? [];
      expect(cells.length, by).toBe(rows.length);
      rows.forEach((r, i) => {
        expect(cells[i]?.slice(1, 4).map(num), `${by} ${r.key}`).toEqual([
          r.conversations,
          r.chat_clicks,
          r.scans,
        ]);
      });
    }
    await page.screenshot({ path: `${SHOTS}/dashboard-1280.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it("is served with a strict CSP that nothing on the page violates; days in the site's zone", async () => {
    const res = await fetch(`${product.worker.base}/dashboard/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const page = await openDashboard(1280);
    const violations = await watchCsp(page);
    await signIn(page, DEMO.apiKey);
    await expect
      .poll(() => page.locator('[data-kpi="conversations"] .value').textContent())
      .not.toBe(null);
    await expect
      .poll(() => page.getByText("Days are counted in the site's time zone").textContent())
      .toContain("UTC");
    // Styled (the shell's styles applied) and the attribution bar drawn (SVG attributes, not styles).
    const header = await page
      .locator("header.top")
      .evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(header).toBe("rgb(11, 93, 59)");
    const widths = await page
      .locator(".share rect")
      .evaluateAll((bars) => bars.map((b) => (b as SVGRectElement).width.baseVal.value));
    expect(widths.some((w) => w > 0)).toBe(true);
    await page.locator("[data-breakdown=channel] button").first().click();
    expect(await violations()).toEqual([]);
    // The check can fail: an inline style attribute is refused and reported.
    await page.evaluate(() => document.body.setAttribute("style", "color: red"));
    await expect.poll(violations).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("the first/last-touch switch moves the conversation from the ad to the e-mail", async () => {
    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    const row = async (name: string) =>
      (await tableCells(page, "channel")).find((r) => r[0] === name);
    await expect.poll(async () => (await row("Paid Search"))?.[1]).toBe("1");
    expect((await row("Email"))?.[1]).toBe("0");
    await page.getByRole("radio", { name: "Last touch" }).check();
    await expect.poll(async () => (await row("Email"))?.[1]).toBe("1");
    expect((await row("Paid Search"))?.[1]).toBe("0");
    const api = await apiStats("last");
    const cells = await tableCells(page, "channel");
    expect(cells.map((c) => [c[0], num(c[1] ?? "")])).toEqual(
      api.breakdowns.channel?.rows.map((r) => [r.key ?? "(not set)", r.conversations]),
    );
    expect(errors).toEqual([]);
  });

  it("the leads table shows each lead's touch path, as the API has it", async () => {
    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    const q = new URLSearchParams({
      from: utcDay(-29),
      to: utcDay(1),
      limit: "50",
      include: "touches",
    });
    const res = await fetch(`${product.worker.base}/api/v1/leads?${q}`, {
      headers: { authorization: `Bearer ${DEMO.apiKey}` },
    });
    const api = (await res.json()) as {
      data: {
        contact: { name: string | null };
        touches: { kind: string; utm_source: string | null; utm_medium: string | null }[];
      }[];
    };
    const path = (l: (typeof api.data)[number]) =>
      l.touches.length
        ? l.touches
            .map((s) =>
              s.kind === "ctwa"
                ? "meta / ctwa"
                : `${s.utm_source ?? "(not set)"} / ${s.utm_medium ?? "(not set)"}`,
            )
            .join(" → ")
        : "(not set)";
    const rows = page.locator("leads-panel tbody tr");
    await expect.poll(() => rows.count()).toBe(api.data.length);
    const header = await page.locator("leads-panel thead th").allInnerTexts();
    expect(header.at(-1)?.trim()).toBe("Touch path");
    const cells: string[][] = [];
    for (let i = 0; i < api.data.length; i++)
      cells.push((await rows.nth(i).locator("th, td").allInnerTexts()).map((s) => s.trim()));
    expect(cells.map((c) => c.at(-1))).toEqual(api.data.map(path));
    // P1 (the hostile name): the ad first, then the e-mail; P2 (no ref): no path.
    expect(cells.find((c) => c[1] === HOSTILE)?.at(-1)).toBe("google / cpc → newsletter / email");
    expect(cells.find((c) => c[1] === "Ольга 李")?.at(-1)).toBe("(not set)");
    expect(errors).toEqual([]);
  });

  it("CSV equals the table, with formulas neutralised", async () => {
    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    await expect.poll(async () => (await tableCells(page, "campaign")).length).toBeGreaterThan(1);
    const cells = await tableCells(page, "campaign");
    const download = page.waitForEvent("download");
    await page
      .locator('[data-breakdown="campaign"]')
      .getByRole("button", { name: /Export CSV/ })
      .click();
    const file = await (await download).path();
    // Every cell is quoted (worker/api/csv.ts); every record ends in CRLF.
    const lines = readFileSync(file, "utf8")
      .replace(/^\ufeff/, "")
      .split("\r\n")
      .filter((l) => l !== "")
      .map((l) =>
        Array.from(l.matchAll(/"((?:[^"]|"")*)"/g), (m) => (m[1] ?? "").replace(/""/g, '"')),
      );
    expect(lines[0]).toEqual([
      "Campaign",
      "Conversations",
      "Chat clicks",
      "Scans",
      "Rate",
      "Qualified",
      "Purchases",
      "Revenue",
    ]);
    const csv = lines.slice(1);
    expect(csv.length).toBe(cells.length);
    cells.forEach((c, i) => {
      const line = csv[i] ?? [];
      // The formula-looking campaign "=spring" is written as "'=spring".
      expect(line[0]).toBe(c[0]?.startsWith("=") ? `'${c[0]}` : c[0]);
      expect(line.slice(1, 4).map(Number)).toEqual(c.slice(1, 4).map(num));
      // Qualified leads and purchases, as the table shows them.
      expect(line.slice(5, 7).map(Number)).toEqual(c.slice(5, 7).map(num));
      const rate = c[4] === "—" ? "" : String(num(c[4] ?? "") / 100);
      expect(line[4] === "" ? "" : String(Math.round(Number(line[4]) * 1000) / 1000)).toBe(
        rate === "" ? "" : String(Math.round(Number(rate) * 1000) / 1000),
      );
    });
    expect(cells.some((c) => c[0] === "=spring")).toBe(true);
  });
});
