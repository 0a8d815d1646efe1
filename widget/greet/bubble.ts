/**
 * The greeting bubble (widget-greet.js): drawn with DOM APIs (no lit-html, so widget-ui.js is not
 * needed) in the floating button's shadow root, above the button. A non-modal `role="dialog"`
 * named by its text: it never takes the focus (it comes by itself, while the visitor reads).
 * Its text is a button that opens the chat as the floating button does; the close button
 * (localised name), Esc inside the widget, or opening a chat dismiss it, remembered in
 * localStorage (greet/key.ts, guarded: storage may throw), and the focus, when it was in the
 * bubble, goes back to the chat button.
 */
import { adoptStyles, direction, make, reportError, resolveSettings } from "../runtime";
import { greetStrings } from "./greet-strings";
import { greetStyles } from "./greet-styles";
import { GREETING_KEY } from "./key";

/** Shows the greeting `text` ("" for the language's default) on the floating `host`. */
export function show(host: HTMLElement, text: string): void {
  try {
    const root = host.shadowRoot;
    if (!root || root.querySelector(".greet")) return;
    const { lang } = resolveSettings(host, host);
    const strings = greetStrings(lang);
    adoptStyles(root, greetStyles);
    const bubble = make("div", {
      class: "greet",
      part: "greeting",
      role: "dialog",
      "aria-labelledby": "g",
      lang,
      dir: direction(lang),
    });
    const say = make("button", { class: "say", part: "greeting-text", id: "g" });
    say.textContent = text || strings.hello;
    const x = make("button", { class: "x", part: "greeting-close", "aria-label": strings.close });
    x.textContent = "×";
    bubble.append(say, x);
    const dismiss = () => {
      const focused = bubble.contains(root.activeElement);
      bubble.remove();
      root.removeEventListener("keydown", onKey as EventListener);
      try {
        localStorage.setItem(GREETING_KEY, text);
      } catch {
        // Storage refused: dismissed for this page only.
      }
      if (focused) root.querySelector<HTMLElement>(".btn")?.focus();
    };
    // Esc inside the widget, unless a dialog (the QR panel) is what it closes.
    const onKey = (e: KeyboardEvent) =>
      e.key === "Escape" && !(e.target as Element).closest?.("dialog") && dismiss();
    say.addEventListener("click", () => root.querySelector<HTMLElement>(".btn")?.click());
    x.addEventListener("click", dismiss);
    root.addEventListener("keydown", onKey as EventListener);
    host.addEventListener("chatref:click", dismiss, { once: true });
    root.append(bubble);
  } catch (error) {
    reportError(host, "internal", `greeting failed: ${error}`);
  }
}
