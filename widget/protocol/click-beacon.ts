/**
 * The click beacon: what the widget sends to `POST /v1/clicks` when a chat is opened, and the
 * bounds the worker enforces on it. The widget trims to the same bounds before sending, so a
 * long landing URL is shortened rather than rejected; `beaconByteBound()` is the largest body
 * those bounds allow, which is the Worker's body limit.
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
  "ym_uid",
] as const;

export type TouchField = (typeof TOUCH_FIELDS)[number];

/** The URL query parameters a touch is read from (the rest come from the referrer, URL and cookies). */
export const TOUCH_URL_PARAMS = TOUCH_FIELDS.slice(0, 12) as readonly TouchField[];

/** A visit's touch: any subset of the fields, plus when it was recorded (ms since epoch). */
export type Touch = { [K in TouchField]?: string } & { at?: number };

/** Where on the page the chat was opened from. */
export const PLACEMENTS = ["button", "qr_panel", "inline_qr", "link"] as const;
export type Placement = (typeof PLACEMENTS)[number];

/**
 * The WhatsApp number a chat was opened to, as the beacon's `number` carries it: digits only,
 * country code first (as in wa.me links), 6–15 of them (E.164's longest). A ref is bound to it:
 * only a message received on that number attributes the ref (worker/attribution/record-message.ts).
 */
export const WA_NUMBER = /^[0-9]{6,15}$/;
/** Longest agent name (the configured name of whoever the number belongs to), after trimming. */
export const AGENT_MAX = 64;

/** The chat app a chat was opened in; a beacon without one (older widgets) means WhatsApp. */
export const CHANNELS = ["whatsapp", "telegram", "messenger", "instagram"] as const;
/** A Telegram bot username: 5–32 of `A-Z a-z 0-9 _`, ending in "bot" (the widget's and the API's rule). */
export const TELEGRAM_BOT_NAME = /^\w{2,29}bot$/i;
/** A Facebook Page's or Instagram account's name in `m.me/<name>` / `ig.me/m/<name>`: `A-Z a-z 0-9 . _ -`. */
export const META_APP_NAME = /^[\w.-]{1,100}$/;
export type Channel = (typeof CHANNELS)[number];

/** Longest page or landing URL accepted (referrers get REFERRER_MAX). */
export const URL_MAX = 2048;
/** Longest referrer: browsers mostly send the origin alone (strict-origin-when-cross-origin). */
export const REFERRER_MAX = 1024;
/** The first touch's URLs: it is the beacon's largest optional part and only reported coarsely. */
export const FIRST_TOUCH_URL_MAX = 1024;

/**
 * Longest value of each touch field, in UTF-16 code units, in TOUCH_FIELDS' order (a list, not
 * a record: the names would be written twice in widget.js): UTM tags as the ad platforms allow
 * them (source and medium 128, the others 256), click ids with room to spare (fbclid, the longest
 * seen, 512; msclkid and yclid 64), the referrer and landing URL, `ga_client_id` and `fbp` 64,
 * `fbc` = `fb.1.<ms>.<fbclid>` 576, `ym_uid` 32.
 */
const TOUCH_FIELD_MAX = [
  128,
  128,
  256,
  256,
  256,
  256,
  256,
  256,
  512,
  256,
  64,
  64,
  REFERRER_MAX,
  URL_MAX,
  64,
  64,
  576,
  32,
];

/** Maximum length of a touch field (`first`: in the beacon's `first_touch`). */
export function touchFieldMax(field: TouchField, first = false): number {
  return first && field === "landing_url"
    ? FIRST_TOUCH_URL_MAX
    : (TOUCH_FIELD_MAX[TOUCH_FIELDS.indexOf(field)] as number);
}

/** Whether a touch field holds a URL (cleaned with clean-url.ts, sent as ASCII). */
export function isUrlField(field: TouchField): boolean {
  return field === "referrer" || field === "landing_url";
}

/** The widget's opt-in checkbox: ticked (`granted`) or not (`declined`) when the chat opened. */
export const OPTIN_STATES = ["granted", "declined"] as const;
export type OptinState = (typeof OPTIN_STATES)[number];
/** Longest opt-in text accepted (its exact words are kept as evidence). */
export const OPTIN_TEXT_MAX = 1000;
/** Longest opt-in version id, site key and language tag. */
export const OPTIN_VERSION_MAX = 32;
export const SITE_KEY_MAX = 64;
export const LANG_MAX = 35;

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

/** A consent signal's state, as Google Consent Mode names it. */
export const CONSENT_STATES = ["granted", "denied"] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];
/** The Google Consent Mode v2 types the click carries. */
export const CONSENT_TYPES = [
  "ad_storage",
  "analytics_storage",
  "ad_user_data",
  "ad_personalization",
] as const;
export type ConsentType = (typeof CONSENT_TYPES)[number];
/**
 * The visitor's consent at click time, read from Google Consent Mode (`gtag("consent", …)`
 * commands in `dataLayer`, which most CMPs feed): only the types the page has set; absent when
 * the page sets none (the site's and destination's defaults then apply).
 */
export type ConsentBeacon = { [K in ConsentType]?: ConsentState };

/** The JSON body of `POST /v1/clicks` (sent as `text/plain` so beacons stay CORS-simple). */
export interface ClickBeacon {
  /** Public site key from the script tag's `data-site`. */
  site: string;
  /** Canonical ref code (see ref-codec.ts). */
  ref: string;
  placement: Placement;
  /** The chat app opened (absent from older widgets: WhatsApp). */
  channel?: Channel;
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
  /** The visitor's Consent Mode state at click time, when the page runs Consent Mode. */
  consent?: ConsentBeacon;
  /** The WhatsApp number opened, digits only (WA_NUMBER; absent from older widgets). */
  number?: string;
  /** The agent's name as configured (≤ AGENT_MAX, trimmed), when the site lists agents. */
  agent?: string;
}

/**
 * The largest beacon body the field bounds allow, in UTF-8 bytes: text fields at 3 bytes per
 * UTF-16 code unit (the widget strips control characters, so JSON adds no escapes), URLs at 1
 * (a serialised URL is ASCII), plus room for the keys and punctuation.
 */
export function beaconByteBound(): number {
  const touch = (first: boolean) =>
    TOUCH_FIELDS.reduce(
      (n, f) => n + touchFieldMax(f, first) * (isUrlField(f) ? 1 : 3) + f.length + 6,
      32,
    );
  const sessions = GA_SESSIONS_MAX * (20 + 20 + 6);
  const consent = CONSENT_TYPES.reduce((n, t) => n + t.length + 16, 16);
  const optin = 3 * (OPTIN_TEXT_MAX + OPTIN_VERSION_MAX) + 64;
  // 10 for the ref, 16 for the placement, 32 for the channel and its key, 32 for the number
  // and its key, the agent's name and key (3 bytes a code unit), 256 for the rest.
  const agent = 3 * AGENT_MAX + 16;
  const scalars = URL_MAX + 3 * (SITE_KEY_MAX + LANG_MAX) + 10 + 16 + 32 + 32 + agent + 256;
  return touch(false) + touch(true) + sessions + consent + optin + scalars;
}
