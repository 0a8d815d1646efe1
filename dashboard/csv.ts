/**
 * The dashboard's CSV downloads. The writer is the API's (worker/api/csv.ts: every cell quoted,
 * formulas neutralised), so an export reads the same from either.
 */
export { toCsv } from "../worker/api/csv";

/** Saves `csv` as `name` through a temporary object URL (UTF-8 with BOM, so Excel reads it). */
export function downloadCsv(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
