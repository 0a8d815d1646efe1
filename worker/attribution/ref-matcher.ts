/**
 * Finds ref codes in a message a person may have edited: any case, spaces or hyphens inside the
 * code, look-alike letters (O→0, I/L→1, Cyrillic and Greek capitals that look Latin, full-width
 * forms, Arabic-Indic digits), the code moved anywhere, any language around it. Only windows
 * whose check symbols hold are returned; the caller then looks them up among the site's clicks,
 * so a random string that happens to pass the check still matches nothing.
 */
import { isValidRef, REF_ALPHABET, REF_LENGTH } from "../../widget/protocol/ref-codec";

/** Longest text searched; WhatsApp text bodies are at most 4,096 characters. */
export const MATCH_TEXT_MAX = 8192;
/** At most this many candidates are returned (in text order). */
export const MAX_CANDIDATES = 8;
/** Separators tolerated inside a code, at most MAX_SEPARATOR_RUN in a row. */
const SEPARATORS = new Set([..." \t\n\u00a0\u2009\u202f\u3000-_.·‐‑‒–—―−\u30fc"]);
const MAX_SEPARATOR_RUN = 3;

const LOOK_ALIKES: Record<string, string> = {
  O: "0",
  I: "1",
  L: "1",
  // Cyrillic capitals that look Latin (a Russian keyboard retyping the code).
  А: "A",
  В: "B",
  Е: "E",
  З: "3",
  К: "K",
  М: "M",
  Н: "H",
  О: "0",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  У: "Y",
  І: "1",
  Ј: "J",
  Ѕ: "S",
  // Greek capitals that look Latin.
  Α: "A",
  Β: "B",
  Ε: "E",
  Ζ: "Z",
  Η: "H",
  Ι: "1",
  Κ: "K",
  Μ: "M",
  Ν: "N",
  Ο: "0",
  Ρ: "P",
  Τ: "T",
  Υ: "Y",
  Χ: "X",
};

/** Maps one (already NFKC-normalised, upper-cased) character to a code symbol, or "" if it is none. */
function toSymbol(ch: string): string {
  const mapped = LOOK_ALIKES[ch] ?? ch;
  if (REF_ALPHABET.includes(mapped)) return mapped;
  const code = ch.charCodeAt(0);
  // Arabic-Indic (U+0660–0669) and Eastern Arabic-Indic (U+06F0–06F9) digits.
  if (code >= 0x660 && code <= 0x669) return String(code - 0x660);
  if (code >= 0x6f0 && code <= 0x6f9) return String(code - 0x6f0);
  return "";
}

/**
 * Returns the canonical codes found in `text`, first occurrence first, without duplicates.
 * Runs of code symbols (joined by short separator runs) are searched with a sliding window, so a
 * code glued to a word or split by spaces is still found.
 */
export function findRefCandidates(text: string): string[] {
  const found: string[] = [];
  let run = "";
  let separators = 0;
  const flush = () => {
    for (let i = 0; i + REF_LENGTH <= run.length && found.length < MAX_CANDIDATES; i++) {
      const window = run.slice(i, i + REF_LENGTH);
      if (isValidRef(window) && !found.includes(window)) found.push(window);
    }
    run = "";
    separators = 0;
  };
  const normalised = text.slice(0, MATCH_TEXT_MAX).normalize("NFKC").toUpperCase();
  for (const ch of normalised) {
    const symbol = toSymbol(ch);
    if (symbol) {
      run += symbol;
      separators = 0;
    } else if (run && SEPARATORS.has(ch) && separators < MAX_SEPARATOR_RUN) {
      separators++;
    } else {
      flush();
    }
  }
  flush();
  return found;
}
