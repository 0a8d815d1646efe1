/**
 * widget-greet.js entry (an IIFE built by vite.config.ts, loaded by widget.js's greeting.ts after
 * the page's load on a page with `data-greeting`): registers the greeting's trigger and bubble on
 * `window.__chatref.greet`. Runs nothing else at load, so including it twice, or without
 * widget.js, is harmless.
 */
import { arm } from "./trigger";

const host = window.__chatref;
if (host && !host.greet) host.greet = { arm };
