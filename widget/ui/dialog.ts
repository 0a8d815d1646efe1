/**
 * The modal `<dialog>` that `<chatref-button>` opens for the chooser and the desktop QR panel
 * (in widget-ui.js). It lives in the button's shadow root: the top layer (no layout shift,
 * nothing on the page can cover it), and native `showModal()` gives the dialog role,
 * `aria-modal`, the focus move and trap, and Esc. Opening it again while open replaces its
 * content (a chooser's pick on a desktop becomes that app's QR panel, focused on its close button). Closing it (close button,
 * Esc, backdrop, a link) removes it and gives the focus back to the button.
 */
import type { TemplateResult } from "lit/html.js";
import { adoptStyles, direction, reportError } from "../runtime";
import { dialogStyles } from "./dialog-styles";
import { html, nothing, render } from "./lit";

/** A panel's content when widget-qr.js did not load: the chat link and a close button. */
export function webLink(url: string, label: string, close: () => void) {
  return html`<a id="t" part="web" href=${url} target="_blank" rel="noopener" @click=${close}
>${label}</a> <button part="close" @click=${close}>×</button>`;
}

/** Renders `content` (given the dialog's `close`) in `host`'s modal dialog and opens it. */
export function openDialog(
  host: HTMLElement,
  lang: string,
  content: (close: () => void) => TemplateResult,
): void {
  const root = host.shadowRoot;
  if (!root) return;
  const close = () => root.querySelector("dialog")?.close();
  // A click whose target is the dialog itself landed on the backdrop (the content fills it).
  const backdrop = (e: Event) => e.target === e.currentTarget && close();
  const closed = () => {
    render(nothing, root);
    root.querySelector<HTMLElement>(".btn")?.focus();
  };
  try {
    adoptStyles(root, dialogStyles);
    render(
      html`<dialog part="panel" aria-labelledby="t" aria-describedby="d" aria-modal="true"
lang=${lang} dir=${direction(lang)} @click=${backdrop} @close=${closed}>${content(close)}</dialog>`,
      root,
      { host },
    );
    const dialog = root.querySelector("dialog");
    if (dialog && !dialog.open) dialog.showModal();
    // New content in the open dialog (a desktop pick turned the chooser into that app's QR
    // panel): the picked link is gone, so the focus goes to the close button.
    else root.querySelector<HTMLElement>("[part=close]")?.focus();
  } catch (error) {
    reportError(host, "internal", `could not open the dialog: ${error}`);
    render(nothing, root);
  }
}
