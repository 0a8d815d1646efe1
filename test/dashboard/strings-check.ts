/**
 * The check every string table of the dashboard gets: each language of the shell is there, each
 * has the English keys, no string is empty; a table's own rules (placeholders, punctuation) come
 * in through `each`.
 */
import { expect } from "vitest";
import { LANGS } from "./strings";

/** A table's own rule for one string (`label` is `<lang>.<key>`, for the failure message). */
export type StringRule = (
  s: { lang: string; key: string; label: string },
  value: string,
  english: string,
) => void;

/**
 * Checks `table` (language → key → string) and returns, per language, the share of its strings
 * that differ from English (what is translated).
 */
export function expectEveryLanguage(
  table: Record<string, object>,
  each: StringRule = () => {},
): Record<string, number> {
  const en = table.en as Record<string, string>;
  const keys = Object.keys(en).sort();
  expect(Object.keys(table).sort()).toEqual(Object.keys(LANGS).sort());
  const translated: Record<string, number> = {};
  for (const [lang, strings] of Object.entries(table)) {
    expect(Object.keys(strings).sort(), lang).toEqual(keys);
    let differ = 0;
    for (const key of keys) {
      const value = (strings as Record<string, string>)[key] ?? "";
      const english = en[key] ?? "";
      const label = `${lang}.${key}`;
      expect(value.trim(), label).not.toBe("");
      if (value !== english) differ++;
      each({ lang, key, label }, value, english);
    }
    translated[lang] = differ / keys.length;
  }
  return translated;
}
