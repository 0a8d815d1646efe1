/**
 * What the details dialog (table-details.ts) shows of a table's rows: those whose shown text
 * contains the search (any column, case- and accent-insensitive in the interface language), in
 * the order of a column, one page at a time. Plain functions over the rows' indexes, so a chosen
 * row is still known by its index in the whole table.
 */
import type { Cell, Column } from "./data-table";

/** The text a cell shows (its column's format; the CSV takes the raw value). */
export const cellText = (c: Column | undefined, v: Cell): string =>
  c?.format ? c.format(v) : v === null ? "" : String(v);

/** Rows per page of the details dialog. */
export const PAGE_SIZE = 25;

/** A sort: the column's index and the direction; null keeps the table's own order. */
export type Sort = { col: number; desc: boolean } | null;

/** The indexes of the rows whose shown text (any cell) contains `query`. */
export function searchRows(lang: string, columns: Column[], rows: Cell[][], query: string) {
  const all = rows.map((_, i) => i);
  const q = query.trim();
  if (!q) return all;
  const collator = new Intl.Collator(lang, { sensitivity: "base", usage: "search" });
  const n = q.length;
  const contains = (text: string) => {
    for (let i = 0; i + n <= text.length; i++)
      if (collator.compare(text.slice(i, i + n), q) === 0) return true;
    return false;
  };
  return all.filter((i) => (rows[i] ?? []).some((v, c) => contains(cellText(columns[c], v))));
}

/**
 * `indexes` in the order of `sort`: numbers by value, text by the language's collation; empty
 * cells last either way; ties keep the table's order (the API's: conversations, then clicks).
 */
export function sortRows(lang: string, rows: Cell[][], indexes: number[], sort: Sort) {
  if (!sort) return indexes;
  const collator = new Intl.Collator(lang, { numeric: true });
  const { col, desc } = sort;
  return [...indexes].sort((a, b) => {
    const x = rows[a]?.[col] ?? null;
    const y = rows[b]?.[col] ?? null;
    if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
    const order =
      typeof x === "number" && typeof y === "number"
        ? x - y
        : collator.compare(String(x), String(y));
    return (desc ? -order : order) || a - b;
  });
}

/** The page `page` (0-based, clamped) of `indexes`, with its 1-based bounds for "1–25 of 230". */
export function pageOf(indexes: number[], page: number, size = PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(indexes.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  const items = indexes.slice(p * size, (p + 1) * size);
  return {
    page: p,
    pages,
    items,
    from: items.length ? p * size + 1 : 0,
    to: p * size + items.length,
  };
}
