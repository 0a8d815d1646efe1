/**
 * The dashboard on the real product (`npm start`), seeded through the public routes: click
 * beacons and signed webhooks. Figures on screen equal the API's, the first/last-touch switch
 * moves a conversation, CSV equals the table, a hostile profile name stays text; Arabic renders
 * right to left, a Spanish browser gets Spanish, every language has every string. Languages are
 * chunks of their own: a Russian browser fetches the Russian one only and never shows English
 * first; an English one fetches none; a chunk that fails to load means English. Drill-down:
 * a clicked (or keyboard-chosen) row filters every view to the API's filtered answer, the view
 * lives in the URL (reload, back button), and a hostile filter value stays text.
 */
import { execSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { formatRef, mintRef } from "../../widget/protocol/ref-codec";
import { LANG_CODES, LANG_NAMES, pickLang } from "../../worker/dashboard/i18n";
import { DEFAULT_VIEW, parseView, rowFilters, viewSearch } from "../../worker/dashboard/view-state";
import { DEMO, sendWhatsApp, useLocalProduct, waitForLead } from "../support/local-worker";
import { cspViolations, openDashboardPage } from "./dashboard-page";
import { FORWARDING_STRINGS, LANGS, LINKS_STRINGS } from "./strings";

const root = resolve(import.meta.dirname, "../..");
if (!existsSync(resolve(root, "dist/public/dashboard/index.html")))
  execSync("npx vite build --config vite.dashboard.config.ts", { cwd: root, stdio: "inherit" });

const product = useLocalProduct();
const HOSTILE = `<img src=x onerror=alert(1)>`;
const SHOTS = process.env.DASHBOARD_SHOTS ?? "/tmp";
const DAY = 86_400_000;
const utcDay = (offset: number) =>
  new Date((Math.floor(Date.now() / DAY) + offset) * DAY).toISOString().slice(0, 10);

interface Row {
  key: string | null;
  chat_clicks: number;
  scans: number;
  conversations: number;
  rate: number | null;
}
interface Stats {
  kpis: { chat_clicks: number; scans: number; conversations: number; opt_ins: number | null };
  attribution: { ref: number; ctwa: number; none: number };
  breakdowns: Record<string, { rows: Row[] }>;
}

async function beacon(touch: Record<string, string>, placement = "button"): Promise<string> {
  const ref = mintRef();
  const base = product.worker.base;
  const res = await fetch(`${base}/v1/clicks`, {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8", origin: base },
    body: JSON.stringify({ site: DEMO.site, ref, placement, page_url: `${base}/demo/`, touch }),
  });
  expect(res.status).toBe(201);
  return ref;
}

/** What the dashboard asks for by default (last 30 days, compare, every table). */
async function apiStats(
  touch: "first" | "last",
  filters: Record<string, string> = {},
): Promise<Stats> {
  const q = new URLSearchParams({
    ...filters,
    from: utcDay(-29),
    to: utcDay(1),
    interval: "day",
    touch,
    group_by: "channel,source_medium,campaign,landing_page,placement,link",
    compare: "previous",
  });
  const res = await fetch(`${product.worker.base}/api/v1/stats?${q}`, {
    headers: { authorization: `Bearer ${DEMO.apiKey}` },
  });
  return (await res.json()) as Stats;
}

/** The cells of a breakdown table, row by row, as displayed. */
async function tableCells(page: Page, by: string): Promise<string[][]> {
  const rows = page.locator(`[data-breakdown="${by}"] tbody tr`);
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++)
    out.push((await rows.nth(i).locator("th, td").allInnerTexts()).map((s) => s.trim()));
  return out;
}
const num = (s: string) => Number(s.replace(/[^\d.-]/g, ""));

let errors: string[];
let dialogs: string[];

const openDashboard = (width: number, locale = "en-US") =>
  openDashboardPage(product.browser, product.worker.base, { errors, dialogs }, width, {
    locale,
    acceptDownloads: true,
  });

async function signIn(page: Page, key: string, t = LANGS.en) {
  await page.getByLabel(t.apiKey).fill(key);
  await page.getByRole("button", { name: t.signIn }).click();
}

/** A reader of the page's CSP violations (collected from the start of every document). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  return () => cspViolations(page);
}

beforeAll(async () => {
  errors = [];
  dialogs = [];
  const base = product.worker.base;
  const ad = await beacon({
    utm_source: "google",
    utm_medium: "cpc",
    utm_campaign: "=spring",
    landing_url: `${base}/demo/shoes?utm_source=google`,
  });
  const mail = await beacon(
    { utm_source: "newsletter", utm_medium: "email", utm_campaign: "november" },
    "qr_panel",
  );
  await beacon({ referrer: "https://www.bing.com/search?q=coffee" });
  const p1 = `1555${Date.now().toString().slice(-7)}`;
  expect((await sendWhatsApp(base, p1, `Hi ${formatRef(ad)}`, HOSTILE)).status).toBe(200);
  await waitForLead(base, p1);
  await new Promise((r) => setTimeout(r, 1100)); // a later message (seconds resolution)
  expect((await sendWhatsApp(base, p1, `Again ${formatRef(mail)}`, HOSTILE)).status).toBe(200);
  const p2 = `1556${Date.now().toString().slice(-7)}`;
  expect((await sendWhatsApp(base, p2, "Do you deliver?", "Ольга 李")).status).toBe(200);
  await waitForLead(base, p2);
  // The last touch is recorded in the same batch as the message: wait until the API shows it.
  for (let i = 0; i < 50; i++) {
    const last = await apiStats("last");
    if (last.breakdowns.channel?.rows.some((r) => r.key === "Email" && r.conversations === 1))
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
});

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
    expect(lines[0]).toEqual(["Campaign", "Conversations", "Chat clicks", "Scans", "Rate"]);
    const csv = lines.slice(1);
    expect(csv.length).toBe(cells.length);
    cells.forEach((c, i) => {
      const line = csv[i] ?? [];
      // The formula-looking campaign "=spring" is written as "'=spring".
      expect(line[0]).toBe(c[0]?.startsWith("=") ? `'${c[0]}` : c[0]);
      expect(line.slice(1, 4).map(Number)).toEqual(c.slice(1, 4).map(num));
      const rate = c[4] === "—" ? "" : String(num(c[4] ?? "") / 100);
      expect(line[4] === "" ? "" : String(Math.round(Number(line[4]) * 1000) / 1000)).toBe(
        rate === "" ? "" : String(Math.round(Number(rate) * 1000) / 1000),
      );
    });
    expect(cells.some((c) => c[0] === "=spring")).toBe(true);
  });

  it("a hostile profile name renders as text; phone layout; Russian", async () => {
    const page = await openDashboard(390);
    await signIn(page, DEMO.apiKey);
    const leads = page.locator("leads-panel tbody");
    await expect.poll(() => leads.textContent()).toContain(HOSTILE);
    expect(await page.locator("leads-panel img").count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/dashboard-390.png`, fullPage: true });
    await page.getByLabel("Language").selectOption("ru");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Панель chatref");
    await expect
      .poll(() => page.locator("leads-panel thead").textContent())
      .toContain("Путь касаний");
    await expect.poll(() => leads.textContent()).toContain("google / cpc → newsletter / email");
    await page.screenshot({ path: `${SHOTS}/dashboard-390-ru.png`, fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("Arabic renders right to left with the API's figures and no CSP violation", async () => {
    const ar = LANGS.ar;
    const page = await openDashboard(1280);
    const violations = await watchCsp(page);
    await signIn(page, DEMO.apiKey);
    await expect.poll(() => page.locator('[data-kpi="conversations"] .value').count()).toBe(1);
    await page.getByLabel("Language").selectOption("ar");
    await expect.poll(() => page.locator("h1").textContent()).toBe(ar.title);
    expect(
      await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang]),
    ).toEqual(["rtl", "ar"]);
    expect(await page.locator("chatref-dashboard").getAttribute("dir")).toBe("rtl");
    // The KPI labels are the Arabic ones, the figures the API's, formatted as Arabic.
    const api = await apiStats("first");
    const arabic = (n: number) => page.evaluate((v) => new Intl.NumberFormat("ar").format(v), n);
    const kpis = [
      ["chat_clicks", ar.chatClicks, api.kpis.chat_clicks],
      ["scans", ar.scans, api.kpis.scans],
      ["conversations", ar.conversations, api.kpis.conversations],
    ] as const;
    for (const [id, label, n] of kpis) {
      const card = page.locator(`[data-kpi="${id}"]`);
      expect(await card.locator("dt").textContent()).toBe(label);
      expect(await card.locator(".value").textContent()).toBe(await arabic(n));
    }
    expect(await page.locator('[data-kpi="rate"] dt').textContent()).toBe(ar.rate);
    expect(await page.locator('[data-kpi="opt_ins"] dt').textContent()).toBe(ar.optIns);
    expect(await page.locator('[data-attribution="none"] strong').textContent()).toBe(
      await arabic(api.attribution.none),
    );
    // Tables: Arabic headings, the API's conversations per row, numbers at the cell's end.
    const channel = page.locator('[data-breakdown="channel"]');
    expect(await channel.locator("h2").textContent()).toBe(ar.channel);
    const rows = api.breakdowns.channel?.rows ?? [];
    const cells = await tableCells(page, "channel");
    expect(cells.map((c) => c[1])).toEqual(
      await Promise.all(rows.map((r) => arabic(r.conversations))),
    );
    // Mirrored: the title on the right of the language tools, the first column on the right.
    const box = async (sel: string) => (await page.locator(sel).first().boundingBox())?.x ?? 0;
    expect(await box("h1")).toBeGreaterThan(await box("header.top .tools"));
    expect(await box('[data-breakdown="channel"] thead th')).toBeGreaterThan(
      await box('[data-breakdown="channel"] thead th.num'),
    );
    // The chart's legend follows the direction: each swatch on the right of its text.
    const legend = page.locator("series-chart li").first();
    const [li, swatch] = [await legend.boundingBox(), await legend.locator("svg").boundingBox()];
    expect((swatch?.x ?? 0) + (swatch?.width ?? 0)).toBeCloseTo((li?.x ?? 0) + (li?.width ?? 0), 0);
    await expect.poll(() => page.locator("leads-panel thead").textContent()).toContain(ar.leadPath);
    await page.screenshot({ path: `${SHOTS}/dashboard-ar-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 900 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/dashboard-ar-390.png`, fullPage: true });
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("a Spanish browser gets the Spanish dashboard by default", async () => {
    const es = LANGS.es;
    const page = await openDashboard(1280, "es-ES");
    await expect.poll(() => page.locator("h1").textContent()).toBe(es.title);
    expect(
      await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
    ).toEqual(["es", "ltr"]);
    const language = page.getByLabel(es.language);
    expect(await language.inputValue()).toBe("es");
    expect((await language.locator("option").allInnerTexts()).map((s) => s.trim())).toEqual(
      Object.values(LANG_NAMES),
    );
    await signIn(page, DEMO.apiKey, es);
    await expect
      .poll(() => page.locator('[data-kpi="chat_clicks"] dt').textContent())
      .toBe(es.chatClicks);
    expect(await page.locator('[data-breakdown="source_medium"] h2').textContent()).toBe(
      "Fuente / medio",
    );
    expect(errors).toEqual([]);
  });

  it("a Russian browser loads the Russian chunk only and paints Russian first, never English", async () => {
    const [ru, en, es] = [LANGS.ru, LANGS.en, LANGS.es];
    /** The dashboard in a fresh `locale` context, with the language chunks it fetches. */
    const open = async (locale: string, failing?: string) => {
      const context = await product.browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale,
      });
      if (failing) await context.route(`**/assets/locale-${failing}-*.js`, (r) => r.abort());
      const page = await context.newPage();
      page.on("pageerror", (e) => errors.push(e.message));
      const chunks: string[] = [];
      page.on("request", (r) => {
        const m = /\/assets\/locale-([a-z]+)-[^/]*\.js$/.exec(new URL(r.url()).pathname);
        if (m?.[1]) chunks.push(m[1]);
      });
      // Every heading text the shell ever shows, from the start: each change of its shadow root.
      await page.addInitScript(() => {
        const w = window as unknown as { shown: string[] };
        w.shown = [];
        const attach = Element.prototype.attachShadow;
        Element.prototype.attachShadow = function (init) {
          const root = attach.call(this, init);
          if (this.localName === "chatref-dashboard") {
            const record = () => {
              const text = [...root.querySelectorAll("h1, h2, label")]
                .map((e) => e.textContent?.trim())
                .join(" | ");
              if (text && text !== w.shown.at(-1)) w.shown.push(text);
            };
            new MutationObserver(record).observe(root, {
              childList: true,
              subtree: true,
              characterData: true,
            });
          }
          return root;
        };
      });
      await page.goto(`${product.worker.base}/dashboard`);
      const shown = () => page.evaluate(() => (window as unknown as { shown: string[] }).shown);
      return { context, page, chunks, shown };
    };

    const r = await open("ru-RU");
    await expect.poll(() => r.page.locator("h1").textContent()).toBe(ru.title);
    await r.page.waitForLoadState("networkidle");
    expect(r.chunks).toEqual(["ru"]);
    // The first thing rendered is Russian: no English title, sign-in or label ever shown.
    const first = await r.shown();
    expect(first[0]).toContain(ru.title);
    expect(first[0]).toContain(ru.signInTitle);
    for (const text of first) {
      expect(text).not.toContain(en.title);
      expect(text).not.toContain(en.apiKey);
    }
    expect(await r.page.evaluate(() => document.documentElement.lang)).toBe("ru");
    // Signed in, the panels are Russian too, from the same chunk.
    await signIn(r.page, DEMO.apiKey, ru);
    await expect
      .poll(() => r.page.locator('[data-kpi="chat_clicks"] dt').textContent())
      .toBe(ru.chatClicks);
    await expect
      .poll(() => r.page.locator("links-panel h2").first().textContent())
      .toBe(LINKS_STRINGS.ru.heading);
    await expect
      .poll(() => r.page.locator("forwarding-panel h2").first().textContent())
      .toBe(FORWARDING_STRINGS.ru.heading);
    expect(await r.page.locator("leads-panel thead").textContent()).toContain(ru.leadPath);
    expect(r.chunks).toEqual(["ru"]);
    // Switching fetches that language's chunk once, then re-renders every panel.
    await r.page.getByLabel(ru.language).selectOption("es");
    await expect.poll(() => r.page.locator("h1").textContent()).toBe(es.title);
    await expect
      .poll(() => r.page.locator("links-panel h2").first().textContent())
      .toBe(LINKS_STRINGS.es.heading);
    await expect
      .poll(() => r.page.locator("forwarding-panel h2").first().textContent())
      .toBe(FORWARDING_STRINGS.es.heading);
    expect(await r.page.locator("leads-panel thead").textContent()).toContain(es.leadPath);
    await r.page.getByLabel(es.language).selectOption("ru");
    await expect.poll(() => r.page.locator("h1").textContent()).toBe(ru.title);
    expect(r.chunks).toEqual(["ru", "es"]);
    await r.context.close();

    // English is in the main bundle: no language chunk at all.
    const e = await open("en-US");
    await expect.poll(() => e.page.locator("h1").textContent()).toBe(en.title);
    await e.page.waitForLoadState("networkidle");
    expect(e.chunks).toEqual([]);
    await e.context.close();

    // The Russian chunk cannot be fetched: English, no crash; another language still loads.
    const f = await open("ru-RU", "ru");
    await expect.poll(() => f.page.locator("h1").textContent()).toBe(en.title);
    expect(await f.page.getByLabel(en.language).inputValue()).toBe("en");
    expect(await f.page.evaluate(() => document.documentElement.lang)).toBe("en");
    await f.page.getByLabel(en.language).selectOption("ru");
    await expect.poll(() => f.page.getByLabel(en.language).inputValue()).toBe("en");
    await f.page.getByLabel(en.language).selectOption("ar");
    await expect.poll(() => f.page.locator("h1").textContent()).toBe(LANGS.ar.title);
    await f.context.close();
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

  it("every language has every string, formatted as the English one; pickLang finds them", () => {
    // One module per language, each with a loader (strings.ts loads them all through it).
    const modules = readdirSync(resolve(root, "worker/dashboard/locales")).sort();
    expect(modules).toEqual(LANG_CODES.map((l) => `${l}.ts`).sort());
    const en = LANGS.en;
    const keys = Object.keys(en).sort();
    for (const lang of ["ru", "zh", "es", "pt", "ar", "id"] as const) {
      const t = LANGS[lang] as Record<string, string>;
      expect(Object.keys(t).sort(), lang).toEqual(keys);
      let translated = 0;
      for (const key of keys) {
        const value = t[key] ?? "";
        const english = en[key as keyof typeof en];
        expect(value.trim(), `${lang}.${key}`).not.toBe("");
        expect(value, `${lang}.${key}`).toBe(value.trim());
        if (value !== english) translated++;
        // Same shape: the "(…)" of notSet / noLink, the "…" of loading, the arrow of the rate.
        if (/^\(.*\)$/.test(english)) expect(value, `${lang}.${key}`).toMatch(/^[(（].*[)）]$/);
        if (english.endsWith("…")) expect(value, `${lang}.${key}`).toMatch(/…$/);
        if (english.includes("→"))
          expect(value, `${lang}.${key}`).toMatch(lang === "ar" ? /←/ : /→/);
      }
      expect(t.exportCsv, lang).toContain("CSV");
      expect(t.truncated, lang).toContain("100");
      // Only product names may stay as they are.
      expect(translated / keys.length, lang).toBeGreaterThan(0.9);
    }
    expect(LANGS.pt.source_medium).toBe("Origem / mídia");
    expect(LANGS.es.source_medium).toBe("Fuente / medio");
    expect(LANGS.ar.source_medium).toBe("المصدر / الوسيط");
    expect(LANGS.id.source_medium).toBe("Sumber / media");
    expect(pickLang(["pt-BR", "en"])).toBe("pt");
    expect(pickLang(["fr-FR", "es-419"])).toBe("es");
    expect(pickLang(["ar-EG"])).toBe("ar");
    expect(pickLang(["id-ID"])).toBe("id");
    expect(pickLang(["in"])).toBe("id");
    expect(pickLang(["de-DE", "fr"])).toBe("en");
    expect(LANG_NAMES).toMatchObject({
      es: "Español",
      pt: "Português",
      ar: "العربية",
      id: "Bahasa Indonesia",
    });
  });
});
