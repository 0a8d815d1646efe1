/**
 * What happens when a visitor opens a chat, for any placement: mint a ref, build the localised
 * message and the app's link (`prepareChat`, see channels.ts), then send one beacon and tell the page
 * (`announceChat`: `chatref:click`, and the page's `dataLayer`, GA4 and Meta Pixel: analytics.ts). `openChat` does both at once for a tap; an
 * inline QR prepares when it is shown and announces later (see qr/inline-qr.ts).
 * Synchronous up to the link, so the caller can set `href` inside the click handler and the
 * browser opens the chat without waiting on the network.
 */
import { trackChat } from "./analytics";
import { type BeaconRejection, buildBeacon, sendBeacon } from "./beacon";
import { type App, appLink } from "./channels";
import { getConfig } from "./config";
import { type ChatrefClickDetail, emit, NO_SITE, reportError } from "./events";
import { buildMessage } from "./message";
import { type Channel, type OptinBeacon, type Placement, WA_NUMBER } from "./protocol/click-beacon";
import { mintRef } from "./protocol/ref-codec";
import { readTouches } from "./touch-store";

/** Input of `openChat`: the element's resolved settings. */
export interface ChatRequest {
  /** The app to open and its address. */
  app: App;
  /** Supported language code. */
  lang: string;
  /** Custom message template ("" for the language's default). */
  template: string;
  placement: Placement;
  /** The opt-in checkbox's state and text, when one is shown. */
  optin?: OptinBeacon;
}

/** A prepared chat: its ref, link and message, and the language the message is in. */
export interface PreparedChat extends ChatrefClickDetail {
  lang: string;
  channel: Channel;
  optin?: OptinBeacon;
  /** The WhatsApp number opened (digits) and the agent's name: the beacon binds the ref to them. */
  number?: string;
  agent?: string;
}

/** The chat that was opened, and whether a `chatref:click` listener cancelled navigation. */
export interface OpenedChat extends PreparedChat {
  cancelled: boolean;
}

/** Mints a ref and builds the message and link. No I/O, no events. */
export function prepareChat(request: ChatRequest): PreparedChat {
  const ref = mintRef();
  const { app } = request;
  // Only WhatsApp takes a prefilled message; the other apps carry the ref in the link itself.
  const message =
    app.channel === "whatsapp" ? buildMessage(ref, request.lang, request.template) : "";
  return {
    ref,
    channel: app.channel,
    url: appLink(app, ref, message),
    message,
    placement: request.placement,
    site: getConfig().site,
    lang: request.lang,
    optin: request.optin,
    number: app.channel === "whatsapp" && WA_NUMBER.test(app.target) ? app.target : undefined,
    agent: app.agent,
  };
}

/**
 * Sends the chat's one beacon and fires `chatref:click` from `source` (cancelable when asked),
 * then tells the page's analytics (analytics.ts). Returns false when a listener called `preventDefault()`.
 */
export function announceChat(source: EventTarget, chat: PreparedChat, cancelable = false): boolean {
  const { site, api } = getConfig();
  const { lang, optin, channel, number, agent, ...detail } = chat;
  if (site) {
    const beacon = buildBeacon({
      site,
      ref: chat.ref,
      lang,
      placement: chat.placement,
      channel,
      touches: readTouches(),
      optin,
      number,
      agent,
    });
    const onError = (reason: string) => reportError(source, "beacon_failed", reason);
    // The Worker's reason, as the event's `reason` and one warning per reason (events.ts).
    const onRejected = ({ status, code, message }: BeaconRejection) =>
      reportError(
        source,
        "beacon_rejected",
        `click beacon rejected (${status} ${code}): ${message}`,
        {
          status,
          reason: code,
        },
      );
    if (!sendBeacon(api, beacon, onError, onRejected)) onError("could not send the click beacon");
  } else {
    reportError(source, "missing_site", NO_SITE);
  }
  const proceed = emit<ChatrefClickDetail>(source, "click", detail, cancelable);
  trackChat(detail, channel, lang);
  return proceed;
}

/** Mints a ref, prepares the chat and announces it at once; `source` fires the events. */
export function openChat(source: EventTarget, request: ChatRequest): OpenedChat {
  const chat = prepareChat(request);
  return { ...chat, cancelled: !announceChat(source, chat, true) };
}
