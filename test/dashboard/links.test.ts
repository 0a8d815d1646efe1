/**
 * The dashboard's campaign links panel on the real product (`npm start`): a link created with the
 * form is the API's, with the same tags; its QR code (an <img> from a blob: URL, fetched with the
 * key) and its PNG download decode to the short link shown; a phone's scan shows after a reload;
 * rename and disable reach the API; a hostile name stays text; a 400 shows the API's message next
 * to its field; nothing violates the CSP; phone width and Arabic; every language has every string.
 */
import { execSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import jsQR from "jsqr";
import type { Page } from "playwright-core";
import { PNG } from "pngjs";
import { beforeEach, describe, expect, it } from "vitest";
import { errorField, qrFileName } from "../../worker/dashboard/links-api";
import { DEMO, useLocalProduct } from "../support/local-worker";
import { cspViolations, openDashboardPage } from "./dashboard-page";
import { LANGS, LINKS_STRINGS } from "./strings";

const root = resolve(import.meta.dirname, "../..");
if (!existsSync(resolve(root, "dist/public/dashboard/index.html")))
  execSync("npx vite build --config vite.dashboard.config.ts", { cwd: root, stdio: "inherit" });

const product = useLocalProduct();
const HOSTILE = `<img src=x onerror=alert(1)>`;
const SHOTS = process.env.DASHBOARD_SHOTS ?? "/tmp";
const auth = { authorization: `Bearer ${DEMO.apiKey}` };
const t = LINKS_STRINGS.en;
const PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile Safari/537.36";

interface ApiLink {
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

async function apiLinks(): Promise<ApiLink[]> {
  const res = await fetch(`${product.worker.base}/api/v1/links?limit=200`, { headers: auth });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: ApiLink[] }).data;
}
async function apiLink(name: string): Promise<ApiLink | undefined> {
  return (await apiLinks()).find((l) => l.name === name);
}

function decodePng(bytes: Buffer): string | undefined {
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

let errors: string[];
let dialogs: string[];

beforeEach(() => {
  errors = [];
  dialogs = [];
});

const openDashboard = (width: number, locale = "en-US") =>
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

async function signIn(page: Page, key: string) {
  await page.getByLabel(LANGS.en.apiKey).fill(key);
  await page.getByRole("button", { name: LANGS.en.signIn }).click();
  await expect.poll(() => page.locator("links-panel h2").textContent()).toBe(t.heading);
}

/** A reader of the page's CSP violations (collected from the start of every document). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  return () => cspViolations(page);
}

/** Fills and submits the create form; resolves with the API's link of that name. */
async function createWithForm(
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

const row = (page: Page, id: string) => page.locator(`links-panel tr[data-link="${id}"]`);

/** The open link's QR <img>, once its blob: image has loaded. */
async function qrImage(page: Page) {
  const img = page.locator("links-panel tr.detail img");
  await expect
    .poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth).catch(() => 0))
    .toBeGreaterThan(0);
  return img;
}

describe("campaign links panel (browser, real product)", () => {
  it("create with the form → the API's link; its QR and PNG decode; a scan shows after reload", async () => {
    const page = await openDashboard(1280);
    const violations = await watchCsp(page);
    await signIn(page, DEMO.apiKey);
    await expect.poll(() => page.locator("links-panel").getByText(t.empty).count()).toBe(1);
    const link = await createWithForm(
      page,
      {
        name: "Shop window",
        source: "window",
        medium: "offline",
        campaign: "autumn",
        content: "a4",
      },
      { message: "Hola, vi el cartel {ref}", lang: "es" },
    );
    expect(link.utm).toMatchObject({
      source: "window",
      medium: "offline",
      campaign: "autumn",
      content: "a4",
    });
    expect([link.message, link.lang, link.disabled]).toEqual([
      "Hola, vi el cartel {ref}",
      "es",
      false,
    ]);
    // The row shows the API's values.
    const cells = (await row(page, link.id).locator("th, td").allInnerTexts()).map((s) => s.trim());
    expect(cells.slice(0, 9)).toEqual([
      "Shop window",
      link.short_url,
      "window",
      "offline",
      "autumn",
      "0",
      "0",
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/),
      t.active,
    ]);
    // The new link is opened: its QR code is an <img> from a blob: URL that decodes to the link.
    const img = await qrImage(page);
    expect(await img.getAttribute("src")).toMatch(/^blob:/);
    expect(await img.getAttribute("alt")).toBe(`${t.colQr}: ${link.short_url}`);
    expect(decodePng(await img.screenshot())).toBe(link.short_url);
    // The table fits 1280 px without scrolling sideways.
    expect(
      await page.locator("links-panel .scroll").evaluate((e) => e.scrollWidth <= e.clientWidth),
    ).toBe(true);
    // Downloads: a 1200 px PNG and the SVG, named after the link.
    const panel = page.locator("links-panel");
    const png = page.waitForEvent("download");
    await panel.getByRole("button", { name: t.downloadPng }).click();
    expect((await png).suggestedFilename()).toBe(`chatref-qr-shop-window-${link.code}.png`);
    const pngBytes = readFileSync((await (await png).path()) ?? "");
    expect(PNG.sync.read(pngBytes).width).toBe(1200);
    expect(decodePng(pngBytes)).toBe(link.short_url);
    const svg = page.waitForEvent("download");
    await panel.getByRole("button", { name: t.downloadSvg }).click();
    expect((await svg).suggestedFilename()).toBe(`chatref-qr-shop-window-${link.code}.svg`);
    expect(readFileSync((await (await svg).path()) ?? "", "utf8")).toMatch(/^<svg[^>]*>/);
    // Copy: the clipboard holds the short link.
    await panel.getByRole("button", { name: t.copy }).click();
    await expect.poll(() => panel.locator("tr.detail .ok").textContent()).toBe(t.copied);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link.short_url);
    await page.screenshot({ path: `${SHOTS}/dashboard-links-1280-full.png`, fullPage: true });
    await panel.screenshot({ path: `${SHOTS}/dashboard-links-1280.png` });

    // A phone scans the printed code: the count shows after a reload.
    const scanned = await fetch(link.short_url, {
      redirect: "manual",
      headers: { "user-agent": PHONE, "accept-language": "en" },
    });
    expect(scanned.status).toBe(302);
    expect(scanned.headers.get("location")).toContain("wa.me");
    await expect.poll(async () => (await apiLink("Shop window"))?.scan_count).toBe(1);
    await page.reload();
    await expect
      .poll(() => row(page, link.id).locator('[data-count="scans"]').textContent())
      .toBe("1");
    expect(await row(page, link.id).locator('[data-count="conversations"]').textContent()).toBe(
      "0",
    );
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("rename and disable / enable reach the API; a hostile name renders as text", async () => {
    const page = await openDashboard(1280);
    const violations = await watchCsp(page);
    await signIn(page, DEMO.apiKey);
    const link = await createWithForm(page, { name: HOSTILE, source: HOSTILE, medium: "print" });
    const r = row(page, link.id);
    expect((await r.locator("th").textContent())?.trim()).toBe(HOSTILE);
    expect((await r.locator("td").nth(1).textContent())?.trim()).toBe(HOSTILE);
    const detail = page.locator("links-panel tr.detail");
    expect(await detail.locator("h4").textContent()).toBe(HOSTILE);
    // Only the QR code is an image; the name's <img> stays text and never runs.
    expect(await page.locator("links-panel img").count()).toBe(1);
    expect(decodePng(await (await qrImage(page)).screenshot())).toBe(link.short_url);
    expect(dialogs).toEqual([]);

    // Rename.
    const renamed = "Poster — Métro 7";
    await detail.getByLabel(t.name).fill(renamed);
    await detail.getByRole("button", { name: t.saveName }).click();
    await expect.poll(() => r.locator("th").textContent()).toBe(renamed);
    expect(await detail.locator(".ok").textContent()).toBe(t.renamed);
    let api = await (
      await fetch(`${product.worker.base}/api/v1/links/${link.id}`, { headers: auth })
    ).json();
    expect(api).toMatchObject({ name: renamed, disabled: false });

    // Disable: the status says so, the API agrees, the short link answers 404.
    await detail.getByRole("button", { name: t.disable }).click();
    await expect.poll(() => r.locator(".status").textContent()).toBe(t.disabled);
    expect(await detail.locator(".ok").textContent()).toBe(t.nowDisabled);
    api = await (
      await fetch(`${product.worker.base}/api/v1/links/${link.id}`, { headers: auth })
    ).json();
    expect(api).toMatchObject({ name: renamed, disabled: true });
    const off = await fetch(link.short_url, {
      redirect: "manual",
      headers: { "user-agent": PHONE },
    });
    expect(off.status).toBe(404);
    // Enable again.
    await detail.getByRole("button", { name: t.enable }).click();
    await expect.poll(() => r.locator(".status").textContent()).toBe(t.active);
    api = await (
      await fetch(`${product.worker.base}/api/v1/links/${link.id}`, { headers: auth })
    ).json();
    expect(api).toMatchObject({ disabled: false });
    // The toggle button hides the details; the keyboard reaches it.
    const toggle = r.getByRole("button", { name: `${t.hideQr}: ${renamed}` });
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("links-panel tr.detail").count()).toBe(0);
    expect(await r.locator("button").getAttribute("aria-expanded")).toBe("false");
    expect(dialogs).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("a 400 from the API is shown next to the field it names", async () => {
    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    const panel = page.locator("links-panel");
    const name = panel.locator("#f-name");
    expect(await name.getAttribute("maxlength")).toBe("120");
    // The form stops a long name; the API is the last word: bypass maxlength.
    await name.evaluate((e) => e.removeAttribute("maxlength"));
    const long = "x".repeat(121);
    await name.fill(long);
    await panel.getByRole("button", { name: t.create }).click();
    const res = await fetch(`${product.worker.base}/api/v1/links`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ name: long }),
    });
    expect(res.status).toBe(400);
    const api = (await res.json()) as { error: { code: string; message: string } };
    expect(api.error.code).toBe("validation_failed");
    const message = panel.locator("#f-name-error");
    await expect.poll(() => message.textContent()).toBe(`${t.createFailed}: ${api.error.message}`);
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect(await name.getAttribute("aria-describedby")).toContain("f-name-error");
    expect(await name.evaluate((e) => e === (e.getRootNode() as ShadowRoot).activeElement)).toBe(
      true,
    );
    expect((await apiLinks()).some((l) => l.name === long)).toBe(false);
    await panel.screenshot({ path: `${SHOTS}/dashboard-links-400.png` });
    // Fixed, it goes through and the error is gone.
    await name.fill("Flyer");
    await panel.getByRole("button", { name: t.create }).click();
    await expect.poll(() => panel.locator(".form-end [role=status]").textContent()).toBe(t.created);
    expect(await message.count()).toBe(0);
    expect(await name.getAttribute("aria-invalid")).toBe("false");
    expect(errorField("utm_source: Too big")).toBe("utm_source");
    expect(errorField("Body is not valid JSON")).toBe(null);
    expect(qrFileName({ name: "Витрина / Осень: 50%!", code: "k7qm3xzp" }, "svg")).toBe(
      "chatref-qr-витрина-осень-50-k7qm3xzp.svg",
    );
    expect(qrFileName({ name: HOSTILE, code: "k7qm3xzp" }, "png")).toBe(
      "chatref-qr-img-src-x-onerror-alert-1-k7qm3xzp.png",
    );
    expect(errors).toEqual([]);
  });

  it("fits a 390 px phone and Arabic, right to left, with no CSP violation", async () => {
    const page = await openDashboard(390);
    const violations = await watchCsp(page);
    await signIn(page, DEMO.apiKey);
    const panel = page.locator("links-panel");
    await expect.poll(() => panel.locator("tbody tr").count()).toBeGreaterThan(1);
    await panel
      .locator("tbody tr")
      .first()
      .getByRole("button", { name: /QR code/ })
      .click();
    await qrImage(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    // Cards: every value is labelled; the QR code is whole in the viewport's width.
    const box = await page.locator("links-panel tr.detail img").boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await panel.screenshot({ path: `${SHOTS}/dashboard-links-390.png` });

    await page.getByLabel(LANGS.en.language).selectOption("ar");
    const ar = LINKS_STRINGS.ar;
    await expect.poll(() => panel.locator("h2").textContent()).toBe(ar.heading);
    expect(await panel.getByRole("button", { name: ar.create }).count()).toBe(1);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(390);
    await panel.screenshot({ path: `${SHOTS}/dashboard-links-ar-390.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    // Mirrored: the first column (name) on the right of the status column.
    const x = async (sel: string) => (await panel.locator(sel).first().boundingBox())?.x ?? 0;
    expect(await x("thead th:first-child")).toBeGreaterThan(await x("thead th:nth-child(9)"));
    await panel.screenshot({ path: `${SHOTS}/dashboard-links-ar-1280.png` });
    expect(await violations()).toEqual([]);
    // The check can fail: an inline style attribute is refused and reported.
    await page.evaluate(() => document.body.setAttribute("style", "color: red"));
    await expect.poll(violations).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("every language has every panel string", () => {
    const keys = Object.keys(LINKS_STRINGS.en).sort();
    expect(Object.keys(LINKS_STRINGS).sort()).toEqual(Object.keys(LANGS).sort());
    for (const [lang, strings] of Object.entries(LINKS_STRINGS)) {
      expect(Object.keys(strings).sort(), lang).toEqual(keys);
      let translated = 0;
      for (const key of keys) {
        const value = (strings as Record<string, string>)[key] ?? "";
        const english = (LINKS_STRINGS.en as Record<string, string>)[key] ?? "";
        expect(value.trim(), `${lang}.${key}`).not.toBe("");
        if (value !== english) translated++;
        if (english.includes("{ref}")) expect(value, `${lang}.${key}`).toContain("{ref}");
        if (english.endsWith("…")) expect(value, `${lang}.${key}`).toMatch(/…$/);
        for (const tag of english.match(/utm_\w+/g) ?? [])
          expect(value, `${lang}.${key}`).toContain(tag);
      }
      // The shell's language picker stays the only control labelled with its word.
      const picker = LANGS[lang as keyof typeof LANGS].language.toLowerCase();
      expect(strings.chatLang.toLowerCase(), lang).not.toContain(picker);
      if (lang !== "en") expect(translated / keys.length, lang).toBeGreaterThan(0.85);
    }
  });
});
