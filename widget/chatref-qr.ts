/**
 * `<chatref-qr>`: a QR code of the chat link, drawn as inline SVG. This file is the part that
 * lives in widget.js: a minimal element (defined at once, so any `<chatref-qr>`, added at any
 * time, is caught) that reserves its square and, when connected or disconnected, loads
 * widget-qr.js (after widget-ui.js, whose lit-html it uses) and hands itself over
 * (qr/element.ts): the chunk watches whether it is on screen, draws the code and, for an inline
 * QR, mints the ref and sends its beacon once it has been visible for 2 s or at `pagehide`
 * (qr/qr-view.ts). A page without a `<chatref-qr>` fetches nothing.
 *
 * Attributes (read when the code is first shown): `number`, `lang`, `message`, `channel` (as on
 * `<chatref-button>`; without `channel`, the first app configured), `label` (accessible name),
 * `value` (encode this text instead: no ref, no beacon). Theme: `--chatref-qr-size`, `--chatref-qr-fg`, `--chatref-qr-bg`, `::part(qr)`.
 */
import { loadChunk } from "./chunk-loader";
import { adoptStyles } from "./styles";

/**
 * The reserved square, drawn at once so that neither the chunk's arrival nor the code shifts the
 * layout (a page's `chatref-qr:not(:defined)` rule stops applying as soon as widget.js defines
 * the element); `all: initial` keeps the page's inherited properties out.
 */
const HOST_STYLE =
  ":host{all:initial;display:inline-block;vertical-align:middle;width:var(--chatref-qr-size,176px);aspect-ratio:1;visibility:inherit}:host([hidden]){display:none}";

/** QR code of a chat link; fires `chatref:click` (placement `inline_qr`) and `chatref:error`. */
export class ChatrefQr extends HTMLElement {
  connectedCallback(): void {
    if (!this.shadowRoot) adoptStyles(this.attachShadow({ mode: "open" }), HOST_STYLE);
    this._handOver();
  }

  disconnectedCallback(): void {
    this._handOver();
  }

  /** The chunk looks at `isConnected` when it arrives; a chunk that cannot load is reported. */
  _handOver(): void {
    loadChunk("qr", this).then(
      (qr) => qr.attach(this),
      () => {
        // Reported once by the loader; the element stays empty.
      },
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "chatref-qr": ChatrefQr;
  }
}
