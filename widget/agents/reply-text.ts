/**
 * The line under an away agent (widget-agents.js): when they reply, from the next opening of
 * their hours, written in the visitor's language and read on the visitor's clock (the site's
 * zone may be another): today, tomorrow, or the weekday. Pure, so it is tested in Node.
 */
import type { AgentsStrings } from "./agents-strings";
import { wallClock } from "./hours";

/**
 * When an away agent replies, in the visitor's language and clock (`visitorZone` for tests):
 * "Replies from 9:00 AM", "… tomorrow …", "… Monday …".
 */
export function replyText(
  strings: AgentsStrings,
  lang: string,
  opens: number,
  now: number,
  visitorZone?: string,
): string {
  const day = (t: number) => Math.floor(wallClock(visitorZone, t).local / 86_400_000);
  const days = day(opens) - day(now);
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(lang, { timeZone: visitorZone, ...options }).format(opens);
  const template = days <= 0 ? strings.today : days === 1 ? strings.tomorrow : strings.later;
  return template
    .replace("{time}", format({ hour: "numeric", minute: "2-digit" }))
    .replace("{day}", format({ weekday: "long" }));
}
