/**
 * Phone numbers for ad platforms: one normaliser, two hashed forms. Meta wants digits only with
 * the country code and no leading zeros, then SHA-256 as lowercase hex (its published example:
 * `(650)555-1212` with country code 1 → `16505551212` → `e323ec62…`); Google (Ads, GA4
 * user-provided data) wants E.164 with the `+` before hashing. A WhatsApp `wa_id` is already the
 * country code and the number, so it is used as it is.
 */
import { sha256Hex } from "../http/sha256";

/** Digits only, without leading zeros (an international `00` prefix included). */
export function phoneDigits(raw: string): string {
  return raw.replace(/\D/g, "").replace(/^0+/, "");
}

/** Meta CAPI `user_data.ph`: SHA-256 of the digits with country code. */
export function metaPhoneHash(phoneWithCountryCode: string): Promise<string> {
  return sha256Hex(phoneDigits(phoneWithCountryCode));
}

/** Google's form: SHA-256 of E.164 (`+` and the digits). */
export function e164PhoneHash(phoneWithCountryCode: string): Promise<string> {
  return sha256Hex(`+${phoneDigits(phoneWithCountryCode)}`);
}
