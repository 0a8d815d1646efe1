/**
 * The visitor's Google Consent Mode state at click time, read from `window.dataLayer`, where
 * `gtag("consent", "default" | "update", {...})` pushes its `arguments` (most CMPs call it). Defaults
 * apply first, then updates, each in page order, so an update overrides a default whenever it came.
 * A `default` carrying `region` is for visitors in those regions only, which the page knows and
 * the widget does not: it is ignored. Only the four CONSENT_TYPES with a value of CONSENT_STATES
 * are kept; nothing set gives undefined (the beacon then has no `consent`).
 *
 * The page owns `dataLayer`, so it is read as hostile: any shape, throwing getters, any length
 * (only the first and last CONSENT_SCAN entries are looked at, where defaults and the latest
 * updates are). Never throws.
 */
import {
  CONSENT_STATES,
  CONSENT_TYPES,
  type ConsentBeacon,
  type ConsentState,
} from "./protocol/click-beacon";

/** How many `dataLayer` entries are read from each end (a page may push thousands). */
export const CONSENT_SCAN = 300;

/** Adds `args` (one gtag call) to `defaults` or `updates` when it is a consent command. */
function apply(args: unknown, defaults: ConsentBeacon, updates: ConsentBeacon): void {
  try {
    const a = args as Record<number, unknown>;
    const values = a[2] as Record<string, unknown> | null;
    if (a[0] !== "consent" || !values || typeof values !== "object") return;
    const into =
      a[1] === "update" ? updates : a[1] === "default" && !("region" in values) && defaults;
    if (!into) return;
    for (const type of CONSENT_TYPES) {
      const value = values[type];
      if (CONSENT_STATES.includes(value as ConsentState)) into[type] = value as ConsentState;
    }
  } catch {
    // A throwing getter or proxy: this entry is skipped.
  }
}

/** The Consent Mode state `layer` (default: `window.dataLayer`) records, or undefined. */
export function readConsent(layer?: unknown): ConsentBeacon | undefined {
  try {
    const list = layer ?? window.dataLayer;
    if (!Array.isArray(list)) return undefined;
    const defaults: ConsentBeacon = {};
    const updates: ConsentBeacon = {};
    const n = list.length;
    for (let i = 0; i < n; i++) {
      // Past the first CONSENT_SCAN entries, jump to the last CONSENT_SCAN.
      if (i === CONSENT_SCAN && n > 2 * CONSENT_SCAN) i = n - CONSENT_SCAN;
      apply(list[i], defaults, updates);
    }
    const out = { ...defaults, ...updates };
    return Object.keys(out).length ? out : undefined;
  } catch {
    return undefined;
  }
}
