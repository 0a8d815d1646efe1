/**
 * Sends the click beacon (`POST {api}/v1/clicks`, a `text/plain` JSON body, so the request is
 * CORS-simple and needs no preflight). The chat never waits for it; a rejection is reported.
 */

import { readConsent } from "./consent-mode";
import { type CookieIds, readCookieIds } from "./cookies";
import { cleanUrl } from "./protocol/clean-url";
import {
  type Channel,
  type ClickBeacon,
  type ConsentBeacon,
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
  /** The Consent Mode state (default: read from `dataLayer` now). */
  consent?: ConsentBeacon;
  /** The WhatsApp number opened (digits) and the agent it belongs to (data-agents). */
  number?: string;
  agent?: string;
}

/**
 * The beacon body: the last touch refreshed with current cookie ids, plus a differing first
 * touch, the current GA4 sessions and Consent Mode state.
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
    consent: input.consent ?? readConsent(),
    number: input.number,
    agent: input.agent,
  };
  if (first && last && !sameTouch(first, last)) beacon.first_touch = boundTouch(first, true);
  return beacon;
}

/** What the Worker answered a rejected beacon: its status and its `{"error":{code,message}}`. */
export interface BeaconRejection {
  status: number;
  /** The Worker's error code (`forbidden`, `not_found`, ...), or `http_<status>`. */
  code: string;
  message: string;
}

/** Reads the Worker's error body; a body of another shape keeps the status alone. */
async function rejection(response: Response): Promise<BeaconRejection> {
  const { status } = response;
  let error: { code?: unknown; message?: unknown } | undefined;
  try {
    error = ((await response.json()) as { error?: typeof error }).error;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const text = (value: unknown, fallback: string) =>
    typeof value === "string" && value ? value.slice(0, 300) : fallback;
  return {
    status,
    code: text(error?.code, `http_${status}`),
    message: text(error?.message, `HTTP ${status}`),
  };
}

/**
 * Sends the beacon with `fetch` (`keepalive`, so it outlives the page; a string body is
 * `text/plain`, CORS-simple, and the Worker answers every request with CORS headers, so its
 * answer can be read): a 4xx/5xx calls `onRejected` with the Worker's reason (a page on an origin
 * the site does not allow, an unknown `data-site`), a network failure calls `onError`. Where
 * fetch is missing or throws, `navigator.sendBeacon` (whose answer cannot be read). Returns false
 * only when neither could even be started. The chat never waits for any of it.
 */
export function sendBeacon(
  api: string,
  beacon: ClickBeacon,
  onError: (reason: string) => void,
  onRejected: (rejected: BeaconRejection) => void,
): boolean {
  const url = `${api}/v1/clicks`;
  const body = JSON.stringify(beacon);
  try {
    fetch(url, { method: "POST", body, keepalive: true, credentials: "omit" })
      .then(async (response) => {
        if (response.status >= 400) onRejected(await rejection(response));
      })
      .catch(() => onError(`click beacon to ${url} failed`));
    return true;
  } catch {
    // No fetch, or a privacy extension's throwing stub: sendBeacon is next.
  }
  try {
    return navigator.sendBeacon(url, body);
  } catch {
    return false;
  }
}
