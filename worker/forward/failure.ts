/**
 * What a failed attempt says, the same for every destination (deliver.ts per row, the Metrica
 * cron per upload: yandex-send.ts): the HTTP status if any, the error text (the status and the
 * start of the answer, whitespace folded), whether a later attempt may succeed, and how long the
 * answer asked to wait (Retry-After). Credentials are redacted by the caller, who knows them.
 */
import { retryAfterSeconds } from "./backoff";
import type { SendResult } from "./send";

/** Characters of an answer's body kept in last_error. */
const ANSWER_SNIPPET = 300;

export interface Failure {
  status: number | null;
  error: string;
  retryable: boolean;
  retryAfter: number | null;
}

/**
 * The failure of `sent` (a non-2xx answer, a refusal, no answer); `retryable` classifies an
 * answer's status, `stated` is a failure the API reported inside a 2xx (TikTok's code).
 */
export function failureOf(
  sent: SendResult,
  now: number,
  retryable: (status: number, text: string) => boolean,
  stated?: { error: string; retryable: boolean } | null,
): Failure {
  if (sent.kind === "failed")
    return { status: null, error: sent.error, retryable: true, retryAfter: null };
  if (sent.kind === "refused")
    return { status: sent.status, error: sent.error, retryable: false, retryAfter: null };
  const snippet = (stated?.error ?? sent.text).replace(/\s+/g, " ").trim().slice(0, ANSWER_SNIPPET);
  return {
    status: sent.status,
    error: `HTTP ${sent.status}${snippet ? `: ${snippet}` : ""}`,
    retryable: stated ? stated.retryable : retryable(sent.status, sent.text),
    retryAfter: retryAfterSeconds(sent.retryAfter, now),
  };
}
