/**
 * widget.js entry (an IIFE): reads the script tag's `data-*`, records the visit's touch in
 * first-party storage (no network), defines `<chatref-button>` and `<chatref-qr>` and mounts the
 * floating button. Safe to include twice (global guard, guarded define) and never throws into
 * the page. What the first paint and a tap on a phone do not need is not here: widget-ui.js
 * (lit-html, the dialog, the chooser), widget-qr.js (the QR encoder, `<chatref-qr>` once
 * connected) and widget-greet.js (the greeting's trigger and bubble, after the page's load on a
 * page with `data-greeting`) load when needed (chunk-loader.ts). In a single-page app each history
 * navigation reads the touch again and re-applies the page rules (spa.ts, page-rules.ts).
 */

import { appLink, checkApps, configuredApps } from "./channels";
import { appIconPath } from "./chat-icon";
import { ChatrefButton } from "./chatref-button";
import { ChatrefQr } from "./chatref-qr";
import { findScript, getConfig, readConfig, setConfig, type WidgetConfig } from "./config";
import { readCookieIds } from "./cookies";
import { NO_SITE, reportError } from "./events";
import { scheduleGreeting } from "./greeting";
import { appName, direction } from "./i18n";
import { announceChat, prepareChat } from "./open-chat";
import { pageAllowed } from "./page-rules";
import { make } from "./plain-button";
import type * as runtime from "./runtime";
import { NO_APP, resolveSettings } from "./settings";
import { onNavigate } from "./spa";
import { adoptStyles } from "./styles";
import { readPageTouch } from "./touch";
import { recordPageView } from "./touch-store";
import { blocked, lendPolicy, TT_HINT } from "./trusted-types";

// `document.currentScript` is only set while this file's top level runs: read it now.
const script = findScript();

/** Records the touch of the page at `location` (`referrer`: where the visitor came from). */
function recordTouch(referrer: string): void {
  const now = Date.now();
  recordPageView(readPageTouch(location.href, referrer, readCookieIds(), now), now);
}

/**
 * Creates the floating button, puts it on the page where the page rules allow it and arms its
 * greeting; returns what re-applies the rules after a history navigation.
 */
function mountFloating(config: WidgetConfig): () => void {
  const button = document.createElement("chatref-button");
  button.setAttribute("floating", config.position);
  const { data } = config;
  const apply = () => {
    if (!pageAllowed(location.pathname, data)) return button.remove();
    if (!button.isConnected) document.body.append(button);
  };
  if (document.body) apply();
  else document.addEventListener("DOMContentLoaded", apply, { once: true });
  scheduleGreeting(button, data);
  return apply;
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
    getConfig,
    lendPolicy,
    make,
    prepareChat,
    NO_APP,
    reportError,
    resolveSettings,
  };
  window.__chatref = { rt };
  const config = readConfig(script);
  setConfig(config);
  recordTouch(document.referrer);
  // A single-page app's navigation: the URL may carry new campaign tags; the previous page is
  // the referrer (an internal one, so only tags or click ids make a new touch).
  let href = location.href;
  let apply: (() => void) | undefined;
  onNavigate(() => {
    if (location.href === href) return;
    recordTouch(href);
    href = location.href;
    apply?.();
  });
  if (!customElements.get("chatref-button")) customElements.define("chatref-button", ChatrefButton);
  if (!customElements.get("chatref-qr")) customElements.define("chatref-qr", ChatrefQr);
  const target = script?.isConnected ? script : document;
  checkApps(config, target);
  // The button is a plain link until the page allows the policy (widget/README.md).
  if (blocked) reportError(target, "trusted_types", TT_HINT);
  if (!config.site) reportError(target, "missing_site", NO_SITE);
  if (config.position === "none") return;
  if (configuredApps(config, config.number).length) apply = mountFloating(config);
  else reportError(target, "missing_number", `widget.js: ${NO_APP}`);
}

try {
  init();
} catch (error) {
  reportError(script?.isConnected ? script : document, "internal", `init failed: ${error}`);
}
