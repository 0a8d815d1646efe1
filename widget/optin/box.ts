/**
 * The opt-in checkbox next to `<chatref-button>` (`data-optin="optional|required"`, or the
 * element's `optin`): never pre-checked, its text names the business and what it will send.
 * `required` keeps the chat closed until it is ticked, with the browser's own localised,
 * announced validation message on the checkbox. The state, the text's version id and the exact
 * text travel with the click beacon, so the server keeps the words the visitor agreed to.
 * In widget-optin.js, which chatref-button.ts loads when it first draws a button with a box.
 */
import type { OptinBeacon } from "../protocol/click-beacon";
import { optinVersion } from "../protocol/optin-version";
import { adoptStyles, direction, getConfig, make } from "../runtime";
import { OPTIN_STRINGS } from "./optin-strings";
import { optinStyles } from "./optin-styles";

/** The opt-in text in `lang` naming the business (`data-business`, else the page title). */
export function optinText(lang: string): string {
  const { optinText: custom, business } = getConfig().data;
  const text = custom || OPTIN_STRINGS[lang] || (OPTIN_STRINGS.en as string);
  return text.replace(/\{business\}/g, business || document.title);
}

/** The checkbox and its label for `required` or optional, styled in the button's `root`. */
export function box(root: ShadowRoot, required: boolean, lang: string): Element {
  adoptStyles(root, optinStyles);
  const label = make("label", { part: "optin", dir: direction(lang) });
  const input = make("input", { type: "checkbox" }) as HTMLInputElement;
  input.required = required;
  label.append(input, optinText(lang));
  return label;
}

/** The beacon's opt-in for a checkbox state and the text shown in `lang`. */
export function beacon(checked: boolean, lang: string): OptinBeacon {
  const text = optinText(lang);
  return { state: checked ? "granted" : "declined", v: optinVersion(text), text };
}
