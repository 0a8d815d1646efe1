/** The prefilled message and the chat link that carries it. */

import { stringsFor } from "./i18n";
import { formatRef } from "./protocol/ref-codec";

/**
 * The message a visitor sends: the custom `template` with every `{ref}` replaced (or the
 * language's ref tag appended when it has none), else the language's greeting and tag.
 */
export function buildMessage(ref: string, lang: string, template = ""): string {
  const strings = stringsFor(lang);
  const code = formatRef(ref);
  const text = template.trim();
  if (text.includes("{ref}")) return text.replaceAll("{ref}", code);
  return (text || strings.greeting) + strings.tag.replace("{ref}", code);
}

/** `https://wa.me/<digits>`, with `?text=` when a message is given. */
export function chatUrl(number: string, message?: string): string {
  const base = `https://wa.me/${number}`;
  return message ? `${base}?text=${encodeURIComponent(message)}` : base;
}
