/**
 * `<chatref-button>` without lit-html, for a page that enforces Trusted Types and refused the
 * `chatref` policy (trusted-types.ts): the same styled link, icon and label, built with DOM APIs
 * that are not Trusted Types sinks (createElement, setAttribute, textContent; an `<a>`'s href is
 * no sink). A tap still mints a ref, sends its beacon and opens the chat; there is no desktop
 * panel and no opt-in box, since both are rendered by lit-html.
 */
const SVG = "http://www.w3.org/2000/svg";

/** An element with attributes (`ns` for SVG). */
function make(tag: string, attrs: Record<string, string>, ns?: string): Element {
  const el = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
}

/** Replaces `root`'s content with the chat link; `onActivate` handles click and middle click. */
export function renderPlain(
  root: ShadowRoot,
  link: { url: string; lang: string; dir: string; label: string; icon: string },
  onActivate: (event: MouseEvent) => void,
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
  const icon = make(
    "svg",
    { part: "icon", viewBox: "0 0 24 24", "aria-hidden": "true", fill: "currentColor" },
    SVG,
  );
  icon.append(make("path", { d: link.icon }, SVG));
  const label = make("span", { part: "label" });
  label.textContent = link.label;
  a.append(icon, label);
  a.addEventListener("click", onActivate as EventListener);
  a.addEventListener("auxclick", onActivate as EventListener);
  // Not replaceChildren: a fallback <style> (styles.ts) stays.
  root.querySelector(".btn")?.remove();
  root.append(a);
}
