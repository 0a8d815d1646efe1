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

let memory: string | null = null;

function load(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? memory;
  } catch {
    return memory;
  }
}

function save(value: string): void {
  memory = value;
  try {
    localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Quota or access errors: the in-memory copy serves this page.
  }
}

function fresh(value: unknown, now: number): Touch | undefined {
  if (!value || typeof value !== "object") return undefined;
  const touch = boundTouch(value as Record<string, unknown>);
  return touch.at !== undefined && now - touch.at < TOUCH_TTL_MS ? touch : undefined;
}

/** The stored touches that are not expired (sanitised: only bounded touch fields survive). */
export function readTouches(now = Date.now()): Touches {
  try {
    const parsed: unknown = JSON.parse(load() ?? "null");
    if (!parsed || typeof parsed !== "object") return {};
    const { first, last } = parsed as Record<string, unknown>;
    const out: Touches = {};
    const f = fresh(first, now);
    const l = fresh(last, now);
    if (f) out.first = f;
    if (l) out.last = l;
    return out;
  } catch {
    return {};
  }
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
  save(JSON.stringify(next));
  return next;
}
