/**
 * The contract between widget.js and widget-qr.js, both built from this repository at once
 * (the chunk's URL carries its content hash, so a page never mixes builds). Types only.
 */
import type { TemplateResult } from "lit/html.js";
import type { chooserContent } from "../chooser";
import type { PreparedChat } from "../open-chat";
import type * as runtime from "../runtime";

/** What widget-qr.js registers on `window.__chatref.qr`. */
export interface QrChunk {
  /**
   * Told by a `<chatref-qr>` each time it comes on or goes off screen. The first time it is on
   * screen the QR is drawn (and, unless it has a `value`, a ref is minted for it).
   */
  show(host: HTMLElement, visible: boolean): void;
  /**
   * The desktop panel's content for `chat`: title, close button, the QR of `chat.url`, the
   * instruction and the WhatsApp Web/Desktop link, with its styles. `close` closes the dialog;
   * `host` (the button) fires `chatref:error` if the code cannot be drawn.
   */
  panel(host: HTMLElement, chat: PreparedChat, title: string, close: () => void): TemplateResult;
  /**
   * The chooser's content: `title`, a close button in `lang`, and a link per app whose click
   * and middle click call `pick` (the button opens that app's chat), with arrow-key moves.
   */
  chooser: Chooser;
}

/** A chooser's content for `host`'s dialog: `chooserContent`'s arguments but its `qr`. */
export type Chooser = (...args: ChooserArgs) => TemplateResult;
type ChooserArgs =
  Required<Parameters<typeof chooserContent>> extends [...infer A, QrChunk] ? A : never;

/** `window.__chatref`: set by the first widget.js that runs (it doubles as the include guard). */
export interface ChatrefGlobal {
  rt: typeof runtime;
  qr?: QrChunk;
}

declare global {
  interface Window {
    __chatref?: ChatrefGlobal;
  }
}
