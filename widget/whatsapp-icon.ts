/**
 * The WhatsApp glyph (Simple Icons, CC0; coordinates rounded to 0.1 of 24 units, invisible at
 * button size and 40% fewer gzip bytes) as a decorative, `currentColor` SVG.
 */
import { svg } from "lit/html.js";

/** The glyph's path in a 24×24 viewBox (plain-button.ts draws it without lit-html). */
export const ICON_PATH =
  "m17.5 14.4c-.3-.2-1.8-.9-2.1-1c-.2-.1-.4-.1-.6.2c-.2.3-.8.9-1 1.1c-.1.2-.3.3-.6.1c-.3-.1-1.3-.5-2.4-1.5c-.9-.8-1.5-1.7-1.7-2c-.1-.3 0-.5.2-.6c.1-.2.3-.4.4-.6c.2-.1.2-.3.3-.5c.1-.2.1-.3 0-.5c-.1-.1-.7-1.6-.9-2.2c-.3-.6-.5-.5-.7-.5h-.6c-.2 0-.5.1-.8.4c-.2.3-1 1-1 2.5c0 1.4 1.1 2.8 1.2 3c.2.2 2.1 3.2 5.1 4.5c.7.3 1.3.5 1.7.6c.7.3 1.4.2 1.9.2c.5-.1 1.7-.8 2-1.5c.2-.7.2-1.2.1-1.4c0-.1-.2-.2-.5-.3m-5.5 7.4a9.9 9.9 0 0 1-5-1.4l-.3-.2l-3.8 1l1-3.7l-.2-.3a9.9 9.9 0 0 1-1.5-5.3c0-5.5 4.4-9.9 9.9-9.9c2.6 0 5.1 1 6.9 2.9a9.8 9.8 0 0 1 2.9 7c0 5.5-4.4 9.9-9.9 9.9m8.5-18.3a11.8 11.8 0 0 0-8.4-3.5c-6.6 0-11.9 5.3-11.9 11.9c0 2.1.5 4.1 1.5 5.9l-1.6 6.2l6.3-1.7a11.9 11.9 0 0 0 5.6 1.5h.1c6.5 0 11.8-5.3 11.8-11.9a11.8 11.8 0 0 0-3.4-8.4z";

/** Inline SVG, hidden from assistive technology (the label names the link). */
export const whatsappIcon = svg`<svg part="icon" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d=${ICON_PATH}></path></svg>`;
