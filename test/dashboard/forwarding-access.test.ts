/**
 * The forwarding panel for a read key (no write action), on a 390 px phone and in Arabic (no CSP
 * violation), and every language has every panel string. The story: forwarding-story.ts.
 */
import { describe, expect, it } from "vitest";
import { localVar } from "../../scripts/chatref-dev-vars.mjs";
import {
  api,
  card,
  dialogs,
  errors,
  openDashboard,
  product,
  SHOTS,
  story,
  t,
  violations,
} from "./forwarding-story";
import { FORWARDING_STRINGS, LANGS } from "./strings";
import { expectEveryLanguage } from "./strings-check";

/** A new key `name` for the demo site, made with the local admin token (.dev.vars of the run). */
const newKey = (name: string) =>
  api<{ key: string; scope: string }>("/api/v1/sites/site_demo/keys", {
    method: "POST",
    headers: { authorization: `Bearer ${localVar(product.worker.base, "CHATREF_ADMIN_TOKEN")}` },
    body: JSON.stringify({ name }),
  });

describe("forwarding panel: a read key, a phone, every language (browser, real product)", () => {
  it("a read key (GET /api/v1/whoami: scope read) sees no write action", async () => {
    // A key made without a scope is a read key.
    const made = await newKey("viewer");
    expect(made.status).toBe(201);
    const reader = made.body;
    expect(reader.scope).toBe("read");
    const page = await openDashboard(1280, reader.key);
    const cards = page.locator("forwarding-panel li[data-destination]");
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    // The read-only state arrives with whoami; the full key's buttons are gone.
    const writes = page.locator("forwarding-panel").getByRole("button", {
      name: new RegExp(`^(${t.disable}|${t.enable}|${t.backfillOpen}|${t.retry})\\b`),
    });
    await expect.poll(() => writes.count()).toBe(0);
    expect(await page.locator("links-panel form.new").count()).toBe(0);
    // The same page with the full key offers them.
    const full = await openDashboard(1280);
    await expect
      .poll(() =>
        full.locator("forwarding-panel").getByRole("button", { name: t.backfillOpen }).count(),
      )
      .toBeGreaterThan(0);
    expect(await full.locator("links-panel form.new").count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it("fits a 390 px phone and Arabic, with no CSP violation", async () => {
    const page = await openDashboard(390);
    const panel = page.locator("forwarding-panel");
    await expect.poll(() => panel.locator("tr[data-delivery]").count()).toBeGreaterThan(0);
    await expect
      .poll(() => card(page, story.ids.flaky).locator("[data-count=retrying] dd").textContent())
      .not.toBe("…");
    await card(page, "dst_demo_webhook")
      .getByRole("button", { name: /Send past leads/ })
      .click();
    await card(page, "dst_demo_webhook").getByRole("button", { name: t.dryRun }).click();
    await expect.poll(() => panel.locator("[data-preview]").count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await panel.screenshot({ path: `${SHOTS}/dashboard-forwarding-390.png` });
    await page.getByLabel(LANGS.en.language).selectOption("ar");
    await expect.poll(() => panel.locator("h2").textContent()).toBe(FORWARDING_STRINGS.ar.heading);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(390);
    await panel.screenshot({ path: `${SHOTS}/dashboard-forwarding-ar-390.png` });
    expect(await violations(page)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("every language has every panel string", () => {
    expectEveryLanguage(FORWARDING_STRINGS, ({ key, label }, value, english) => {
      for (const ph of english.match(/\{\w+\}/g) ?? []) expect(value, label).toContain(ph);
      if (key === "window_ga4") expect(value, label).toMatch(/72/);
      if (key === "window_meta_capi") expect(value, label).toMatch(/7/);
    });
  });
});
