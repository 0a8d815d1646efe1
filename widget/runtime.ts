/**
 * What widget.js lends widget-qr.js, so the QR chunk uses the widget's one copy of Lit, of its
 * state (configuration, stored touch) and of its code instead of bundling its own. widget.js puts
 * these exports on `window.__chatref.rt` (index.ts, typed against this module); the chunk's build
 * maps every import of this module to that object (see vite.config.ts). Only what the chunk
 * needs is listed here.
 */
export { html, render } from "lit/html.js";
export { appLink } from "./channels";
export { appIcon } from "./chat-icon";
export { reportError } from "./events";
export { appName } from "./i18n";
export { announceChat, prepareChat } from "./open-chat";
export { NO_APP, resolveSettings } from "./settings";
export { adoptStyles } from "./styles";
