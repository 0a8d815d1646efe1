/**
 * The ref code: 8 random Crockford base32 symbols (40 bits) followed by 2 check symbols holding
 * the payload's value modulo 1021 (a prime, so every single-symbol error and every adjacent
 * transposition changes the check). Shown as `XXXXX-XXXXX`. Shared by the widget (minting) and
 * the worker (matching); see ref-matcher.ts in worker/attribution for the tolerant search.
 */

/** Crockford base32: no I, L, O or U, so a code never reads as a word and look-alikes fold. */
export const REF_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** Random symbols in a code (5 bits each: 40 bits). */
export const REF_PAYLOAD_LENGTH = 8;
/** Symbols in a canonical code: payload plus two check symbols. */
export const REF_LENGTH = 10;

const CHECK_MODULUS = 1021;

function checkSymbols(payload: string): string {
  let value = 0;
  for (const ch of payload) value = value * 32 + REF_ALPHABET.indexOf(ch);
  const check = value % CHECK_MODULUS;
  return (REF_ALPHABET[check >> 5] ?? "") + (REF_ALPHABET[check & 31] ?? "");
}

/** True when `code` is a canonical code (10 upper-case alphabet symbols) whose check holds. */
export function isValidRef(code: string): boolean {
  if (code.length !== REF_LENGTH) return false;
  for (const ch of code) if (!REF_ALPHABET.includes(ch)) return false;
  const payload = code.slice(0, REF_PAYLOAD_LENGTH);
  return checkSymbols(payload) === code.slice(REF_PAYLOAD_LENGTH);
}

/** Mints a new canonical code from 40 bits of `crypto.getRandomValues`. */
export function mintRef(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(5));
  let bits = 0;
  let payload = "";
  for (const byte of bytes) bits = bits * 256 + byte;
  for (let i = REF_PAYLOAD_LENGTH - 1; i >= 0; i--)
    payload += REF_ALPHABET[Math.floor(bits / 32 ** i) % 32];
  return payload + checkSymbols(payload);
}

/** The form a person reads: `K7QM3-XZP4T`. Canonical codes only. */
export function formatRef(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
