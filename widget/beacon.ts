/**
 * Sends the click beacon (`POST {api}/v1/clicks`, a `text/plain` JSON body, so the request is
 * CORS-simple and needs no preflight). Fire and forget: the chat never waits for it.
 */

import { type CookieIds, readCookieIds } from "./cookies";
import { cleanUrl } from "./protocol/clean-url";
import {
  type Channel,
  type ClickBeacon,
  type OptinBeacon,
  type Placement,
  URL_MAX,
} from "./protocol/click-beacon";
import { boundTouch, sameTouch } from "./touch";
import type { Touches } from "./touch-store";

/** Input of `buildBeacon`. */
export interface BeaconInput {
  site: string;
  ref: string;
  lang: string;
  /** Where the chat was opened from (default `button`). */
  placement?: Placement;
  /** The chat app opened (default `whatsapp`). */
  channel?: Channel;
  touches: Touches;
  /** Analytics ids read now (they may have been set after the page loaded). */
  cookies?: CookieIds;
  pageUrl?: string;
  /** The opt-in checkbox, when shown. */
  optin?: OptinBeacon;
}

/**
 * The beacon body: the last touch refreshed with current cookie ids, plus a differing first
 * touch and the current GA4 sessions.
 */
export function buildBeacon(input: BeaconInput): ClickBeacon {
  const { first, last } = input.touches;
  const pageUrl = input.pageUrl ?? location.href;
  const cookies = input.cookies ?? readCookieIds();
  const touch = boundTouch({ ...(last ?? { landing_url: pageUrl }), ...cookies });
  const beacon: ClickBeacon = {
    site: input.site,
    ref: input.ref,
    placement: input.placement ?? "button",
    channel: input.channel ?? "whatsapp",
    page_url: cleanUrl(pageUrl).slice(0, URL_MAX),
    lang: input.lang,
    touch,
    // Absent (undefined, so not serialised) unless the opt-in checkbox is shown.
    optin: input.optin,
    ga_sessions: cookies.ga_sessions,
  };
  if (first && last && !sameTouch(first, last)) beacon.first_touch = boundTouch(first, true);
  return beacon;
}

/**
 * Queues the beacon with `navigator.sendBeacon`, else `fetch` with `keepalive`. Returns false
 * only when neither could even be started; a failure after that calls `onError`.
 */
export function sendBeacon(
  api: string,
  beacon: ClickBeacon,
  onError: (reason: string) => void,
): boolean {
  const url = `${api}/v1/clicks`;
  const body = JSON.stringify(beacon);
  try {
    if (navigator.sendBeacon?.(url, body)) return true;
  } catch {
    // Some privacy extensions replace sendBeacon with a throwing stub; fetch is next.
  }
  try {
    fetch(url, {
      method: "POST",
      keepalive: true,
      body,
      mode: "no-cors",
      credentials: "omit",
      headers: { "content-type": "text/plain" },
    }).catch(() => onError(`click beacon to ${url} failed`));
    return true;
  } catch {
    return false;
  }
}
