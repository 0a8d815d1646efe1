/**
 * `<chatref-button>`'s link, drawn with DOM APIs that are no Trusted Types sinks (createElement,
 * setAttribute, textContent; an `<a>`'s href is no sink), so widget.js needs no lit-html and a
 * page that refused the `chatref` policy (trusted-types.ts) gets the same styled link, icon and
 * label. optin/box.ts builds its elements with `make` too.
 */
const SVG = "http://www.w3.org/2000/svg";

/** An element with attributes (`ns` for SVG). */
export function make(tag: string, attrs: Record<string, string>, ns?: string): Element {
  const el = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
}

/** What the button shows: its link, language, label, glyph, and whether it opens a dialog. */
export interface PlainLink {
  url: string;
  lang: string;
  dir: string;
  label: string;
  icon: string;
  popup: boolean;
}

/**
 * Replaces the button's link (and opt-in `box`) in `root`; `onActivate` handles click and middle
 * click. Put first: a dialog (ui/dialog.ts) stays after them.
 */
export function renderPlain(
  root: ShadowRoot,
  link: PlainLink,
  onActivate: (event: MouseEvent) => void,
  box?: Element,
): void {
  const a = make("a", {
    class: "btn",
    part: "button",
    href: link.url,
    target: "_blank",
    rel: "noopener",
    lang: link.lang,
    dir: link.dir,
  });
  if (link.popup) a.setAttribute("aria-haspopup", "dialog");
  const icon = make(
    "svg",
    { part: "icon", viewBox: "0 0 72 72", "aria-hidden": "true", fill: "currentColor" },
    SVG,
  );
  icon.append(make("path", { d: link.icon }, SVG));
  const label = make("span", { part: "label" });
  label.textContent = link.label;
  a.append(icon, label);
  a.addEventListener("click", onActivate as EventListener);
  a.addEventListener("auxclick", onActivate as EventListener);
  for (const old of root.querySelectorAll(".btn,[part=optin]")) old.remove();
  // Not replaceChildren: a fallback <style> (styles.ts) and an open dialog stay.
  root.prepend(a, ...(box ? [box] : []));
}
