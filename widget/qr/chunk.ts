/**
 * widget-qr.js entry (the QR encoder and the chooser's looks) (an IIFE built next to widget.js, see vite.config.ts): registers the QR
 * renderer on `window.__chatref.qr`, where widget.js's loader finds it. Runs nothing else at
 * load, so including it twice, or without widget.js, is harmless.
 */
import { chooser } from "./chooser";
import { panel } from "./panel";
import { show } from "./qr-view";

const host = window.__chatref;
if (host && !host.qr) host.qr = { show, panel, chooser };
