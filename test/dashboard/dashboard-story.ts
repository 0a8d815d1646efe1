/**
 * The dashboard tests' story: the real product (`npm start`) seeded through the public routes —
 * click beacons and signed webhooks: an ad, an e-mail and a search click, a lead with a hostile
 * profile name that came back through the e-mail, and a lead without a ref — plus the helpers
 * the dashboard test files share (sign-in, the API's figures, a table's cells as displayed).
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, expect } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { postDemoBeacon } from "../support/demo-visit";
import { DEMO, sendWhatsApp, useLocalProduct, waitForLead } from "../support/local-worker";
import { cspViolations, openDashboardPage } from "./dashboard-page";
import { LANGS } from "./strings";

export const root = resolve(import.meta.dirname, "../..");
if (!existsSync(resolve(root, "dist/public/dashboard/index.html")))
  execSync("npx vite build --config vite.dashboard.config.ts", { cwd: root, stdio: "inherit" });

export const HOSTILE = `<img src=x onerror=alert(1)>`;
export const SHOTS = process.env.DASHBOARD_SHOTS ?? "/tmp";
const DAY = 86_400_000;
export const utcDay = (offset: number) =>
  new Date((Math.floor(Date.now() / DAY) + offset) * DAY).toISOString().slice(0, 10);

export interface Row {
  key: string | null;
  chat_clicks: number;
  scans: number;
  conversations: number;
  rate: number | null;
}
export interface Stats {
  kpis: { chat_clicks: number; scans: number; conversations: number; opt_ins: number | null };
  attribution: { ref: number; ctwa: number; none: number };
  breakdowns: Record<string, { rows: Row[] }>;
}

/** The cells of a breakdown table, row by row, as displayed. */
export async function tableCells(page: Page, by: string): Promise<string[][]> {
  const rows = page.locator(`[data-breakdown="${by}"] tbody tr`);
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++)
    out.push((await rows.nth(i).locator("th, td").allInnerTexts()).map((s) => s.trim()));
  return out;
}
export const num = (s: string) => Number(s.replace(/[^\d.-]/g, ""));

export async function signIn(page: Page, key: string, t = LANGS.en) {
  await page.getByLabel(t.apiKey).fill(key);
  await page.getByRole("button", { name: t.signIn }).click();
}

/** A reader of the page's CSP violations (collected from the start of every document). */
export async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  return () => cspViolations(page);
}

/** Starts the product for this test file and seeds the story before its tests. */
export function useDashboardStory() {
  const product = useLocalProduct();
  const errors: string[] = [];
  const dialogs: string[] = [];

  const beacon = (touch: Record<string, string>, placement = "button") =>
    postDemoBeacon(product.worker.base, { touch, placement });

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

  const openDashboard = (width: number, locale = "en-US") =>
    openDashboardPage(product.browser, product.worker.base, { errors, dialogs }, width, {
      locale,
      acceptDownloads: true,
    });

  beforeAll(async () => {
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

  return { product, errors, dialogs, beacon, apiStats, openDashboard };
}
