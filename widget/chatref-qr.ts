/**
 * `<chatref-qr>`: a QR code of the chat link, drawn as inline SVG. This file is the small part
 * that lives in widget.js: it defines the element (so any `<chatref-qr>`, added at any time, is
 * caught), reserves its square, and watches whether it is on screen. The first time it is, it
 * loads widget-qr.js (after widget-ui.js, whose lit-html it uses), which draws the code and, for an inline QR, mints the ref and sends its
 * beacon once it has been visible for 2 s or at `pagehide` (see qr/qr-view.ts).
 *
 * Attributes (read when the code is first shown): `number`, `lang`, `message`, `channel` (as on
 * `<chatref-button>`; without `channel`, the first app configured), `label` (accessible name),
 * `value` (encode this text instead: no ref, no beacon). Theme: `--chatref-qr-size`, `--chatref-qr-fg`, `--chatref-qr-bg`, `::part(qr)`.
 */
import { loadChunk } from "./chunk-loader";
import { adoptStyles } from "./styles";

/** Share of the element that must be in the viewport for it to count as shown. */
const SHOWN_RATIO = 0.5;

/** The reserved square; `all: initial` keeps the page's inherited properties out. */
const HOST_STYLE =
  ":host{all:initial;display:inline-block;vertical-align:middle;width:var(--chatref-qr-size,176px);aspect-ratio:1;visibility:inherit}:host([hidden]){display:none}";

let observer: IntersectionObserver | undefined;

function watch(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      // One threshold: crossing it either way reports, and the first report comes on observe.
      for (const entry of entries) {
        (entry.target as ChatrefQr)._seen(entry.intersectionRatio >= SHOWN_RATIO);
      }
    },
    { threshold: SHOWN_RATIO },
  );
  return observer;
}

/** QR code of a chat link; fires `chatref:click` (placement `inline_qr`) and `chatref:error`. */
export class ChatrefQr extends HTMLElement {
  /** Shown at least once (undefined until then: no class field, fewer bytes). */
  declare private _started: boolean | undefined;

  connectedCallback(): void {
    // Sized before widget-qr.js arrives, so drawing the code shifts no layout.
    if (!this.shadowRoot) adoptStyles(this.attachShadow({ mode: "open" }), HOST_STYLE);
    watch().observe(this);
  }

  disconnectedCallback(): void {
    watch().unobserve(this);
    this._seen(false);
  }

  /** Called by the visibility observer; the chunk is loaded when the code is first on screen. */
  _seen(shown: boolean): void {
    if (!shown && !this._started) return;
    this._started = true;
    loadChunk("qr", this).then(
      (chunk) => chunk.show(this, shown),
      () => {
        // Reported once by the loader; the element stays an empty square.
      },
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "chatref-qr": ChatrefQr;
  }
}
