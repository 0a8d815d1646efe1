/**
 * The greeting bubble's texts per language (in widget-greet.js only): the default greeting shown
 * for an empty `data-greeting`, and the close button's accessible name. Same languages as
 * `STRINGS` in ../i18n.ts (a test checks it).
 */

/** One language's greeting texts. */
export interface GreetStrings {
  /** The default greeting. */
  hello: string;
  /** Accessible name of the close button. */
  close: string;
}

/** Keyed by the languages of ../i18n.ts. */
export const GREET_STRINGS: Readonly<Record<string, GreetStrings>> = {
  en: { hello: "Hi! How can we help you?", close: "Close" },
  ru: { hello: "Здравствуйте! Чем можем помочь?", close: "Закрыть" },
  zh: { hello: "您好！有什么可以帮您？", close: "关闭" },
  es: { hello: "¡Hola! ¿En qué podemos ayudarte?", close: "Cerrar" },
  pt: { hello: "Olá! Como podemos ajudar?", close: "Fechar" },
  ar: { hello: "مرحبًا! كيف يمكننا مساعدتك؟", close: "إغلاق" },
  id: { hello: "Halo! Ada yang bisa kami bantu?", close: "Tutup" },
  fr: { hello: "Bonjour ! Comment pouvons-nous vous aider ?", close: "Fermer" },
  de: { hello: "Hallo! Wie können wir Ihnen helfen?", close: "Schließen" },
};

/** The texts for a supported language (English when unknown). */
export function greetStrings(lang: string): GreetStrings {
  return GREET_STRINGS[lang] ?? (GREET_STRINGS.en as GreetStrings);
}
