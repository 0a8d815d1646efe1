import { describe, expect, it } from "vitest";
import { DEFAULT_KEYWORDS, keywordTable, matchKeyword } from "../../worker/consent/keywords";
import { normalizeForKeywords } from "../../worker/consent/normalize";

const defaults = keywordTable(null);
const status = (text: string, table = defaults) => matchKeyword(text, table)?.status ?? null;

describe("normalizeForKeywords", () => {
  it("folds case, accents, punctuation, emoji, whitespace and full-width forms", () => {
    expect(normalizeForKeywords("  ＳＴＯＰ！ 🛑\n")).toBe("stop");
    expect(normalizeForKeywords("Cancelar inscrição.")).toBe("cancelar inscricao");
    expect(normalizeForKeywords("«Отписаться»")).toBe("отписаться");
    expect(normalizeForKeywords("退订。")).toBe("退订");
    expect(normalizeForKeywords("إِلْغَاء")).toBe(normalizeForKeywords("إلغاء"));
    expect(normalizeForKeywords("st\u200bop \u2014 don't")).toBe("stop don t");
  });
});

describe("keyword rule: the whole normalised message must be a keyword", () => {
  const cases: Record<string, { out: string[]; in: string[]; not: string[] }> = {
    en: {
      out: ["STOP", "stop.", "Unsubscribe!", "  Stop 🛑 ", "ＳＴＯＰ", "stop promotions"],
      in: ["START", "Subscribe", "unstop"],
      not: [
        "please don't stop",
        "stop sending me the wrong size",
        "don't unsubscribe me",
        "stopwatch",
        "restart",
      ],
    },
    ru: {
      out: ["СТОП", "стоп!", "Отписаться", "отписка"],
      in: ["СТАРТ", "подписаться"],
      not: ["не стоп", "я не хочу отписаться", "стоп кран сломался"],
    },
    zh: {
      out: ["退订", "取消订阅", "退訂", "停止！"],
      in: ["订阅"],
      not: ["我不想退订", "请不要停止", "退订了吗？怎么办"],
    },
    es: {
      out: ["BAJA", "Dar de baja", "parar"],
      in: ["ALTA", "suscribirme"],
      not: ["no quiero darme de baja todavía", "la baja del precio", "no parar"],
    },
    pt: {
      out: ["SAIR", "Parar", "cancelar inscrição", "Descadastrar"],
      in: ["voltar", "Assinar"],
      not: ["não quero sair", "vou sair mais tarde", "sair do grupo amanhã"],
    },
    ar: {
      out: ["إلغاء", "الغاء", "إلغاء الاشتراك", "توقف"],
      in: ["اشتراك", "ابدأ"],
      not: ["لا أريد إلغاء الاشتراك", "توقف عن الإرسال غدا"],
    },
    id: {
      out: ["BERHENTI", "berhenti langganan", "stop langganan"],
      in: ["MULAI", "langganan"],
      not: ["jangan berhenti", "saya tidak mau berhenti langganan"],
    },
  };
  for (const [lang, c] of Object.entries(cases)) {
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
