/** An app's glyph (../chat-icon.ts) as a lit-html template, for the chooser and the QR panel. */
import type { Channel } from "../protocol/click-beacon";
import { appIconPath } from "../runtime";
import { svg } from "./lit";

/** The glyph of `channel` as inline SVG, hidden from assistive technology (the label names it). */
export function appIcon(channel?: Channel) {
  return svg`<svg part="icon" viewBox="0 0 72 72" aria-hidden="true" fill="currentColor"><path d=${appIconPath(channel)}></path></svg>`;
}
