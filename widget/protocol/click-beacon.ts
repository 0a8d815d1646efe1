/**
 * The click beacon: what the widget sends to `POST /v1/clicks` when a chat is opened, and the
 * bounds the worker enforces on it. The widget trims to the same bounds before sending, so a
 * long landing URL is shortened rather than rejected.
 */

/** The fields of a visit's touch, in the order the lead JSON lists them. */
export const TOUCH_FIELDS = [
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "gclid",
  "gbraid",
  "wbraid",
  "fbclid",
  "ttclid",
  "msclkid",
  "yclid",
  "referrer",
  "landing_url",
  "ga_client_id",
  "fbp",
  "fbc",
] as const;

export type TouchField = (typeof TOUCH_FIELDS)[number];

/** The URL query parameters a touch is read from (the rest come from the referrer, URL and cookies). */
export const TOUCH_URL_PARAMS = TOUCH_FIELDS.slice(0, 12) as readonly TouchField[];

/** A visit's touch: any subset of the fields, plus when it was recorded (ms since epoch). */
export type Touch = { [K in TouchField]?: string } & { at?: number };

/** Where on the page the chat was opened from. */
export const PLACEMENTS = ["button", "qr_panel", "inline_qr", "link"] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** Longest accepted value: URLs get 2,048 characters, every other field 512. */
export const URL_MAX = 2048;
export const FIELD_MAX = 512;

/** Maximum length of a touch field. */
export function touchFieldMax(field: TouchField): number {
  return field === "referrer" || field === "landing_url" ? URL_MAX : FIELD_MAX;
}

/** The widget's opt-in checkbox: ticked (`granted`) or not (`declined`) when the chat opened. */
export const OPTIN_STATES = ["granted", "declined"] as const;
export type OptinState = (typeof OPTIN_STATES)[number];
/** Longest opt-in text accepted (its exact words are kept as evidence). */
export const OPTIN_TEXT_MAX = 1000;

/** The opt-in shown next to the button: its state, the text's version id and the exact text. */
export interface OptinBeacon {
  state: OptinState;
  /** Version id of the text: a short hash of its exact words (widget/optin.ts). */
  v: string;
  text: string;
}

/**
 * GA4 session ids read from the `_ga_<STREAM>` cookies at click time, keyed by stream
 * (`_ga_ABC123` → `ABC123`, the measurement id `G-ABC123` without `G-`): at most
 * GA_SESSIONS_MAX of them, stream ids matching GA_STREAM_ID, session ids GA_SESSION_ID.
 */
export type GaSessions = Record<string, string>;
export const GA_SESSIONS_MAX = 4;
export const GA_STREAM_ID = /^[A-Z0-9]{1,20}$/;
export const GA_SESSION_ID = /^\d{1,20}$/;

/** The JSON body of `POST /v1/clicks` (sent as `text/plain` so beacons stay CORS-simple). */
export interface ClickBeacon {
  /** Public site key from the script tag's `data-site`. */
  site: string;
  /** Canonical ref code (see ref-codec.ts). */
  ref: string;
  placement: Placement;
  /** The page the chat was opened from. */
  page_url: string;
  /** BCP 47 language of the prefilled message. */
  lang?: string;
  /** The touch this chat is attributed to: the visit's last touch. */
  touch: Touch;
  /** The visitor's first recorded touch, when it differs from `touch`. */
  first_touch?: Touch;
  /** Present when the site shows the opt-in checkbox (`data-optin`). */
  optin?: OptinBeacon;
  /** GA4 session ids per stream, when the page has `_ga_<STREAM>` cookies (see GaSessions). */
  ga_sessions?: GaSessions;
}
