/**
 * widget.js entry (an IIFE): reads the script tag's `data-*`, records the visit's touch in
 * first-party storage (no network), defines `<chatref-button>` and mounts the floating button.
 * Safe to include twice (global guard, guarded define) and never throws into the page.
 */
import { ChatrefButton } from "./chatref-button";
import { findScript, readConfig, setConfig, type WidgetConfig } from "./config";
import { readCookieIds } from "./cookies";
import { reportError } from "./events";
import { readPageTouch } from "./touch";
import { recordPageView } from "./touch-store";

/** Set on `window` by the first copy of the widget that runs. */
const GUARD = "__chatref";

// `document.currentScript` is only set while this file's top level runs: read it now.
const script = findScript();

function mountFloating(config: WidgetConfig): void {
  const mount = () => {
    const button = document.createElement("chatref-button");
    button.setAttribute("floating", config.position);
    document.body.append(button);
  };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
}

function init(): void {
  const global = window as unknown as Record<string, unknown>;
  if (global[GUARD]) return;
  global[GUARD] = true;
  const config = readConfig(script);
  setConfig(config);
  const now = Date.now();
  recordPageView(readPageTouch(location.href, document.referrer, readCookieIds(), now), now);
  if (!customElements.get("chatref-button")) customElements.define("chatref-button", ChatrefButton);
  const target = script?.isConnected ? script : document;
  if (!config.site) reportError(target, "missing_site", 'widget.js needs data-site="<site key>"');
  if (config.position === "none") return;
  if (config.number) mountFloating(config);
  else reportError(target, "missing_number", 'widget.js needs data-number="<WhatsApp number>"');
}

try {
  init();
} catch (error) {
  reportError(script?.isConnected ? script : document, "internal", `init failed: ${error}`);
}
