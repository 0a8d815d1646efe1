/**
 * What happens when a visitor opens a chat, for any placement: mint a ref, build the localised
 * message and the wa.me link, send one beacon, tell the page (`chatref:click`, `dataLayer`).
 * Synchronous up to the link, so the caller can set `href` inside the click handler and the
 * browser opens the chat without waiting on the network.
 */
import { buildBeacon, sendBeacon } from "./beacon";
import { getConfig } from "./config";
import { type ChatrefClickDetail, emit, pushDataLayer, reportError } from "./events";
import { buildMessage, chatUrl } from "./message";
import type { Placement } from "./protocol/click-beacon";
import { mintRef } from "./protocol/ref-codec";
import { readTouches } from "./touch-store";

/** Input of `openChat`: the element's resolved settings. */
export interface ChatRequest {
  /** Business number, digits only. */
  number: string;
  /** Supported language code. */
  lang: string;
  /** Custom message template ("" for the language's default). */
  template: string;
  placement: Placement;
}

/** The chat that was opened, and whether a `chatref:click` listener cancelled navigation. */
export interface OpenedChat extends ChatrefClickDetail {
  cancelled: boolean;
}

/** Mints a ref and prepares the chat; `source` is the element the events are fired from. */
export function openChat(source: EventTarget, request: ChatRequest): OpenedChat {
  const { site, api } = getConfig();
  const ref = mintRef();
  const message = buildMessage(ref, request.lang, request.template);
  const url = chatUrl(request.number, message);
  if (site) {
    const beacon = buildBeacon({
      site,
      ref,
      lang: request.lang,
      placement: request.placement,
      touches: readTouches(),
    });
    const onError = (reason: string) => reportError(source, "beacon_failed", reason);
    if (!sendBeacon(api, beacon, onError)) onError("could not send the click beacon");
  } else {
    reportError(
      source,
      "missing_site",
      "data-site is missing: the chat opens but is not attributed",
    );
  }
  const detail: ChatrefClickDetail = { ref, url, message, placement: request.placement, site };
  const cancelled = !emit(source, "click", detail, true);
  try {
    pushDataLayer(detail, request.lang);
  } catch {
    // A broken dataLayer shim is the page's problem, not a reason to block the chat.
  }
  return { ...detail, cancelled };
}
