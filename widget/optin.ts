/**
 * The opt-in checkbox next to `<chatref-button>` (`data-optin="optional|required"`, or the
 * element's `optin`): never pre-checked, its text names the business and what it will send.
 * `required` keeps the chat closed until it is ticked, with the browser's own localised,
 * announced validation message on the checkbox. The state, the text's version id and the exact
 * text travel with the click beacon, so the server keeps the words the visitor agreed to.
 * Drawn with DOM APIs at first paint (no chunk: the box must be there before the tap).
 */
import { getConfig } from "./config";
import { direction, stringsFor } from "./i18n";
import { make } from "./plain-button";
import type { OptinBeacon } from "./protocol/click-beacon";
import { optinVersion } from "./protocol/optin-version";

/** The opt-in text in `lang` naming the business (`data-business`, else the page title). */
export function optinText(lang: string): string {
  const { optinText: custom, business } = getConfig();
  return (custom || stringsFor(lang).optin).replace(/\{business\}/g, business || document.title);
}

/** The checkbox and its label for a mode (`optional`, `required`; anything else: none). */
export function optinBox(mode: string | undefined, lang: string): Element | undefined {
  const required = mode === "required";
  if (!required && mode !== "optional") return;
  const label = make("label", { part: "optin", dir: direction(lang) });
  const input = make("input", { type: "checkbox" }) as HTMLInputElement;
  input.required = required;
  label.append(input, optinText(lang));
  return label;
}

/** The beacon's opt-in for a checkbox state and the text shown. */
export function optinBeacon(checked: boolean, text: string): OptinBeacon {
  return { state: checked ? "granted" : "declined", v: optinVersion(text), text };
}
