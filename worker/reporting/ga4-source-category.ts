/**
 * Which of Google's source categories a session source belongs to, by exact, case-insensitive
 * match against Google's published list (ga4-source-categories.ts), as GA4's default channel group
 * does: "Source matches a list of search sites" means the source IS one of the listed names —
 * `shopping.naver.com` is a shopping site, `naver.com` a search site, `www.google.co.uk` neither.
 *
 * The classifier runs on every click beacon, so the lookup is one Map read; the Map (819 entries)
 * is built on first use, once per isolate, so importing this module costs nothing until then and
 * a bundle that never classifies (the dashboard imports `sourceMedium` only) drops the list.
 */
import {
  SEARCH_SOURCES,
  SHOPPING_SOURCES,
  SOCIAL_SOURCES,
  VIDEO_SOURCES,
} from "./ga4-source-categories";

/** Google's four source categories (SOURCE_CATEGORY_*). */
export type SourceCategory = "search" | "social" | "video" | "shopping";

let categories: Map<string, SourceCategory> | undefined;

function build(): Map<string, SourceCategory> {
  const map = new Map<string, SourceCategory>();
  const add = (list: string, category: SourceCategory) => {
    for (const source of list.split("|")) map.set(source.toLowerCase(), category);
  };
  add(SEARCH_SOURCES, "search");
  add(SOCIAL_SOURCES, "social");
  add(VIDEO_SOURCES, "video");
  add(SHOPPING_SOURCES, "shopping");
  return map;
}

/** The category of a source (any case, surrounding spaces ignored), or undefined when unlisted. */
export function sourceCategory(source: string): SourceCategory | undefined {
  categories ??= build();
  return categories.get(source.trim().toLowerCase());
}
