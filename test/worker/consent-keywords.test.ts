import { describe, expect, it } from "vitest";
import { DEFAULT_KEYWORDS, keywordTable, matchKeyword } from "../../worker/consent/keywords";
import { normalizeForKeywords } from "../../worker/consent/normalize";
import keywordCases from "./cases/consent-keyword-cases.json";
import { expectEach } from "./maps-to";

const defaults = keywordTable(null);
const status = (text: string, table = defaults) => matchKeyword(text, table)?.status ?? null;

describe("normalizeForKeywords", () => {
  it("folds case, accents, punctuation, emoji, whitespace and full-width forms", () => {
    expectEach(normalizeForKeywords, keywordCases.normalized as [string, string][]);
    expect(normalizeForKeywords("إِلْغَاء")).toBe(normalizeForKeywords("إلغاء"));
  });
});

describe("keyword rule: the whole normalised message must be a keyword", () => {
  for (const [lang, c] of Object.entries(keywordCases.languages)) {
    it(`${lang}: opt-out, opt-in and negative cases`, () => {
      for (const t of c.out) expect([t, status(t)]).toEqual([t, "opted_out"]);
      for (const t of c.in) expect([t, status(t)]).toEqual([t, "opted_in"]);
      for (const t of c.not) expect([t, status(t)]).toEqual([t, null]);
    });
  }

  it("covers at least en, ru, zh, es, pt, ar, id both ways", () => {
    for (const lang of ["en", "ru", "zh", "es", "pt", "ar", "id"]) {
      expect(DEFAULT_KEYWORDS.opt_out[lang]?.length).toBeGreaterThan(0);
      expect(DEFAULT_KEYWORDS.opt_in[lang]?.length).toBeGreaterThan(0);
    }
  });

  it("a site's keywords extend the defaults; a broken setting falls back to them", () => {
    const site = keywordTable(
      JSON.stringify({ opt_out: ["Basta!", "ARRÊTER"], opt_in: ["vamos"] }),
    );
    expect(status("basta", site)).toBe("opted_out");
    expect(status("arreter", site)).toBe("opted_out");
    expect(status("Vamos!", site)).toBe("opted_in");
    expect(status("stop", site)).toBe("opted_out");
    expect(status("basta", defaults)).toBeNull();
    expect(status("stop", keywordTable("{not json"))).toBe("opted_out");
  });

  it("long messages are never keywords", () => {
    expect(status(`stop${" ".repeat(300)}`)).toBeNull();
  });
});
