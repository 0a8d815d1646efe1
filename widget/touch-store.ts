/**
 * First and last touch in first-party storage (`localStorage["chatref:touch"]`), with an
 * in-memory fallback when storage throws (private modes, sandboxed frames, blocked cookies).
 * Touches expire after 90 days. Nothing here touches the network.
 */
import type { Touch } from "./protocol/click-beacon";
import { boundTouch, type PageTouch, sameTouch } from "./touch";

/** The storage key (documented in widget/README.md). */
export const STORAGE_KEY = "chatref:touch";
/** A stored touch older than this is forgotten. */
export const TOUCH_TTL_MS = 90 * 24 * 60 * 60 * 1000;

/** The visitor's first and last recorded touch. */
export interface Touches {
  first?: Touch;
  last?: Touch;
}

/** The stored value when storage throws (or was never written). */
let memory: string | null = null;

/** The stored touches that are not expired (sanitised: only bounded touch fields survive). */
export function readTouches(now = Date.now()): Touches {
  const out: Touches = {};
  try {
    let raw = memory;
    try {
      raw = localStorage.getItem(STORAGE_KEY) ?? memory;
    } catch {
      // Access errors: the in-memory copy serves this page.
    }
    // Any JSON: a value that is not an object reads as nothing stored (null throws here).
    const stored = JSON.parse(raw ?? "{}");
    for (const key of ["first", "last"] as const) {
      const value: unknown = stored[key];
      if (!value || typeof value !== "object") continue;
      const touch = boundTouch(value as Record<string, unknown>);
      if (touch.at !== undefined && now - touch.at < TOUCH_TTL_MS) out[key] = touch;
    }
  } catch {
    // Unparsable: nothing stored.
  }
  return out;
}

/**
 * Applies the touch rule to one page view and stores the result: a new touch (campaign params,
 * click ids or an external referrer) becomes `last`, and `first` when there is none; a direct or
 * internal view keeps the stored touches, and is recorded only when nothing is stored yet.
 */
export function recordPageView(view: PageTouch, now = Date.now()): Touches {
  const stored = readTouches(now);
  const last = stored.last;
  if (last && (!view.isNew || sameTouch(last, view.touch))) return stored;
  const next: Touches = { first: stored.first ?? view.touch, last: view.touch };
  memory = JSON.stringify(next);
  try {
    localStorage.setItem(STORAGE_KEY, memory);
  } catch {
    // Quota or access errors: the in-memory copy serves this page.
  }
  return next;
}
