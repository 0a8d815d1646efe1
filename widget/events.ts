/**
 * The widget's public events. Everything is `chatref:`-prefixed, bubbling and composed, so a
 * listener on `document` hears events from inside any shadow root. Failures never throw into
 * the page: they become `chatref:error` (and one console warning per code).
 */
import type { Placement } from "./protocol/click-beacon";

/** Detail of `chatref:click`, fired when a visitor opens a chat. */
export interface ChatrefClickDetail {
  /** Canonical ref code carried by the message. */
  ref: string;
  /** The chat link that was opened (`https://wa.me/...`, `https://t.me/...?start=<ref>`, ...). */
  url: string;
  /** The prefilled message ("" for apps that take none: Telegram, Messenger, Instagram). */
  message: string;
  placement: Placement;
  /** Public site key. */
  site: string;
}

/**
 * Closed set of error codes carried by `chatref:error`. `qr_unavailable`: widget-qr.js did not
 * load in time (or a QR could not be drawn); the panel still offers the chat link.
 * `trusted_types`: the page enforces Trusted Types and refused the `chatref` policy; the button
 * is a plain chat link and no QR is drawn until the page allows it. `invalid_app`: a
 * `data-telegram` / `data-messenger` / `data-instagram` name is not valid; that app is left out.
 */
export type ChatrefErrorCode =
  | "missing_site"
  | "missing_number"
  | "beacon_failed"
  | "qr_unavailable"
  | "trusted_types"
  | "invalid_app"
  | "internal";

/** Detail of `chatref:error`. */
export interface ChatrefErrorDetail {
  code: ChatrefErrorCode;
  message: string;
}

declare global {
  interface DocumentEventMap {
    "chatref:click": CustomEvent<ChatrefClickDetail>;
    "chatref:error": CustomEvent<ChatrefErrorDetail>;
  }
  interface Window {
    dataLayer?: unknown[];
  }
}

/** Dispatches `chatref:<name>`; returns false when a listener called `preventDefault()`. */
export function emit<T>(target: EventTarget, name: string, detail: T, cancelable = false): boolean {
  return target.dispatchEvent(
    new CustomEvent(`chatref:${name}`, { bubbles: true, composed: true, cancelable, detail }),
  );
}

const warned = new Set<string>();

/** Reports a failure: a `chatref:error` event every time, a console warning once per code. */
export function reportError(target: EventTarget, code: ChatrefErrorCode, message: string): void {
  try {
    if (!warned.has(code)) {
      warned.add(code);
      console.warn(`[chatref] ${message}`);
    }
    emit<ChatrefErrorDetail>(target, "error", { code, message });
  } catch {
    // Reporting must never be the thing that breaks the page.
  }
}

/** Pushes a `chatref_click` event to Google Tag Manager's `dataLayer` when the page has one. */
export function pushDataLayer(detail: ChatrefClickDetail, lang: string): void {
  const layer = window.dataLayer;
  if (layer && typeof layer.push === "function") {
    layer.push({
      event: "chatref_click",
      chatref_ref: detail.ref,
      chatref_placement: detail.placement,
      chatref_site: detail.site,
      chatref_lang: lang,
    });
  }
}
