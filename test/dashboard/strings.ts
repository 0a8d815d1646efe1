/**
 * Every dashboard language's strings for the tests, keyed by `Lang` like the product's tables:
 * the shell's (`LANGS`), the campaign links panel's and the forwarding panel's. Loaded through the
 * product's own loader (`loadLocale`, the `import()` of each dashboard/locales/<lang>.ts),
 * so a language without a module or a loader fails here, not in a visitor's browser.
 */
import { LANG_CODES, type Lang, type Locale, loadLocale } from "../../dashboard/i18n";

/** Every language's strings, English included. */
export const LOCALES = Object.fromEntries(
  await Promise.all(LANG_CODES.map(async (lang) => [lang, await loadLocale(lang)] as const)),
) as Record<Lang, Locale>;

const part = <K extends keyof Locale>(key: K) =>
  Object.fromEntries(LANG_CODES.map((lang) => [lang, LOCALES[lang][key]])) as Record<
    Lang,
    Locale[K]
  >;

/** The shell's strings per language. */
export const LANGS = part("shell");
/** The campaign links panel's strings per language. */
export const LINKS_STRINGS = part("links");
/** The forwarding panel's strings per language. */
export const FORWARDING_STRINGS = part("forwarding");
