/**
 * The visit's touch: campaign parameters and click ids from the landing URL, the external
 * referrer, the landing URL itself and analytics cookie ids. Pure functions of their inputs,
 * so the rules are easy to read and to test.
 */

import { cleanUrl } from "./protocol/clean-url";
import {
  isUrlField,
  TOUCH_FIELDS,
  TOUCH_URL_PARAMS,
  type Touch,
  touchFieldMax,
} from "./protocol/click-beacon";

/**
 * Truncates every field to the worker's bound (`first`: the beacon's first touch) and drops
 * anything that is not a touch field. URLs lose fragments and credential-like parameters
 * (clean-url.ts); other values lose control characters, so the beacon stays within its byte
 * bound (click-beacon.ts `beaconByteBound`).
 */
export function boundTouch(input: Record<string, unknown>, first = false): Touch {
  const out: Touch = {};
  for (const field of TOUCH_FIELDS) {
    const raw = input[field];
    if (typeof raw !== "string") continue;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
    const value = isUrlField(field) ? cleanUrl(raw) : raw.replace(/[\u0000-\u001f\u007f]/g, "");
    if (value) out[field] = value.slice(0, touchFieldMax(field, first));
  }
  const at = input.at;
  if (typeof at === "number" && Number.isFinite(at) && at >= 0) out.at = Math.floor(at);
  return out;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return "";
  }
}

/** True when `referrer` is a page on another site (www. and the bare host count as one site). */
export function isExternalReferrer(referrer: string, pageUrl: string): boolean {
  const host = hostOf(referrer);
  return host !== "" && host !== hostOf(pageUrl);
}

/** The result of looking at one page view. */
export interface PageTouch {
  touch: Touch;
  /** True when the view carries campaign params, click ids or an external referrer. */
  isNew: boolean;
}

/**
 * Reads the touch of a page view. `cookies` are the analytics ids from `cookieIds()`. When a
 * `fbclid` arrives without a `_fbc` cookie, `fbc` is built as Meta does: `fb.1.<ms>.<fbclid>`
 * (the fbclid's case is kept: Meta rejects a changed one).
 */
export function readPageTouch(
  pageUrl: string,
  referrer: string,
  cookies: Touch,
  now: number,
): PageTouch {
  const raw: Record<string, unknown> = { ...cookies, landing_url: pageUrl, at: now };
  let isNew = false;
  let params: URLSearchParams;
  try {
    params = new URL(pageUrl).searchParams;
  } catch {
    params = new URLSearchParams();
  }
  for (const field of TOUCH_URL_PARAMS) {
    const value = params.get(field)?.trim();
    if (value) {
      raw[field] = value;
      isNew = true;
    }
  }
  if (isExternalReferrer(referrer, pageUrl)) {
    raw.referrer = referrer;
    isNew = true;
  }
  if (!raw.fbc && typeof raw.fbclid === "string") raw.fbc = `fb.1.${now}.${raw.fbclid}`;
  return { touch: boundTouch(raw), isNew };
}

/**
 * The fields that say where a visit came from (not when, and not the cookie ids): the URL
 * parameters, the referrer and the landing URL: TOUCH_FIELDS' first 14, before the cookie ids.
 */
const SOURCE_FIELDS = TOUCH_FIELDS.slice(0, 14);

/** True when two touches record the same visit source (time and cookie ids are ignored). */
export function sameTouch(a: Touch | undefined, b: Touch | undefined): boolean {
  if (!a || !b) return a === b;
  return SOURCE_FIELDS.every((field) => a[field] === b[field]);
}
