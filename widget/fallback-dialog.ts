/**
 * The dialog `<chatref-button>` opens when widget-ui.js did not load (chunk-loader.ts reported
 * it): drawn with DOM APIs, unstyled but modal, it offers the chat link (the QR panel's
 * fallback) or a link per app under a title (the chooser's), and a close button. Each link is a
 * real link to its app; a chooser's link calls `pick`, which mints the ref as a one-app button.
 */

import { direction } from "./i18n";
import { make } from "./plain-button";

/** One link of the dialog: the panel's chat link (`web`), or one app of the chooser (`app`). */
export interface FallbackLink {
  part: "web" | "app";
  href: string;
  text: string;
  /** Called on click (a chooser's link); without it, the click closes the dialog. */
  pick?: (event: MouseEvent) => void;
}

/** Opens the fallback dialog in `host`'s shadow root; `title` heads a chooser. */
export function fallbackDialog(
  host: HTMLElement,
  lang: string,
  links: FallbackLink[],
  title?: string,
): void {
  const root = host.shadowRoot;
  if (!root) return;
  // Named by its title, else by its one link; showModal() makes it modal to assistive
  // technology too (no aria-modal needed).
  const dialog = make("dialog", {
    part: "panel",
    "aria-label": title ?? links[0]?.text ?? "",
    lang,
    dir: direction(lang),
  }) as HTMLDialogElement;
  const close = () => dialog.close();
  if (title) {
    const h2 = make("h2", {});
    h2.textContent = title;
    dialog.append(h2);
  }
  for (const link of links) {
    const a = make("a", { part: link.part, href: link.href, target: "_blank", rel: "noopener" });
    a.textContent = link.text;
    a.addEventListener("click", (e) => (link.pick ? link.pick(e as MouseEvent) : close()));
    dialog.append(a, " ");
  }
  const button = make("button", { part: "close" });
  button.textContent = "×";
  button.addEventListener("click", close);
  dialog.append(button);
  // A click whose target is the dialog itself landed on the backdrop.
  dialog.addEventListener("click", (e) => e.target === dialog && close());
  dialog.addEventListener("close", () => {
    dialog.remove();
    root.querySelector<HTMLElement>(".btn")?.focus();
  });
  root.querySelector("dialog")?.remove();
  root.append(dialog);
  dialog.showModal();
}
