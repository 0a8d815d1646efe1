/**
 * widget-optin.js entry (an IIFE built by vite.config.ts, loaded by chatref-button.ts when it
 * first draws a button with an opt-in box): registers the box on `window.__chatref.optin`. Runs
 * nothing else at load, so including it twice, or without widget.js, is harmless.
 */
import { beacon, box } from "./box";

const host = window.__chatref;
if (host && !host.optin) host.optin = { box, beacon };
