/** Types of scripts/refresh-source-categories.mjs, for the test that imports it. */

/** Google's source categories. */
export type SourceCategory =
  | "SOURCE_CATEGORY_SEARCH"
  | "SOURCE_CATEGORY_SOCIAL"
  | "SOURCE_CATEGORY_VIDEO"
  | "SOURCE_CATEGORY_SHOPPING";
/** The rows of the CSV as [source, category], validated (throws on a malformed list). */
export function parseSourceCategories(text: string): [string, SourceCategory][];
/** The generated TypeScript module for the rows. */
export function renderModule(rows: [string, string][], label: string, date: string): string;
