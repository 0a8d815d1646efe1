/**
 * What the details dialog shows of a breakdown's rows (dashboard/table-view.ts): search on the
 * shown text in any column (case and accents ignored), sorts that keep empty cells last and ties
 * in the API's order, and pages clamped to the rows there are.
 */
import { describe, expect, it } from "vitest";
import type { Cell, Column } from "../../dashboard/data-table";
import { pageOf, searchRows, sortRows } from "../../dashboard/table-view";

const columns: Column[] = [
  { label: "Campaign" },
  { label: "Conversations", numeric: true, format: (v) => (v === null ? "—" : `${v} conv`) },
];
const rows: Cell[][] = [
  ["Été", 3],
  ["spring", 10],
  [null, 2],
  ["Ètude", null],
  ["autumn", 3],
];

describe("details view of a table", () => {
  it("searches the shown text of every column, ignoring case and accents", () => {
    expect(searchRows("en", columns, rows, "ete")).toEqual([0]);
    expect(searchRows("en", columns, rows, "SPR")).toEqual([1]);
    // The formatted number, as displayed ("—" for the empty one).
    expect(searchRows("en", columns, rows, "10 conv")).toEqual([1]);
    expect(searchRows("en", columns, rows, "—")).toEqual([3]);
    expect(searchRows("en", columns, rows, "  ")).toEqual([0, 1, 2, 3, 4]);
    expect(searchRows("en", columns, rows, "nothing")).toEqual([]);
  });

  it("sorts numbers by value and text by collation, empty cells last, ties in table order", () => {
    const all = rows.map((_, i) => i);
    expect(sortRows("en", rows, all, null)).toEqual(all);
    expect(sortRows("en", rows, all, { col: 1, desc: true })).toEqual([1, 0, 4, 2, 3]);
    expect(sortRows("en", rows, all, { col: 1, desc: false })).toEqual([2, 0, 4, 1, 3]);
    expect(sortRows("en", rows, all, { col: 0, desc: false })).toEqual([4, 0, 3, 1, 2]);
    expect(sortRows("en", rows, all, { col: 0, desc: true })).toEqual([1, 3, 0, 4, 2]);
    // Only the indexes given (a search's hits) are sorted.
    expect(sortRows("en", rows, [0, 1], { col: 1, desc: true })).toEqual([1, 0]);
  });

  it("pages of a given size, the page clamped, with 1-based bounds", () => {
    const ids = Array.from({ length: 27 }, (_, i) => i);
    expect(pageOf(ids, 0)).toMatchObject({ page: 0, pages: 2, from: 1, to: 25 });
    expect(pageOf(ids, 1)).toMatchObject({ page: 1, from: 26, to: 27, items: [25, 26] });
    expect(pageOf(ids, 9).page).toBe(1);
    expect(pageOf(ids, -3).page).toBe(0);
    expect(pageOf([], 0)).toEqual({ page: 0, pages: 1, items: [], from: 0, to: 0 });
  });
});
