/**
 * A business number as a provider writes it (`+1 555-000-1111`, `15550001111`) → its digits, as
 * the click beacon's `number` holds them (6–15); null when it is not a phone number.
 */
export function numberDigits(raw: string | null | undefined): string | null {
  const digits = raw?.replace(/[\s()+.-]/g, "") ?? "";
  return /^[0-9]{6,15}$/.test(digits) ? digits : null;
}
