/**
 * widget-greet.js entry (an IIFE built by vite.config.ts, loaded by widget.js's greeting.ts when
 * a greeting is due): registers the greeting bubble on `window.__chatref.greet`. Runs nothing
 * else at load, so including it twice, or without widget.js, is harmless.
 */
import { show } from "./bubble";

const host = window.__chatref;
if (host && !host.greet) host.greet = { show };
