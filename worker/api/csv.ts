/**
 * The one CSV writer, for API exports and the dashboard's downloads (dashboard/csv.ts):
 * RFC 4180, CRLF line ends, every cell quoted — so a `;` (the separator spreadsheets use in
 * comma-decimal locales), a comma, a quote or a line break inside a value never splits a cell.
 *
 * Text that a spreadsheet would run as a formula gets a leading apostrophe: cells starting with
 * `=`, `+`, `-`, `@`, tab, carriage return or line feed, or their full-width forms (`＝＋－＠`,
 * which some locales accept too). UTM values, profile names and opt-in texts are written by
 * strangers. Numbers stay numbers (a negative value is not neutralised).
 */

const FORMULA_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

/** One cell, formula-safe and quoted. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** One record: its cells joined by commas, ending in CRLF. */
export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A CSV document: a header row and data rows, each ending in CRLF. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return [header, ...rows].map(csvRow).join("");
}
