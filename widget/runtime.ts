/**
 * What widget.js lends its chunks, so they use the widget's one copy of its state (configuration,
 * stored touch) and of its code instead of bundling their own. widget.js puts these exports on
 * `window.__chatref.rt` (index.ts, typed against this module); each chunk's build maps every
 * import of this module to that object (see vite.config.ts). Only what the chunks need is listed.
 */
export { appLink } from "./channels";
export { appIconPath } from "./chat-icon";
export { getConfig } from "./config";
export { reportError } from "./events";
export { appName, direction } from "./i18n";
export { announceChat, prepareChat } from "./open-chat";
export { make } from "./plain-button";
export { NO_APP, resolveSettings } from "./settings";
export { adoptStyles } from "./styles";
export { lendPolicy } from "./trusted-types";
