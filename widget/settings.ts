/**
 * The settings of one chatref element after applying element → script tag → page → browser
 * precedence. Shared by `<chatref-button>` and `<chatref-qr>`, so both resolve them alike.
 */
import { digitsOnly, getConfig } from "./config";
import { pickLang, stringsFor } from "./i18n";

/** What an element needs to build a chat link. */
export interface Settings {
  /** Business number, digits only ("" when neither the element nor the script sets one). */
  number: string;
  /** Supported language code. */
  lang: string;
  /** Visible label (the button's text, the panel's title). */
  label: string;
  /** Message template ("" for the language's greeting). */
  message: string;
}

/** An element's own values (its attributes or properties); unset ones fall back. */
export type OwnSettings = { [K in keyof Settings]?: string | null | undefined };

/** Resolves `own` values of `el` against the script tag, the page's `lang` and the browser. */
export function resolveSettings(el: HTMLElement, own: OwnSettings): Settings {
  const config = getConfig();
  const nav = navigator;
  const lang = pickLang(
    own.lang,
    config.lang,
    el.parentElement?.closest("[lang]")?.getAttribute("lang"),
    document.documentElement.lang,
    ...(nav.languages ?? []),
    nav.language,
  );
  return {
    number: digitsOnly(own.number) || config.number,
    lang,
    label: own.label || config.label || stringsFor(lang).label,
    message: own.message ?? config.message,
  };
}
