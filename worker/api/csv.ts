/**
 * CSV for exports (RFC 4180, every cell quoted, CRLF). Cells that a spreadsheet would read as a
 * formula (starting with = + - @, tab or carriage return) get a leading apostrophe.
 */

/** One cell, quoted and formula-safe. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** A CSV document: a header row and data rows. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return `${[header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
