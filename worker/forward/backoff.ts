/**
 * Retry timing: exponential backoff with jitter. The n-th failed attempt waits between half and
 * all of min(30 s · 2^(n-1), 6 h) — "equal jitter", so retries of many rows that failed together
 * spread out but never come back too soon. With MAX_ATTEMPTS = 15 a row keeps trying for about a
 * day before it is dead. A `Retry-After` answer is honoured up to the Queues delay limit (12 h).
 */
export const BACKOFF_BASE_S = 30;
export const BACKOFF_CAP_S = 6 * 3600;
/** Longest `delaySeconds` Queues accept. */
export const DELAY_MAX_S = 12 * 3600;

/** Seconds to wait after `failedAttempts` failures (≥ 1); `random` in [0, 1). */
export function backoffSeconds(failedAttempts: number, random = Math.random()): number {
  const ceiling = Math.min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** Math.max(0, failedAttempts - 1));
  return Math.max(1, Math.round(ceiling / 2 + (random * ceiling) / 2));
}

/** A `Retry-After` header (seconds or an HTTP date) in whole seconds from `now`, else null. */
export function retryAfterSeconds(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = /^\s*(\d{1,9})\s*$/.exec(header)?.[1];
  const wait = seconds !== undefined ? Number(seconds) : (Date.parse(header) - now) / 1000;
  return Number.isFinite(wait) && wait > 0 ? Math.min(DELAY_MAX_S, Math.ceil(wait)) : null;
}
