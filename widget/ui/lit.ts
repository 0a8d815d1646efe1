/** The lit-html that widget-ui.js bundles (and lends to widget-qr.js through shared.ts). */
export { html, nothing, render, svg } from "lit/html.js";
