/**
 * The chooser (in widget-qr.js, so widget.js carries only a plain fallback, see ../chooser.ts):
 * a title, a localised close button, a link per app with its glyph, styles adopted by the
 * button's shadow root (no `<style>`: a strict CSP would refuse it), and the arrow keys, Home
 * and End moving between the apps as in a menu (Tab and Shift+Tab still do; Esc closes the
 * dialog). Logical properties and `dir` on the dialog keep it right to left in Arabic.
 */
import type { App } from "../channels";
import { adoptStyles, appIcon, appLink, appName, html } from "../runtime";
import { chooserStyles } from "./chooser-styles";
import type { Chooser } from "./chunk-api";
import { panelStyles } from "./panel-styles";
import { qrStrings } from "./qr-strings";

const KEYS = ["ArrowDown", "ArrowUp", "Home", "End"];

/** Arrow keys, Home and End move the focus between the apps' links (wrapping around). */
function moveFocus(event: KeyboardEvent): void {
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

/** `QrChunk.chooser`: the apps' links under `title` (the dialog's `aria-labelledby`). */
export const chooser: Chooser = (host, apps, lang, title, pick, close) => {
  if (host.shadowRoot) adoptStyles(host.shadowRoot, panelStyles + chooserStyles);
  // A desktop pick stays on the page and turns the chooser into the app's QR panel: the picked
  // link is gone then, so the focus goes to the panel's close button once it is drawn.
  const go = (e: MouseEvent, app: App) => {
    pick(e, app);
    if (e.defaultPrevented)
      requestAnimationFrame(() =>
        host.shadowRoot?.querySelector<HTMLElement>("[part=close]")?.focus(),
      );
  };
  // The first app has the focus when the dialog opens (showModal honours autofocus).
  const links = apps.map(
    (app, i) =>
      html`<li><a part="app" href=${appLink(app)} target="_blank" rel="noopener" ?autofocus=${!i} @click=${(e: MouseEvent) => go(e, app)} @auxclick=${(e: MouseEvent) => go(e, app)}>${appIcon(app.channel)}<span>${appName(lang, app.channel)}</span></a></li>`,
  );
  return html`<div class="box" @keydown=${moveFocus}><header><h2 id="t">${title}</h2><button part="close" aria-label=${qrStrings(lang).close} @click=${close}>×</button></header><ul part="apps">${links}</ul></div>`;
};
