/**
 * The chooser (in widget-ui.js; when it cannot load, widget.js opens the first app itself,
 * ../fallback-chat.ts): a title, a localised close button, a link per app with its glyph,
 * styles adopted by the button's shadow root (no `<style>`: a strict CSP would refuse it), and
 * the arrow keys, Home and End moving between the apps as in a menu (Tab and Shift+Tab still do;
 * Esc closes the dialog). Logical properties and `dir` on the dialog keep it right to left in Arabic.
 */
import type { App } from "../channels";
import { qrStrings } from "../qr/qr-strings";
import { adoptStyles, appLink, appName } from "../runtime";
import { chooserStyles } from "./chooser-styles";
import { appIcon } from "./icon";
import { html } from "./lit";

/** What a chooser's link calls on click and middle click: the button opens that app's chat. */
export type Pick = (event: MouseEvent, app: App) => void;

const KEYS = ["ArrowDown", "ArrowUp", "Home", "End"];

/**
 * Arrow keys, Home and End move the focus between the links of the box they are pressed in
 * (wrapping around): the chooser's apps, the agents panel's agents.
 */
export function moveFocus(event: KeyboardEvent): void {
  const key = KEYS.indexOf(event.key);
  if (key < 0) return;
  const box = event.currentTarget as HTMLElement;
  const links = [...box.querySelectorAll("a")];
  const at = links.indexOf((box.getRootNode() as ShadowRoot).activeElement as HTMLAnchorElement);
  const n = links.length;
  const next = key === 0 ? at + 1 : key === 1 ? at - 1 : key === 2 ? 0 : n - 1;
  links[(next + n) % n]?.focus();
  event.preventDefault();
}

/** The chooser's content: the apps' links under `title` (the dialog's `aria-labelledby`). */
export function chooser(
  host: HTMLElement,
  apps: App[],
  lang: string,
  title: string,
  pick: Pick,
  close: () => void,
) {
  if (host.shadowRoot) adoptStyles(host.shadowRoot, chooserStyles);
  // The first app has the focus when the dialog opens (showModal honours autofocus).
  const links = apps.map(
    (app, i) =>
      html`<li><a part="app" href=${appLink(app)} target="_blank" rel="noopener" ?autofocus=${!i} @click=${(e: MouseEvent) => pick(e, app)} @auxclick=${(e: MouseEvent) => pick(e, app)}>${appIcon(app.channel)}<span>${appName(lang, app.channel)}</span></a></li>`,
  );
  return html`<div class="box" @keydown=${moveFocus}><header><h2 id="t">${title}</h2><button part="close" aria-label=${qrStrings(lang).close} @click=${close}>×</button></header><ul part="apps">${links}</ul></div>`;
}
