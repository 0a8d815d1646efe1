/** What widget-greet.js registers on `window.__chatref.greet` (see ../chunk-api.ts). Types only. */

/** widget-greet.js: the greeting bubble. */
export interface GreetChunk {
  /** Shows the greeting `text` ("" for the localised default) above the floating `host`. */
  show(host: HTMLElement, text: string): void;
}
