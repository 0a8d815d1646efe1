/**
 * What the page's analytics hear of a chat, where the page has them. Every chat (a tap, or an
 * inline QR's beacon) pushes `chatref_click` to Google Tag Manager's `dataLayer`. A tap (the
 * button or the desktop panel) also sends a GA4 event (`generate_lead`, or `data-ga4-event`)
 * through `gtag` when the page has it, else pushes it to `dataLayer`, and the Meta Pixel's
 * standard event (`Contact`, or `data-meta-event`) through `fbq`; `off` turns either off. The
 * page owns these functions, so each call is guarded: a throwing or odd `gtag`, `fbq` or
 * `dataLayer` costs that one call, never the chat and never an error in the page.
 */
import { getConfig } from "./config";
import type { ChatrefClickDetail } from "./events";

type Call = (...args: unknown[]) => unknown;

declare global {
  interface Window {
    dataLayer?: unknown[];
  }
}

/** Runs one call into the page's analytics; whatever it throws stays here. */
function guarded(call: () => unknown): void {
  try {
    call();
  } catch {
    // The page's analytics are its own: a broken one must not break the chat.
  }
}

/** Tells the page's analytics that a chat was opened in `channel` (`lang`: the message's). */
export function trackChat(chat: ChatrefClickDetail, channel: string, lang: string): void {
  const w = window as unknown as { gtag?: Call; fbq?: Call; dataLayer?: { push: Call } };
  const { ga4Event = "generate_lead", metaEvent = "Contact" } = getConfig().data;
  const params = {
    chatref_ref: chat.ref,
    chatref_placement: chat.placement,
  };
  guarded(() =>
    w.dataLayer?.push({
      event: "chatref_click",
      ...params,
      chatref_site: chat.site,
      chatref_lang: lang,
    }),
  );
  // A code that was merely on screen is no tap.
  if (chat.placement === "inline_qr") return;
  const tap = { ...params, chatref_channel: channel };
  if (ga4Event !== "off")
    guarded(() =>
      typeof w.gtag === "function"
        ? w.gtag("event", ga4Event, tap)
        : w.dataLayer?.push({ event: ga4Event, ...tap }),
    );
  if (metaEvent !== "off") guarded(() => w.fbq?.("track", metaEvent, { content_name: channel }));
}
