/**
 * Loads a lazily built chunk (`widget-<name>.js`, see vite.config.ts CHUNKS) the first time it is
 * needed: a classic `<script src>` next to widget.js (no CORS needed, the page's CSP nonce is
 * passed on, the URL goes through the `chatref` Trusted Types policy), which registers itself on
 * `window.__chatref[name]`. A chunk that reads another's code (widget-qr.js reads widget-ui.js's
 * lit-html) is injected after that one has loaded. Times out after `CHUNK_TIMEOUT_MS`; a failure
 * is one `chatref:error` (`<name>_unavailable`) and the next use tries again. Where the page refused
 * the policy nothing is tried at all (`trusted_types`).
 */
import type { ChunkName, Chunks } from "./chunk-api";
import { chunkSrc, getConfig } from "./config";
import { type ChatrefErrorCode, reportError } from "./events";
import { blocked, policy, TT_HINT } from "./trusted-types";

/** How long a chunk may take to load before the widget gives up on it. */
export const CHUNK_TIMEOUT_MS = 5000;

/** The chunk a chunk needs loaded first: widget-qr.js and widget-agents.js read widget-ui.js's lit-html. */
const NEEDS: Partial<Record<ChunkName, ChunkName>> = { qr: "ui", agents: "ui" };

const pending: Partial<Record<ChunkName, Promise<unknown>>> = {};

function inject<N extends ChunkName>(name: N): Promise<Chunks[N]> {
  return new Promise((resolve, reject) => {
    const src = chunkSrc(name);
    const script = document.createElement("script");
    // Called on load, on error and on timeout: whichever comes first settles the promise.
    const done = () => {
      clearTimeout(timer);
      const chunk = window.__chatref?.[name];
      if (chunk) return resolve(chunk as Chunks[N]);
      script.remove();
      reject(new Error(`could not load ${src} in ${CHUNK_TIMEOUT_MS} ms`));
    };
    const timer = setTimeout(done, CHUNK_TIMEOUT_MS);
    script.onload = script.onerror = done;
    script.async = true;
    script.nonce = getConfig().nonce;
    // A TrustedScriptURL where the browser has Trusted Types (a string where the page would refuse
    // one would throw, and `blocked` keeps us from getting here).
    script.src = policy ? policy.createScriptURL(src) : src;
    document.head.append(script);
  });
}

/** The chunk `name`, loaded once; `target` fires the `chatref:error` when loading fails. */
export function loadChunk<N extends ChunkName>(name: N, target: EventTarget): Promise<Chunks[N]> {
  const chunk = window.__chatref?.[name];
  if (chunk) return Promise.resolve(chunk as Chunks[N]);
  if (blocked) {
    reportError(target, "trusted_types", TT_HINT);
    return Promise.reject(new Error(TT_HINT));
  }
  const needs = NEEDS[name];
  pending[name] ??= (
    needs ? loadChunk(needs, target).then(() => inject(name)) : inject(name)
  ).catch((error: Error) => {
    pending[name] = undefined;
    // A chunk this one needs has reported its own failure.
    if (!needs || window.__chatref?.[needs])
      reportError(target, `${name}_unavailable` as ChatrefErrorCode, error.message);
    throw error;
  });
  return pending[name] as Promise<Chunks[N]>;
}
