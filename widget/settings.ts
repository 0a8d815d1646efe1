/**
 * The settings of one chatref element after applying element → script tag → page → browser
 * precedence. Shared by `<chatref-button>` and `<chatref-qr>`, so both resolve them alike.
 */
import { type App, configuredApps } from "./channels";
import { digitsOnly, getConfig } from "./config";
import { defaultLabel, pickLang } from "./i18n";

/** What an element needs to build a chat link. */
export interface Settings {
  /** Business number, digits only ("" when neither the element nor the script sets one). */
  number: string;
  /** The apps the element offers (only its `channel` when set); empty when none is configured. */
  apps: App[];
  /** Supported language code. */
  lang: string;
  /** Visible label (the button's text, the panel's title). */
  label: string;
  /** Message template ("" for the language's greeting). */
  message: string;
}

/** An element's own values (its attributes or properties); unset ones fall back. */
export type OwnSettings = {
  [K in "number" | "lang" | "label" | "message" | "channel"]?: string | null | undefined;
};

/** Resolves `own` values of `el` against the script tag, the page's `lang` and the browser. */
export function resolveSettings(el: HTMLElement, own: OwnSettings): Settings {
  const config = getConfig();
  const { data } = config;
  const nav = navigator;
  const lang = pickLang(
    own.lang,
    data.lang,
    el.parentElement?.closest("[lang]")?.getAttribute("lang"),
    document.documentElement.lang,
    ...(nav.languages ?? []),
    nav.language,
  );
  const number = digitsOnly(own.number) || config.number;
  const apps = configuredApps(config, number, own.channel);
  return {
    number,
    apps,
    lang,
    label: own.label || data.label || defaultLabel(lang, apps),
    message: own.message ?? data.message ?? "",
  };
}

/** The `chatref:error` message when an element has no app to open. */
export const NO_APP =
  "no chat app: set data-number (or number=), data-telegram, data-messenger or data-instagram";
