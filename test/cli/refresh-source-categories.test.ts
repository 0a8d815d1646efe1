/**
 * scripts/refresh-source-categories.mjs: Google's source-category CSV → the generated module. The
 * committed module must be exactly what the script writes for its own lists, and a malformed
 * list is refused rather than half-written.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSourceCategories, renderModule } from "../../scripts/refresh-source-categories.mjs";
import {
  SEARCH_SOURCES,
  SHOPPING_SOURCES,
  SOCIAL_SOURCES,
  VIDEO_SOURCES,
} from "../../worker/reporting/ga4-source-categories";

const GENERATED = resolve(import.meta.dirname, "../../worker/reporting/ga4-source-categories.ts");
/** The generated lists in the script's order, with Google's category names. */
const LISTS: [string, string][] = [
  [SEARCH_SOURCES, "SOURCE_CATEGORY_SEARCH"],
  [SOCIAL_SOURCES, "SOURCE_CATEGORY_SOCIAL"],
  [VIDEO_SOURCES, "SOURCE_CATEGORY_VIDEO"],
  [SHOPPING_SOURCES, "SOURCE_CATEGORY_SHOPPING"],
];

/** The committed lists written back as Google's CSV. */
const csv = () =>
  [
    "source,source_category",
    ...LISTS.flatMap(([list, category]) => list.split("|").map((s) => `${s},${category}`)),
  ].join("\r\n");

describe("refresh-source-categories", () => {
  it("writes back exactly the committed module from the same list", () => {
    const committed = readFileSync(GENERATED, "utf8");
    const label = /Read from: (.*)\n/.exec(committed)?.[1];
    const date = /Generated: (\d{4}-\d{2}-\d{2})\./.exec(committed)?.[1];
    const rows = parseSourceCategories(csv());
    expect(rows).toHaveLength(819);
    expect(renderModule(rows, label ?? "", date ?? "")).toBe(committed);
  });

  it("keeps Google's spelling and reads a quoted source", () => {
    const rows = parseSourceCategories(
      'source,source_category\n"Google Shopping",SOURCE_CATEGORY_SHOPPING\nt.me,SOURCE_CATEGORY_SOCIAL\n',
    );
    expect(rows).toEqual([
      ["Google Shopping", "SOURCE_CATEGORY_SHOPPING"],
      ["t.me", "SOURCE_CATEGORY_SOCIAL"],
    ]);
  });

  it.each([
    ["a wrong header", "name,category\nbing,SOURCE_CATEGORY_SEARCH", /header/],
    ["an unknown category", "source,source_category\nbing,SOURCE_CATEGORY_NEWS", /category/],
    ["an empty source", "source,source_category\n,SOURCE_CATEGORY_SEARCH", /bad source/],
    [
      "a source listed twice in any case",
      "source,source_category\nBing,SOURCE_CATEGORY_SEARCH\nbing,SOURCE_CATEGORY_SOCIAL",
      /twice/,
    ],
  ])("refuses %s", (_what, text, error) => {
    expect(() => parseSourceCategories(text)).toThrow(error);
  });
});
