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
 * `ui_unavailable`: widget-ui.js did not load in time; the chooser or panel is a plain dialog of
 * links. `optin_unavailable`: widget-optin.js did not load; the button opens the chat without
 * an opt-in box (none is recorded). `beacon_rejected`: the Worker refused the click beacon (`status` and `reason` carry its
 * answer: `forbidden` for a page on an origin the site does not allow, `not_found` for an unknown
 * `data-site`, ...); the chat opened, but the click is not recorded. `beacon_failed`: the beacon
 * did not reach the Worker (network, blocker).
 * `trusted_types`: the page enforces Trusted Types and refused the `chatref` policy; the button
 * is a plain chat link and no QR is drawn until the page allows it. `invalid_app`: a
 * `data-telegram` / `data-messenger` / `data-instagram` name is not valid; that app is left out.
 * `invalid_agents`: `data-agents`, `data-timezone` or an agent's field is not valid (the message
 * says what to fix; invalid agents are left out). `agents_unavailable`: widget-agents.js did not
 * load; the tap opens the tag's own apps instead.
 */
export type ChatrefErrorCode =
  | "missing_site"
  | "missing_number"
  | "beacon_failed"
  | "beacon_rejected"
  | "qr_unavailable"
  | "ui_unavailable"
  | "optin_unavailable"
  | "trusted_types"
  | "invalid_app"
  | "invalid_agents"
  | "agents_unavailable"
  | "internal";

/** The `missing_site` message, at load and on each tap (one string in the bundle). */
export const NO_SITE = 'data-site="<site key>" is missing: chats are not attributed';

/** Detail of `chatref:error`. */
export interface ChatrefErrorDetail {
  code: ChatrefErrorCode;
  message: string;
  /** `beacon_rejected`: the Worker's HTTP status. */
  status?: number;
  /** `beacon_rejected`: the Worker's error code (`forbidden`, `not_found`, `rate_limited`, ...). */
  reason?: string;
}

declare global {
  interface DocumentEventMap {
    "chatref:click": CustomEvent<ChatrefClickDetail>;
    "chatref:error": CustomEvent<ChatrefErrorDetail>;
  }
}

/** Dispatches `chatref:<name>`; returns false when a listener called `preventDefault()`. */
export function emit<T>(target: EventTarget, name: string, detail: T, cancelable = false): boolean {
  return target.dispatchEvent(
    new CustomEvent(`chatref:${name}`, { bubbles: true, composed: true, cancelable, detail }),
  );
}

const warned = new Set<string>();

/**
 * Reports a failure: a `chatref:error` event every time, a console warning once per code (per
 * code and `reason` when the Worker gave one).
 */
export function reportError(
  target: EventTarget,
  code: ChatrefErrorCode,
  message: string,
  server?: { status: number; reason: string },
): void {
  try {
    const key = `${code} ${server?.reason}`;
    if (!warned.has(key)) {
      warned.add(key);
      console.warn(`[chatref] ${message}`);
    }
    emit<ChatrefErrorDetail>(target, "error", { code, message, ...server });
  } catch {
    // Reporting must never be the thing that breaks the page.
  }
}
