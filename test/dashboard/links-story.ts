/**
 * The campaign links tests' story on the real product (`npm start`): the product for this test
 * file, and helpers that read the API's links, fill the create form and decode QR codes.
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import jsQR from "jsqr";
import type { Page } from "playwright-core";
import { PNG } from "pngjs";
import { beforeEach, expect } from "vitest";
import { DEMO, useLocalProduct } from "../support/local-worker";
import { cspViolations, openDashboardPage } from "./dashboard-page";
import { demoApi } from "./demo-api";
import { LANGS, LINKS_STRINGS } from "./strings";

export const root = resolve(import.meta.dirname, "../..");
if (!existsSync(resolve(root, "dist/public/dashboard/index.html")))
  execSync("npx vite build --config vite.dashboard.config.ts", { cwd: root, stdio: "inherit" });

export const product = useLocalProduct();
export const HOSTILE = `<img src=x onerror=alert(1)>`;
export const SHOTS = process.env.DASHBOARD_SHOTS ?? "/tmp";
/** The product's API with the demo site's key. */
export const api = demoApi(product);
export const t = LINKS_STRINGS.en;
export const PHONE =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile Safari/537.36";

export interface ApiLink {
  id: string;
  code: string;
  name: string;
  short_url: string;
  utm: Record<string, string | null>;
  message: string | null;
  lang: string | null;
  disabled: boolean;
  scan_count: number;
  lead_count: number;
}

export async function apiLinks(): Promise<ApiLink[]> {
  const res = await api<{ data: ApiLink[] }>("/api/v1/links?limit=200");
  expect(res.status).toBe(200);
  return res.body.data;
}
export async function apiLink(name: string): Promise<ApiLink | undefined> {
  return (await apiLinks()).find((l) => l.name === name);
}

export function decodePng(bytes: Buffer): string | undefined {
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

export const errors: string[] = [];
export const dialogs: string[] = [];

beforeEach(() => {
  errors.length = 0;
  dialogs.length = 0;
});

export const openDashboard = (width: number, locale = "en-US") =>
  openDashboardPage(
    product.browser,
    product.worker.base,
    { errors, dialogs },
    width,
    { locale, acceptDownloads: true },
    (context) =>
      context.grantPermissions(["clipboard-read", "clipboard-write"], {
        origin: product.worker.base,
      }),
  );

export async function signIn(page: Page, key: string) {
  await page.getByLabel(LANGS.en.apiKey).fill(key);
  await page.getByRole("button", { name: LANGS.en.signIn }).click();
  await expect.poll(() => page.locator("links-panel h2").textContent()).toBe(t.heading);
}

/** A reader of the page's CSP violations (collected from the start of every document). */
export async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  return () => cspViolations(page);
}

/** The dashboard `width` px wide, its CSP violations read by `violations()`, signed in (demo). */
export async function openSignedIn(width: number) {
  const page = await openDashboard(width);
  const violations = await watchCsp(page);
  await signIn(page, DEMO.apiKey);
  return { page, violations };
}

/** Fills and submits the create form; resolves with the API's link of that name. */
export async function createWithForm(
  page: Page,
  fields: { name: string; source?: string; medium?: string; campaign?: string; content?: string },
  extra: { message?: string; lang?: string } = {},
): Promise<ApiLink> {
  const panel = page.locator("links-panel");
  await panel.getByLabel(t.name, { exact: true }).first().fill(fields.name);
  if (fields.source) await panel.getByLabel(t.source).fill(fields.source);
  if (fields.medium) await panel.getByLabel(t.medium).fill(fields.medium);
  if (fields.campaign) await panel.getByLabel(t.campaign).fill(fields.campaign);
  if (fields.content) await panel.getByLabel(t.content).fill(fields.content);
  if (extra.message) await panel.getByLabel(t.message).fill(extra.message);
  if (extra.lang) await panel.getByLabel(t.chatLang).selectOption(extra.lang);
  await panel.getByRole("button", { name: t.create }).click();
  await expect.poll(() => panel.locator(".form-end [role=status]").textContent()).toBe(t.created);
  const link = await apiLink(fields.name);
  if (!link) throw new Error(`no link ${fields.name}`);
  return link;
}

export const row = (page: Page, id: string) => page.locator(`links-panel tr[data-link="${id}"]`);

/** The open link's QR <img>, once its blob: image has loaded. */
export async function qrImage(page: Page) {
  const img = page.locator("links-panel tr.detail img");
  await expect
    .poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth).catch(() => 0))
    .toBeGreaterThan(0);
  return img;
}
