/**
 * What widget-ui.js registers on `window.__chatref.ui`: its one copy of lit-html, the dialog
 * around the chooser and the QR panel, the chooser and its arrow keys, the app glyphs and the
 * dialogs' texts.
 * widget.js calls `openDialog` and `chooser`; widget-qr.js's build maps every import of this
 * module to that object (vite.config.ts), so it bundles no second lit-html.
 */
export { qrStrings, withApp } from "../qr/qr-strings";
export { chooser, moveFocus } from "./chooser";
export { openDialog, webLink } from "./dialog";
export { appIcon } from "./icon";
export { html, nothing, render, svg } from "./lit";
