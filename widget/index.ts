/**
 * widget.js entry (an IIFE): reads the script tag's `data-*`, records the visit's touch in
 * first-party storage (no network), defines `<chatref-button>` and `<chatref-qr>` and mounts the
 * floating button. Safe to include twice (global guard, guarded define) and never throws into
 * the page. The QR encoder is not here: widget-qr.js is loaded when a QR is first shown.
 */

// Evaluated first (a side-effect import stays in place): it answers the request for a Trusted
// Types policy that lit-html makes while it loads.
import "./trusted-types";
import { html, render } from "lit/html.js";
import { appLink, checkApps, configuredApps } from "./channels";
import { appIcon } from "./chat-icon";
import { ChatrefButton } from "./chatref-button";
import { ChatrefQr } from "./chatref-qr";
import { findScript, readConfig, setConfig, type WidgetConfig } from "./config";
import { readCookieIds } from "./cookies";
import { reportError } from "./events";
import { appName } from "./i18n";
import { announceChat, prepareChat } from "./open-chat";
import type * as runtime from "./runtime";
import { NO_APP, resolveSettings } from "./settings";
import { adoptStyles } from "./styles";
import { readPageTouch } from "./touch";
import { recordPageView } from "./touch-store";
import { blocked, TT_HINT } from "./trusted-types";

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
  // The first copy that runs owns the page; it also lends widget-qr.js its runtime: a plain
  // object (smaller than a module namespace), typed so it cannot drift from runtime.ts.
  if (window.__chatref) return;
  const rt: typeof runtime = {
    adoptStyles,
    announceChat,
    appIcon,
    appLink,
    appName,
    html,
    prepareChat,
    NO_APP,
    render,
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
  if (blocked)
    reportError(target, "trusted_types", `${TT_HINT} (the button is a plain link until then)`);
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
