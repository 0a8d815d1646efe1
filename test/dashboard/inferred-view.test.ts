/**
 * Inferred attribution's pure parts of the dashboard: the view's "Include inferred conversations"
 * setting in the URL and in the stats request (view-state.ts), and an inferred lead's attribution
 * cell (leads-panel.ts `attributionLabel`) with its score and one sentence per reason code in
 * every language.
 */
import { describe, expect, it } from "vitest";
import type { Lead } from "../../dashboard/api";
import inferenceEn from "../../dashboard/inference-strings/en";
import { attributionLabel } from "../../dashboard/leads-panel";
import { DEFAULT_VIEW, parseView, statsParams, viewSearch } from "../../dashboard/view-state";
import { INFERENCE_REASONS } from "../../worker/attribution/infer-score";
import { LANGS } from "./strings";

const inferred = {
  attribution: "inferred",
  inference: { click_ref: "K7QM3XZP4T", score: 0.943, reasons: ["greeting", "sole_candidate"] },
} as Lead;

describe("the view's inferred setting", () => {
  it("is on by default; off is inferred=exclude in the URL and in the stats request", () => {
    expect(parseView("").filters).toEqual({});
    expect(statsParams(DEFAULT_VIEW, ["channel"])).not.toHaveProperty("inferred");
    const off = { ...DEFAULT_VIEW, filters: { inferred: "exclude" as const, channel: "Email" } };
    expect(viewSearch(off)).toBe("channel=Email&inferred=exclude");
    expect(parseView(`?${viewSearch(off)}`)).toEqual(off);
    expect(statsParams(off, ["channel"])).toMatchObject({ inferred: "exclude", channel: "Email" });
    // Only `exclude` means something: anything else counts them, as the API's default does.
    expect(parseView("?inferred=include").filters).toEqual({});
    expect(parseView("?inferred=EXCLUDE").filters).toEqual({});
  });
});

describe("an inferred lead's attribution cell", () => {
  it("says the label, the score and each reason in the language", () => {
    const en = LANGS.en;
    expect(attributionLabel(inferred, "en", en)).toBe(
      `${en.inferred} · 94.3% likely — ${en.infer_greeting}, ${en.infer_sole_candidate}`,
    );
    const ru = LANGS.ru;
    const text = attributionLabel(inferred, "ru", ru);
    expect(text).toContain(ru.inferred);
    expect(text).toContain(ru.infer_greeting);
    expect(text).toContain(ru.inferScore.replace("{score}", "94,3\u00a0%"));
    expect(attributionLabel({ ...inferred, attribution: "ref" } as Lead, "en", en)).toBe(en.ref);
  });

  it("every reason code has a sentence in every language, translated, with {score} kept", () => {
    for (const [lang, t] of Object.entries(LANGS)) {
      const table = t as unknown as Record<string, string>;
      for (const key of Object.keys(inferenceEn))
        expect(table[key]?.trim(), `${lang}.${key}`).toBeTruthy();
      for (const r of INFERENCE_REASONS) {
        const sentence = table[`infer_${r}`];
        expect(sentence, `${lang}.infer_${r}`).toBeTruthy();
        if (lang !== "en") expect(sentence, `${lang}.infer_${r}`).not.toBe(LANGS.en[`infer_${r}`]);
      }
      expect(t.inferScore, lang).toContain("{score}");
    }
  });
});
