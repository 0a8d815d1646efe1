/**
 * Interface languages of the dashboard: English, Russian, Chinese, Spanish, Portuguese (Brazil),
 * Arabic (right to left) and Indonesian, one module each under locales/ holding the shell's, the
 * campaign links panel's and the forwarding panel's strings. Keys are checked by the types;
 * marketing terms are the ones GA4 uses in each language, product names (GA4, Meta, webhook) stay
 * as the vendors write them, and `{name}` placeholders are filled by `fill` (format.ts).
 *
 * English is in the main bundle: the fallback, and the source of the types. Every other language
 * is a chunk of its own, fetched with `import()` by `loadLang` when chosen; `strings` reads the
 * loaded ones synchronously (English for a language not loaded), so the shell hands a language to
 * its panels only once `loadLang` has it.
 */
import en from "./locales/en";

/** The strings of one language: the shell, the campaign links panel, the forwarding panel. */
export type Locale = typeof en;
export type Strings = Locale["shell"];
export type LinksStrings = Locale["links"];
export type ForwardingStrings = Locale["forwarding"];

/** The languages, each by its own name (the language picker), English first. */
export const LANG_NAMES = {
  en: "English",
  ru: "Русский",
  zh: "中文",
  es: "Español",
  pt: "Português",
  ar: "العربية",
  id: "Bahasa Indonesia",
} as const;
export type Lang = keyof typeof LANG_NAMES;
/** The language codes, in the picker's order. */
export const LANG_CODES = Object.keys(LANG_NAMES) as Lang[];

/**
 * The module of each language but English, each a literal `import()` so that the bundler gives
 * it a chunk of its own (vite.dashboard.config.ts names them `locale-<lang>-<hash>.js`).
 */
const LOADERS: Record<Exclude<Lang, "en">, () => Promise<{ default: Locale }>> = {
  ru: () => import("./locales/ru"),
  zh: () => import("./locales/zh"),
  es: () => import("./locales/es"),
  pt: () => import("./locales/pt"),
  ar: () => import("./locales/ar"),
  id: () => import("./locales/id"),
};

/** The languages loaded so far; English always. */
const loaded = new Map<Lang, Locale>([["en", en]]);

/** The strings of `lang` if loaded, else English's. Synchronous: what the components read. */
export const strings = (lang: Lang): Locale => loaded.get(lang) ?? en;

/** Whether `lang`'s strings are loaded (then `strings(lang)` is that language's). */
export const isLoaded = (lang: Lang): boolean => loaded.has(lang);

/** The strings of `lang`, fetched (its chunk) when not loaded yet; rejects when that fails. */
export async function loadLocale(lang: Lang): Promise<Locale> {
  const known = loaded.get(lang);
  if (known || lang === "en") return known ?? en;
  const locale = (await LOADERS[lang]()).default;
  loaded.set(lang, locale);
  return locale;
}

/**
 * Loads `lang` and resolves to it, or to `en` when its chunk cannot be loaded (offline, or a
 * tab left open across a deploy that replaced the hashed chunks): never rejects.
 */
export const loadLang = (lang: Lang): Promise<Lang> =>
  loadLocale(lang).then(
    () => lang,
    () => "en",
  );

/** Languages written right to left. */
const RTL: ReadonlySet<string> = new Set(["ar"]);

/** `rtl` or `ltr`: the writing direction of an interface language. */
export const direction = (lang: string): "rtl" | "ltr" => (RTL.has(lang) ? "rtl" : "ltr");

/** Whether `lang` is one the dashboard speaks (e.g. a stored choice). */
export const isLang = (lang: unknown): lang is Lang =>
  typeof lang === "string" && Object.hasOwn(LANG_NAMES, lang);

/**
 * The first of the browser's languages the dashboard speaks, else English: `pt-BR` and `pt-PT`
 * → `pt`, `es-419` → `es`, `ar-EG` → `ar`, the legacy `in` → `id`.
 */
export function pickLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    let base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
    if (base === "in") base = "id";
    if (isLang(base)) return base;
  }
  return "en";
}
