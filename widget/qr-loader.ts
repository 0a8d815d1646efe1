/**
 * Loads widget-qr.js (the QR encoder and renderer) the first time a QR is shown: a classic
 * `<script src>` next to widget.js (no CORS needed, the page's CSP nonce is passed on, the URL
 * goes through the `chatref` Trusted Types policy), which registers itself on
 * `window.__chatref.qr`. Times out after `QR_TIMEOUT_MS`; a failure is one `chatref:error`
 * (`qr_unavailable`) and the next QR tries again. Where the page refused the policy it is not
 * tried at all (`trusted_types`).
 */
import { getConfig } from "./config";
import { reportError } from "./events";
import type { QrChunk } from "./qr/chunk-api";
import { blocked, policy, TT_HINT } from "./trusted-types";

/** How long a QR waits for widget-qr.js before giving up. */
export const QR_TIMEOUT_MS = 5000;

let pending: Promise<QrChunk> | undefined;

function inject(): Promise<QrChunk> {
  return new Promise((resolve, reject) => {
    const { qrSrc, nonce } = getConfig();
    const script = document.createElement("script");
    // Called on load, on error and on timeout: whichever comes first settles the promise.
    const done = () => {
      clearTimeout(timer);
      const chunk = window.__chatref?.qr;
      if (chunk) return resolve(chunk);
      script.remove();
      reject(new Error(`could not load ${qrSrc} in ${QR_TIMEOUT_MS} ms`));
    };
    const timer = setTimeout(done, QR_TIMEOUT_MS);
    script.onload = script.onerror = done;
    script.async = true;
    script.nonce = nonce;
    // A TrustedScriptURL where the browser has Trusted Types (a string where the page would refuse
    // one would throw, and `blocked` keeps us from getting here).
    script.src = policy ? policy.createScriptURL(qrSrc) : qrSrc;
    document.head.append(script);
  });
}

/** widget-qr.js, loaded once; `target` fires the `chatref:error` when loading fails. */
export function loadQr(target: EventTarget): Promise<QrChunk> {
  const chunk = window.__chatref?.qr;
  if (chunk) return Promise.resolve(chunk);
  if (blocked) {
    reportError(target, "trusted_types", TT_HINT);
    return Promise.reject(new Error(TT_HINT));
  }
  pending ??= inject().catch((error: Error) => {
    pending = undefined;
    reportError(target, "qr_unavailable", error.message);
    throw error;
  });
  return pending;
}
