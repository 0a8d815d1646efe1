import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatRef,
  isValidRef,
  mintRef,
  REF_ALPHABET,
  REF_LENGTH,
} from "../../widget/protocol/ref-codec";
import { findRefCandidates } from "../../worker/attribution/ref-matcher";

/** A ref minted from fast-check's bytes, so failures shrink and replay. */
const refArb = fc
  .uint8Array({ minLength: 5, maxLength: 5 })
  .map((bytes) => mintRef(() => new Uint8Array(bytes)));
const symbolIndex = fc.integer({ min: 0, max: REF_LENGTH - 1 });
const someText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "grapheme-ascii", maxLength: 80 }),
  fc.constantFrom(
    "Hello! I'd like to know more.",
    "Здравствуйте! Хочу узнать подробнее.",
    "您好！我想了解更多。",
    "¡Hola! Me gustaría saber más.",
    "Olá! Gostaria de saber mais.",
    "مرحبًا! أود معرفة المزيد.",
    "Halo! Saya ingin tahu lebih lanjut.",
  ),
);

describe("ref codec", () => {
  it("mints canonical, valid codes with 40 random bits", () => {
    fc.assert(
      fc.property(refArb, (ref) => {
        expect(ref).toMatch(new RegExp(`^[${REF_ALPHABET}]{10}$`));
        expect(isValidRef(ref)).toBe(true);
        expect(formatRef(ref)).toBe(`${ref.slice(0, 5)}-${ref.slice(5)}`);
      }),
    );
    const many = new Set(Array.from({ length: 2000 }, () => mintRef()));
    expect(many.size).toBe(2000);
  });

  it("detects every single-symbol substitution", () => {
    fc.assert(
      fc.property(refArb, symbolIndex, fc.integer({ min: 1, max: 31 }), (ref, i, shift) => {
        const swapped = REF_ALPHABET[
          (REF_ALPHABET.indexOf(ref[i] as string) + shift) % 32
        ] as string;
        const typo = ref.slice(0, i) + swapped + ref.slice(i + 1);
        expect(isValidRef(typo)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("detects every adjacent transposition of different symbols", () => {
    fc.assert(
      fc.property(refArb, fc.integer({ min: 0, max: REF_LENGTH - 2 }), (ref, i) => {
        fc.pre(ref[i] !== ref[i + 1]);
        const typo = ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2);
        expect(isValidRef(typo)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("random strings pass the check at about 1 in 1021", () => {
    let valid = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      let s = "";
      for (let j = 0; j < REF_LENGTH; j++) s += REF_ALPHABET[Math.floor(Math.random() * 32)];
      if (isValidRef(s)) valid++;
    }
    // Expected 196; a 5-sigma band.
    expect(valid).toBeGreaterThan(126);
    expect(valid).toBeLessThan(266);
  });
});

describe("ref matcher", () => {
  const edit = fc.record({
    lower: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    lookAlike: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    gaps: fc.array(fc.constantFrom("", "", "", " ", "-", " - ", "\u00a0", "–"), {
      minLength: 9,
      maxLength: 9,
    }),
  });
  const LOOK: Record<string, string> = {
    "0": "O",
    "1": "I",
    A: "А",
    B: "В",
    E: "Е",
    K: "К",
    M: "М",
    H: "Н",
    P: "Р",
    C: "С",
    T: "Т",
    X: "Х",
  };

  it("finds a ref however it was edited and wherever it stands", () => {
    fc.assert(
      fc.property(
        refArb,
        edit,
        someText,
        someText,
        fc.constantFrom(" ", "", ": ", "\n", "（"),
        (ref, e, before, after, glue) => {
          let code = "";
          for (let i = 0; i < REF_LENGTH; i++) {
            let ch = ref[i] as string;
            if (e.lookAlike[i] && LOOK[ch]) ch = LOOK[ch] as string;
            if (e.lower[i]) ch = ch.toLowerCase();
            code += ch + (i < REF_LENGTH - 1 ? e.gaps[i] : "");
          }
          const text = `${before}${glue}${code} ${after}`;
          expect(findRefCandidates(text)).toContain(ref);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("never matches a ref that is not in the text (random text, typos of the ref)", () => {
    fc.assert(
      fc.property(
        fc.array(refArb, { minLength: 1, maxLength: 20 }),
        someText,
        someText,
        (known, a, b) => {
          const text = `${a} ${b}`;
          fc.pre(!known.some((ref) => text.toUpperCase().includes(ref.slice(0, 5))));
          const found = findRefCandidates(text);
          for (const ref of known) expect(found).not.toContain(ref);
          for (const c of found) expect(isValidRef(c)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        refArb,
        symbolIndex,
        fc.integer({ min: 1, max: 31 }),
        someText,
        (ref, i, shift, around) => {
          const swapped = REF_ALPHABET[
            (REF_ALPHABET.indexOf(ref[i] as string) + shift) % 32
          ] as string;
          const typo = ref.slice(0, i) + swapped + ref.slice(i + 1);
          expect(findRefCandidates(`${around} ${formatRef(typo)} ${around}`)).not.toContain(ref);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("returns nothing for text without any code symbols run of 10", () => {
    expect(findRefCandidates("")).toEqual([]);
    expect(findRefCandidates("Здравствуйте! Хочу узнать подробнее.")).toEqual([]);
    expect(findRefCandidates("您好！我想了解更多。")).toEqual([]);
  });
});
