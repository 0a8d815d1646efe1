/**
 * How every style of the widget and of widget-qr.js reaches a shadow root: an adopted,
 * constructable stylesheet, never a `<style>` element or a `style=` attribute, so a page whose CSP
 * has `style-src 'self'` (no 'unsafe-inline') renders the widget as any other page does. Where a
 * browser lacks constructable stylesheets (Safari < 16.4), a `<style>` carrying the nonce of
 * widget.js's tag is the fallback; such a page needs that nonce in `style-src`
 * (widget/README.md, "Content-Security-Policy").
 */
import { getConfig } from "./config";

/** One sheet per text, shared by every shadow root that adopts it. */
const sheets = new Map<string, CSSStyleSheet>();

/** Adds `css` to `root`'s styles, once however often it is called. */
export function adoptStyles(root: ShadowRoot, css: string): void {
  try {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    if (!root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  } catch {
    if ([...root.querySelectorAll("style")].some((s) => s.textContent === css)) return;
    const style = document.createElement("style");
    style.nonce = getConfig().nonce;
    style.textContent = css;
    // First in the root: lit-html owns (and clears) everything after its marker.
    root.prepend(style);
  }
}
