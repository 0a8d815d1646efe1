/**
 * The dashboard's campaign links panel on the real product (`npm start`): a link created with the
 * form is the API's, with the same tags; its QR code (an <img> from a blob: URL, fetched with the
 * key) and its PNG download decode to the short link shown; a phone's scan shows after a reload;
 * rename and disable reach the API; a hostile name stays text; nothing violates the CSP; phone
 * width and Arabic. The form's 400 and the strings: links-form.test.ts; the story: links-story.ts.
 */
import { readFileSync } from "node:fs";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import {
  type ApiLink,
  api,
  apiLink,
  createWithForm,
  decodePng,
  dialogs,
  errors,
  HOSTILE,
  openSignedIn,
  PHONE,
  qrImage,
  row,
  SHOTS,
  t,
} from "./links-story";
import { LANGS, LINKS_STRINGS } from "./strings";

/** A phone scanning the printed code of `url`: the Worker's answer, its redirect not followed. */
const scan = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { redirect: "manual", headers: { "user-agent": PHONE, ...headers } });

describe("campaign links panel (browser, real product)", () => {
  it("create with the form → the API's link; its QR and PNG decode; a scan shows after reload", async () => {
    const { page, violations } = await openSignedIn(1280);
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
    const scanned = await scan(link.short_url, { "accept-language": "en" });
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
    const { page, violations } = await openSignedIn(1280);
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
    const byId = async () => (await api<ApiLink>(`/api/v1/links/${link.id}`)).body;
    expect(await byId()).toMatchObject({ name: renamed, disabled: false });

    // Disable: the status says so, the API agrees, the short link answers 404.
    await detail.getByRole("button", { name: t.disable }).click();
    await expect.poll(() => r.locator(".status").textContent()).toBe(t.disabled);
    expect(await detail.locator(".ok").textContent()).toBe(t.nowDisabled);
    expect(await byId()).toMatchObject({ name: renamed, disabled: true });
    const off = await scan(link.short_url);
    expect(off.status).toBe(404);
    // Enable again.
    await detail.getByRole("button", { name: t.enable }).click();
    await expect.poll(() => r.locator(".status").textContent()).toBe(t.active);
    expect(await byId()).toMatchObject({ disabled: false });
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

  it("fits a 390 px phone and Arabic, right to left, with no CSP violation", async () => {
    const { page, violations } = await openSignedIn(390);
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
});
