/**
 * widget-qr.js entry (the QR encoder, the desktop panel's content and `<chatref-qr>` once
 * connected: its visibility and drawing; an IIFE built next to widget.js, see vite.config.ts):
 * registers the QR renderer on `window.__chatref.qr`, where widget.js's chunk-loader.ts finds it.
 * Runs nothing else at load, so including it twice, or without widget.js, is harmless.
 */
import { attach } from "./element";
import { panel } from "./panel";

const host = window.__chatref;
// It reads widget-ui.js's lit-html: registered only where that is loaded (chunk-loader.ts).
if (host?.ui && !host.qr) host.qr = { attach, panel };
