/** What widget-optin.js registers on `window.__chatref.optin` (see ../chunk-api.ts). Types only. */
import type { OptinBeacon } from "../protocol/click-beacon";

/** widget-optin.js: the opt-in checkbox. */
export interface OptinChunk {
  /** The checkbox and its label (`required` or optional) in `lang`, styled in `root`. */
  box(root: ShadowRoot, required: boolean, lang: string): Element;
  /** The click beacon's opt-in: the box's state, the text shown in `lang` and its version. */
  beacon(checked: boolean, lang: string): OptinBeacon;
}
