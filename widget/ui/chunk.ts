/**
 * widget-ui.js entry (an IIFE built by vite.config.ts, loaded by widget.js's chunk-loader.ts the
 * first time a dialog or a QR is needed): registers lit-html and the dialog on
 * `window.__chatref.ui`. Runs nothing else at load, so including it twice, or without widget.js,
 * is harmless.
 */

// Evaluated first (a side-effect import stays in place): lit-html asks for its Trusted Types
// policy while it is evaluated, and gets the widget's `chatref` policy.
import "./lend-policy";
import { qrStrings, withApp } from "../qr/qr-strings";
import { chooser, moveFocus } from "./chooser";
import { openDialog, webLink } from "./dialog";
import { appIcon } from "./icon";
import { html, nothing, render, svg } from "./lit";
import type * as shared from "./shared";

const host = window.__chatref;
if (host && !host.ui) {
  // A plain object (smaller than a module namespace), typed so it cannot drift from shared.ts.
  const ui: typeof shared = {
    appIcon,
    chooser,
    html,
    moveFocus,
    nothing,
    openDialog,
    qrStrings,
    render,
    svg,
    webLink,
    withApp,
  };
  host.ui = ui;
}
