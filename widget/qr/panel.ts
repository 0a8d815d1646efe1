/**
 * The desktop panel's content (in widget-qr.js): title, close button, the QR of the chat link,
 * the one-line instruction and the app's Web/Desktop link (WhatsApp, Telegram, Messenger or
 * Instagram, named in the chat's language); its styles are adopted by the
 * button's shadow root (no `<style>`: a strict CSP would refuse it). widget-ui.js
 * owns the `<dialog>` around it (opening, closing, focus: ../ui/dialog.ts); when widget-ui.js
 * does not load, widget.js opens the chat link itself (../fallback-chat.ts).
 */
import type { PreparedChat } from "../open-chat";
import { adoptStyles, appName, reportError } from "../runtime";
import { appIcon, html, qrStrings, withApp } from "../ui/shared";
import { qrImage, qrStyles } from "./qr-image";

/**
 * `QrChunk.panel`. The ids `t` and `d` are the dialog's `aria-labelledby` / `aria-describedby`.
 * A link too long to encode loses the code and the instruction, not the panel.
 */
export function panel(host: HTMLElement, chat: PreparedChat, title: string, close: () => void) {
  const s = withApp(qrStrings(chat.lang), appName(chat.lang, chat.channel));
  if (host.shadowRoot) adoptStyles(host.shadowRoot, qrStyles);
  let code = html``;
  try {
    code = html`<div class="code">${qrImage(chat.url, s.qr, chat.lang)}</div><p id="d">${s.scan}</p>`;
  } catch (error) {
    reportError(host, "qr_unavailable", `could not draw the QR code: ${error}`);
  }
  return html`<div class="box"><header>${appIcon(chat.channel)}<h2 id="t">${title}</h2><button part="close" aria-label=${s.close} @click=${close}>×</button></header>${code}<a part="web" href=${chat.url} target="_blank" rel="noopener" @click=${close}>${s.web}</a></div>`;
}
