/**
 * The loader's configuration, read once from the `data-*` attributes of the script tag that
 * loaded `widget.js`. Tolerant: a missing `document.currentScript` (the script ran late or was
 * injected) falls back to the first script tag whose src names widget.js.
 */
import type { ChunkName } from "./chunk-api";

/** Where the floating button sits; `none` mounts no floating button. */
export type Position = "bottom-right" | "bottom-left" | "none";

/** What a tap does on a desktop: show the QR panel (`qr`) or open the chat link (`chat`). */
export type DesktopMode = "qr" | "chat";

/** `chat` when `value` says so, else the default `qr`. */
export function desktopMode(value: string | null | undefined): DesktopMode {
  return value === "chat" ? "chat" : "qr";
}

/** Everything the script tag configures. Empty strings mean "not set". */
export interface WidgetConfig {
  /** Public site key (`data-site`, required). */
  site: string;
  /** Business WhatsApp number, digits only (`data-number`; this or another app is required). */
  number: string;
  /** Telegram bot username (`data-telegram`, a leading `@` dropped; "" when invalid). */
  telegram: string;
  /** Facebook Page name or id for Messenger (`data-messenger`). */
  messenger: string;
  /** Instagram username (`data-instagram`). */
  instagram: string;
  /** API origin the click beacon goes to (`data-api`, default: the script's origin). */
  api: string;
  /** Floating button corner (`data-position`). */
  position: Position;
  /** What a tap does on a desktop (`data-desktop`, default `qr`). */
  desktop: DesktopMode;
  /** Where the chunks (`widget-<name>.js`) are: next to widget.js, else at the API origin. */
  chunkDir: string;
  /** The script tag's CSP nonce, given to the chunk tags it injects. */
  nonce: string;
  /**
   * Every `data-*` of the tag as written, read where it is used: `lang` (language override),
   * `message` (prefilled message template, `{ref}` placeholder) and `label` (button label),
   * settings.ts; `optin` (`optional`, `required`, else no box), `business` (the name the opt-in
   * text names; else the page title) and `optinText` (custom opt-in text, `{business}`
   * placeholder), optin/box.ts; the page rules (`showOn`, `hideOn`), page-rules.ts; the greeting
   * (`greeting`, `greetingDelay`, `greetingScroll`), greeting.ts; the analytics calls
   * (`ga4Event`, `metaEvent`), analytics.ts.
   */
  data: Record<string, string | undefined>;
}

/** Keeps the digits of a phone number: `+1 (555) 000-1111` → `15550001111`. */
export function digitsOnly(value: string | null | undefined): string {
  return (value ?? "").replace(/\D/g, "");
}

/** An app name as written on the tag: trimmed, without a leading `@`. */
function appName(value: string | undefined): string {
  return (value ?? "").trim().replace(/^@/, "");
}

/** The script tag that loaded the widget: `document.currentScript`, else found by its src. */
export function findScript(doc: Document = document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return (
    doc.querySelector<HTMLScriptElement>('script[data-site][src*="widget"]') ??
    doc.querySelector<HTMLScriptElement>('script[src*="widget.js"]')
  );
}

/** `src` resolved against the page, or undefined when it is missing or unparsable. */
function urlOf(src: string | undefined): URL | undefined {
  try {
    if (src) return new URL(src, location.href);
  } catch {
    // An unparsable src falls through to the page's own origin.
  }
  return undefined;
}

/** Reads the configuration from a script tag's `data-*` attributes (all optional here). */
export function readConfig(script: HTMLScriptElement | null): WidgetConfig {
  const data = script?.dataset ?? {};
  const position =
    data.position === "bottom-left" || data.position === "none" ? data.position : "bottom-right";
  const src = urlOf(script?.src);
  const api = (data.api || src?.origin || location.origin).replace(/\/+$/, "");
  return {
    site: (data.site ?? "").trim(),
    number: digitsOnly(data.number),
    telegram: appName(data.telegram),
    messenger: appName(data.messenger),
    instagram: appName(data.instagram),
    api,
    position,
    desktop: desktopMode(data.desktop),
    chunkDir: src ? new URL(".", src).href : `${api}/`,
    nonce: script?.nonce ?? "",
    data: { ...data },
  };
}

/**
 * The content hash of all the chunks together, written in at build time (vite.config.ts), so
 * caches never mix builds: one value for every chunk (ten hex digits each would not compress).
 */
const VERSION = "__CHATREF_CHUNKS_VERSION__";

/** The URL of `widget-<name>.js` (see chunk-loader.ts). */
export function chunkSrc(name: ChunkName): string {
  return `${current.chunkDir}widget-${name}.js?v=${VERSION}`;
}

let current: WidgetConfig = readConfig(null);

/** The configuration every element falls back to. */
export function getConfig(): WidgetConfig {
  return current;
}

/** Installs the loader's configuration (called once by the entry point). */
export function setConfig(config: WidgetConfig): void {
  current = config;
}
