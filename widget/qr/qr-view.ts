/**
 * `<chatref-qr>` once widget-qr.js is loaded: draws the code and, for an inline QR, owns its ref
 * and its one beacon.
 *
 * The visibility rule keeps "no request at page load": an inline QR mints its ref only when it is
 * first on screen, and sends its beacon (placement `inline_qr`, with `chatref:click` and the
 * `dataLayer` push) once it has been on screen for `BEACON_AFTER_MS` without a break, or at
 * `pagehide` if it was shown but never that long, since a visitor may scan it at a glance.
 * A QR with a `value` only draws that text: no ref, no beacon.
 */
import type { PreparedChat } from "../open-chat";
import {
  adoptStyles,
  announceChat,
  appName,
  NO_APP,
  prepareChat,
  reportError,
  resolveSettings,
} from "../runtime";
import { qrStrings, render, withApp } from "../ui/shared";
import { qrImage, qrStyles } from "./qr-image";

/** How long an inline QR must stay on screen before its beacon is sent. */
export const BEACON_AFTER_MS = 2000;

interface QrState {
  chat?: PreparedChat;
  timer?: ReturnType<typeof setTimeout>;
  sent?: boolean;
}

const states = new WeakMap<HTMLElement, QrState>();

function announce(host: HTMLElement, state: QrState): void {
  clearTimeout(state.timer);
  if (state.sent || !state.chat) return;
  state.sent = true;
  announceChat(host, state.chat);
}

/** First time on screen: resolve settings, mint the ref (unless `value` is set) and draw. */
function start(host: HTMLElement, state: QrState): void {
  const attr = (name: string) => host.getAttribute(name);
  const { apps, lang, message } = resolveSettings(host, {
    number: attr("number"),
    lang: attr("lang"),
    message: attr("message"),
    channel: attr("channel"),
  });
  // A code holds one link: the `channel` app, else the first configured (WhatsApp when set).
  const [app] = apps;
  const strings = withApp(qrStrings(lang), appName(lang, app?.channel ?? "whatsapp"));
  let text = attr("value");
  if (!text) {
    if (!app) {
      reportError(host, "missing_number", NO_APP);
      return;
    }
    state.chat = prepareChat({ app, lang, template: message, placement: "inline_qr" });
    text = state.chat.url;
    addEventListener("pagehide", () => announce(host, state), { once: true });
  }
  const label = attr("label") || `${strings.qr}: ${strings.scan}`;
  const root = host.shadowRoot;
  if (!root) return;
  adoptStyles(root, qrStyles);
  render(qrImage(text, label, lang), root);
}

/** Told by element.ts's observer: draws on the first visible call, then runs the beacon timer while on screen. */
export function show(host: HTMLElement, visible: boolean): void {
  try {
    let state = states.get(host);
    if (!state) {
      if (!visible) return;
      state = {};
      states.set(host, state);
      start(host, state);
    }
    clearTimeout(state.timer);
    if (visible && state.chat && !state.sent) {
      const shown = state;
      state.timer = setTimeout(() => announce(host, shown), BEACON_AFTER_MS);
    }
  } catch (error) {
    reportError(host, "qr_unavailable", `could not draw the QR code: ${error}`);
  }
}
