/**
 * Button labels and prefilled messages per language. The ref sits in a short, ordinary-looking
 * tag ("(Ref: K7QM3-XZP4T)") that a person would not find odd to send; the worker's matcher finds
 * it in any of these templates.
 */

import type { Channel } from "./protocol/click-beacon";

/**
 * One language: button label, greeting, and the ref tag (`{ref}` is the formatted code). The
 * opt-in box's text is in optin/optin-strings.ts (widget-optin.js).
 */
export interface Strings {
  /** A one-app button's label; `{app}` is the app's name. */
  label: string;
  /** The label of a button that offers several apps (it opens the chooser). */
  any: string;
  greeting: string;
  /** Appended to the greeting, or to a custom template that has no `{ref}`. */
  tag: string;
}

/** Supported languages (ISO 639-1). Add one here and it works everywhere. */
export const STRINGS: Readonly<Record<string, Strings>> = {
  en: {
    label: "Chat on {app}",
    any: "Chat with us",
    greeting: "Hello! I'd like to know more.",
    tag: " (Ref: {ref})",
  },
  ru: {
    label: "Написать в {app}",
    any: "Написать нам",
    greeting: "Здравствуйте! Хочу узнать подробнее.",
    tag: " (Код: {ref})",
  },
  zh: {
    label: "{app} 咨询",
    any: "联系我们",
    greeting: "您好！我想了解更多信息。",
    tag: "（参考编号：{ref}）",
  },
  es: {
    label: "Chatear por {app}",
    any: "Escríbenos",
    greeting: "¡Hola! Me gustaría saber más.",
    tag: " (Ref.: {ref})",
  },
  pt: {
    label: "Conversar no {app}",
    any: "Fale conosco",
    greeting: "Olá! Gostaria de saber mais.",
    tag: " (Ref.: {ref})",
  },
  ar: {
    label: "تواصل عبر {app}",
    any: "تواصل معنا",
    greeting: "مرحبًا! أود معرفة المزيد.",
    tag: " (رقم المرجع: {ref})",
  },
  id: {
    label: "Chat lewat {app}",
    any: "Hubungi kami",
    greeting: "Halo! Saya ingin tahu lebih lanjut.",
    tag: " (Ref: {ref})",
  },
  fr: {
    label: "Discuter sur {app}",
    any: "Écrivez-nous",
    greeting: "Bonjour ! J'aimerais en savoir plus.",
    tag: " (Réf. : {ref})",
  },
  de: {
    label: "Per {app} schreiben",
    any: "Schreiben Sie uns",
    greeting: "Hallo! Ich möchte gern mehr erfahren.",
    tag: " (Ref.: {ref})",
  },
};

/** The apps' names: brand names in Latin letters, except where a language writes them. */
const APP_NAMES: Record<Channel, string> = {
  whatsapp: "WhatsApp",
  telegram: "Telegram",
  messenger: "Messenger",
  instagram: "Instagram",
};

/** The app's name as `lang` writes it (Arabic writes WhatsApp's; the others stay in Latin). */
export function appName(lang: string, channel: Channel): string {
  return lang === "ar" && channel === "whatsapp" ? "واتساب" : APP_NAMES[channel];
}

/** A button's default label: "Chat on <app>" for one app, "Chat with us" for several. */
export function defaultLabel(lang: string, apps: readonly { channel: Channel }[]): string {
  const strings = stringsFor(lang);
  const only = apps.length === 1 ? apps[0] : undefined;
  return only ? strings.label.replace("{app}", appName(lang, only.channel)) : strings.any;
}

/** `rtl` or `ltr` for a supported language code (Arabic is the one written right to left). */
export function direction(lang: string): "rtl" | "ltr" {
  return lang === "ar" ? "rtl" : "ltr";
}

/** Maps a BCP 47 tag to a supported language (`pt-BR` → `pt`, legacy `in` → `id`), or "". */
export function supported(tag: string | null | undefined): string {
  let primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  if (primary === "in") primary = "id";
  return Object.hasOwn(STRINGS, primary) ? primary : "";
}

/** The first candidate tag that is supported, else `en`. */
export function pickLang(...candidates: (string | null | undefined)[]): string {
  for (const tag of candidates) {
    const lang = supported(tag);
    if (lang) return lang;
  }
  return "en";
}

/** The strings for a supported language (English when unknown). */
export function stringsFor(lang: string): Strings {
  return STRINGS[lang] ?? (STRINGS.en as Strings);
}
