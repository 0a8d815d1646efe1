/**
 * The chooser's widget.js part, shown in `<chatref-button>`'s dialog when several apps are
 * configured. widget-qr.js draws the chooser (qr/chooser.ts: title, close button, the apps'
 * links with their glyphs, arrow keys, styles); widget.js keeps only this fallback for when that
 * chunk failed to load: a plain title, a link per app and a close button. Each link is a real
 * link to its app whose tap (`pick`) mints the ref, as a one-app button does.
 */
import { html, type TemplateResult } from "lit/html.js";
import { type App, appLink } from "./channels";
import { appName } from "./i18n";
import type { QrChunk } from "./qr/chunk-api";

/** What a chooser's link calls on click and middle click. */
export type Pick = (event: MouseEvent, app: App) => void;

/** The chooser's content: widget-qr.js's when `qr` is loaded, else the plain fallback. */
export function chooserContent(
  host: HTMLElement,
  apps: App[],
  lang: string,
  title: string,
  pick: Pick,
  close: () => void,
  qr?: QrChunk,
): TemplateResult {
  if (qr) return qr.chooser(host, apps, lang, title, pick, close);
  return html`<h2 id="t">${title}</h2>${apps.map(
    (app) => html`<a part="app" href=${appLink(app)} target="_blank" rel="noopener"
@click=${(e: MouseEvent) => pick(e, app)}>${appName(lang, app.channel)}</a> `,
  )}<button part="close" @click=${close}>×</button>`;
}
