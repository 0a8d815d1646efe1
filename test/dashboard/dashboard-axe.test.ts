/**
 * Accessibility on the real product (dashboard-story.ts): axe-core, injected into the page,
 * finds no violation in the sign-in view nor in the signed-in page — the set-up checklist, the
 * realtime strip, the overview (figures, chart, breakdowns), the leads, campaign links and
 * forwarding panels, with a link's QR details open — in every language, Arabic right to left
 * included, at a desktop and a phone width. A violation is reported with the panel it is in.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LANG_CODES } from "../../dashboard/i18n";
import { DEMO } from "../support/local-worker";
import { signIn, useDashboardStory } from "./dashboard-story";
import { FORWARDING_STRINGS, LANGS, LINKS_STRINGS } from "./strings";

const { errors, openDashboard } = useDashboardStory();
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Opens a detail on demand: clicks the first button of `panel` whose name starts with `label`,
 * when there is one, and waits for its `part` to show.
 */
async function openFirst(page: Page, panel: string, label: string, part: string) {
  const name = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
  const button = page.locator(panel).getByRole("button", { name });
  if (await button.count()) {
    await button.first().click();
    await expect.poll(() => page.locator(part).count()).toBeGreaterThan(0);
  }
}

/** axe's violations on the page: rule, impact and, per node, its panel and selector. */
async function violations(page: Page): Promise<string[]> {
  // Through the DevTools protocol: the page's CSP (script-src 'self') does not apply.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}) ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`,
      ),
    );
  });
  return found;
}

describe("dashboard accessibility (axe-core, every language)", () => {
  for (const lang of LANG_CODES)
    it(`${lang}: no violation signed out or signed in`, async () => {
      const t = LANGS[lang];
      const page = await openDashboard(lang === "ar" || lang === "zh" ? 390 : 1280, lang);
      await expect.poll(() => page.getByLabel(t.apiKey).count()).toBe(1);
      expect(await violations(page), `${lang} sign-in`).toEqual([]);
      await signIn(page, DEMO.apiKey, t);
      await expect.poll(() => page.locator('[data-kpi="conversations"] .value').count()).toBe(1);
      await expect.poll(() => page.locator("leads-panel tbody tr").count()).toBeGreaterThan(0);
      await expect
        .poll(() => page.locator("links-panel h2").first().textContent())
        .toBe(LINKS_STRINGS[lang].heading);
      await expect.poll(() => page.locator("forwarding-panel h2").count()).toBeGreaterThan(0);
      await expect
        .poll(() => page.locator("realtime-strip .n").first().textContent())
        .not.toBe("…");
      expect(await violations(page), `${lang} signed in`).toEqual([]);
      // The details on demand: a link's QR code and actions, a destination's "Send past leads".
      await openFirst(page, "links-panel", LINKS_STRINGS[lang].showQrLabel, "link-detail");
      await openFirst(
        page,
        "forwarding-panel",
        FORWARDING_STRINGS[lang].backfillOpen,
        "backfill-form",
      );
      expect(await violations(page), `${lang} details open`).toEqual([]);
      if (lang === "en") {
        // The check can fail: a button without a name in a panel's shadow root is found.
        await page
          .locator("links-panel h2")
          .first()
          .evaluate((h) => h.after(document.createElement("button")));
        expect((await violations(page)).join()).toContain("button-name");
      }
      expect(errors).toEqual([]);
    });
});
