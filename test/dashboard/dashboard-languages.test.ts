/**
 * The dashboard's languages on the real product (dashboard-story.ts): a hostile profile name
 * stays text in a phone layout and in Russian; Arabic renders right to left; a Spanish browser
 * gets Spanish. Languages are chunks of their own: a Russian browser fetches the Russian one only
 * and never shows English first; an English one fetches none; a chunk that fails to load means
 * English. Every language has every string.
 */
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LANG_CODES, LANG_NAMES, pickLang } from "../../dashboard/i18n";
import { DEMO } from "../support/local-worker";
import {
  HOSTILE,
  root,
  SHOTS,
  signIn,
  tableCells,
  useDashboardStory,
  watchCsp,
} from "./dashboard-story";
import { FORWARDING_STRINGS, LANGS, LINKS_STRINGS } from "./strings";
import { expectEveryLanguage } from "./strings-check";

const { product, errors, dialogs, apiStats, openDashboard } = useDashboardStory();

/** The links and forwarding panels' headings are `lang`'s, and the leads table has `leadPath`. */
async function expectPanelsIn(page: Page, lang: "ru" | "es", leadPath: string) {
  await expect
    .poll(() => page.locator("links-panel h2").first().textContent())
    .toBe(LINKS_STRINGS[lang].heading);
  await expect
    .poll(() => page.locator("forwarding-panel h2").first().textContent())
    .toBe(FORWARDING_STRINGS[lang].heading);
  expect(await page.locator("leads-panel thead").textContent()).toContain(leadPath);
}

describe("dashboard (browser, real product)", () => {
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
    await expectPanelsIn(r.page, "ru", ru.leadPath);
    expect(r.chunks).toEqual(["ru"]);
    // Switching fetches that language's chunk once, then re-renders every panel.
    await r.page.getByLabel(ru.language).selectOption("es");
    await expect.poll(() => r.page.locator("h1").textContent()).toBe(es.title);
    await expectPanelsIn(r.page, "es", es.leadPath);
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

  it("every language has every string, formatted as the English one; pickLang finds them", () => {
    // One module per language, each with a loader (strings.ts loads them all through it).
    const modules = readdirSync(resolve(root, "dashboard/locales")).sort();
    expect(modules).toEqual(LANG_CODES.map((l) => `${l}.ts`).sort());
    const translated = expectEveryLanguage(LANGS, ({ lang, label }, value, english) => {
      if (lang === "en") return;
      expect(value, label).toBe(value.trim());
      // Same shape: the "(…)" of notSet / noLink, the "…" of loading, the arrow of the rate.
      if (/^\(.*\)$/.test(english)) expect(value, label).toMatch(/^[(（].*[)）]$/);
      if (english.endsWith("…")) expect(value, label).toMatch(/…$/);
      if (english.includes("→")) expect(value, label).toMatch(lang === "ar" ? /←/ : /→/);
    });
    for (const lang of ["ru", "zh", "es", "pt", "ar", "id"] as const) {
      const t = LANGS[lang];
      expect(t.exportCsv, lang).toContain("CSV");
      expect(t.truncated, lang).toContain("100");
      // Only product names may stay as they are.
      expect(translated[lang], lang).toBeGreaterThan(0.9);
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
