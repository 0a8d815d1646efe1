/** What widget-qr.js registers on `window.__chatref.qr` (see ../chunk-api.ts). Types only. */
import type { TemplateResult } from "lit/html.js";
import type { PreparedChat } from "../open-chat";

/** widget-qr.js: the QR encoder, the desktop panel's content and `<chatref-qr>`'s drawing. */
export interface QrChunk {
  /**
   * Told by a `<chatref-qr>` each time it is connected or disconnected (it reads `isConnected`):
   * watches it while connected; the first time it is on screen the QR is drawn (and, unless it
   * has a `value`, a ref is minted for it). See element.ts.
   */
  attach(host: HTMLElement): void;
  /**
   * The desktop panel's content for `chat`: title, close button, the QR of `chat.url`, the
   * instruction and the app's Web/Desktop link, with its styles. `close` closes the dialog;
   * `host` (the button) fires `chatref:error` if the code cannot be drawn.
   */
  panel(host: HTMLElement, chat: PreparedChat, title: string, close: () => void): TemplateResult;
}
