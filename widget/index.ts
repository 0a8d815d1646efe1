/**
 * widget.js entry (an IIFE): reads the script tag's `data-*`, records the visit's touch in
 * first-party storage (no network), defines `<chatref-button>` and `<chatref-qr>` and mounts the
 * floating button. Safe to include twice (global guard, guarded define) and never throws into
 * the page. What the first paint and a tap on a phone do not need is not here: widget-ui.js
 * (lit-html, the dialog, the chooser) and widget-qr.js (the QR encoder) load when first needed
 * (chunk-loader.ts).
 */

import { appLink, checkApps, configuredApps } from "./channels";
import { appIconPath } from "./chat-icon";
import { ChatrefButton } from "./chatref-button";
import { ChatrefQr } from "./chatref-qr";
import { findScript, readConfig, setConfig, type WidgetConfig } from "./config";
import { readCookieIds } from "./cookies";
import { reportError } from "./events";
import { appName, direction } from "./i18n";
import { announceChat, prepareChat } from "./open-chat";
import type * as runtime from "./runtime";
import { NO_APP, resolveSettings } from "./settings";
import { adoptStyles } from "./styles";
import { readPageTouch } from "./touch";
import { recordPageView } from "./touch-store";
import { blocked, lendPolicy, TT_HINT } from "./trusted-types";

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
  // The first copy that runs owns the page; it also lends the chunks its runtime: a plain
  // object (smaller than a module namespace), typed so it cannot drift from runtime.ts.
  if (window.__chatref) return;
  const rt: typeof runtime = {
    adoptStyles,
    announceChat,
    appIconPath,
    appLink,
    appName,
    direction,
    lendPolicy,
    prepareChat,
    NO_APP,
    reportError,
    resolveSettings,
  };
  window.__chatref = { rt };
  const config = readConfig(script);
  setConfig(config);
  const now = Date.now();
  recordPageView(readPageTouch(location.href, document.referrer, readCookieIds(), now), now);
  if (!customElements.get("chatref-button")) customElements.define("chatref-button", ChatrefButton);
  if (!customElements.get("chatref-qr")) customElements.define("chatref-qr", ChatrefQr);
  const target = script?.isConnected ? script : document;
  checkApps(config, target);
  // The button is a plain link until the page allows the policy (widget/README.md).
  if (blocked) reportError(target, "trusted_types", TT_HINT);
  if (!config.site) reportError(target, "missing_site", 'widget.js needs data-site="<site key>"');
  if (config.position === "none") return;
  if (configuredApps(config, config.number).length) mountFloating(config);
  else reportError(target, "missing_number", `widget.js: ${NO_APP}`);
}

try {
  init();
} catch (error) {
  reportError(script?.isConnected ? script : document, "internal", `init failed: ${error}`);
}
