/**
 * Phone numbers as people type them, turned into the digits chatref stores (the country code
 * and the number, as in wa.me links and WhatsApp's `wa_id`; E.164 without the `+`):
 * `+1 (555) 000-4444` → `15550004444`, `+7 999 123-45-67` → `79991234567`,
 * `00 34 612 34 56 78` → `34612345678`. Spaces (also non-breaking), dashes, dots, slashes and
 * brackets are dropped; a `+` may only lead; a leading international `00` is dropped. Letters or
 * anything else are refused with a sentence, never guessed at.
 */
import { z } from "zod";

/** Longest input looked at; a written number with all its spacing is far shorter. */
const INPUT_MAX = 40;
/** The characters a written number may hold besides digits (after an optional leading `+`). */
const WRITTEN = /^\+?[0-9\s\u00a0().\-\u2010-\u2015/]+$/;

/** The sentence a refused number gets. */
export const PHONE_MESSAGE =
  "must be a phone number with its country code, such as +1 555 000 4444 or 0034 612 34 56 78";

/** The digits of a written number (country code first), or null when it is not one. */
export function phoneDigitsOf(raw: string, min = 7, max = 15): string | null {
  const s = raw.trim();
  if (!s || s.length > INPUT_MAX || !WRITTEN.test(s)) return null;
  let digits = s.replace(/\D/g, "");
  if (!s.startsWith("+") && digits.startsWith("00")) digits = digits.slice(2);
  return digits.length >= min && digits.length <= max ? digits : null;
}

/**
 * A zod field for a phone number people type: the stored digits out, or PHONE_MESSAGE. With
 * `countryCode` (the default) a number left starting with 0 (a national form) is refused too.
 */
export function phoneField(options: { min?: number; max?: number; countryCode?: boolean } = {}) {
  const { min = 7, max = 15, countryCode = true } = options;
  return z
    .string()
    .max(INPUT_MAX, PHONE_MESSAGE)
    .transform((raw, ctx) => {
      const digits = phoneDigitsOf(raw, min, max);
      if (digits && !(countryCode && digits.startsWith("0"))) return digits;
      ctx.addIssue({ code: "custom", message: PHONE_MESSAGE });
      return z.NEVER;
    });
}
