/**
 * CSV export of a table. Cells that a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, tab or carriage return) are prefixed with `'`: UTM values and profile names are
 * written by strangers.
 */

/** One cell: neutralised, then quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header row + rows, CRLF-separated (RFC 4180). */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n");
}

/** Saves `csv` as `name` through a temporary object URL (UTF-8 with BOM, so Excel reads it). */
export function downloadCsv(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
