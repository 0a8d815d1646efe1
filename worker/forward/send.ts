/**
 * One HTTP request to a destination, with the outbound defences in one place:
 *
 * - the exact URL passes the URL policy (url-policy.ts) right before the request, or none is made;
 * - redirects are never followed (`redirect: "manual"`): a 3xx would carry the credential in the
 *   query, or the signed body, to a host nobody checked; it counts as a failed attempt;
 * - at most ANSWER_MAX_BYTES of the answer are read, then the rest is cancelled: a destination
 *   answering with hundreds of MB (or forever) costs a few KB and the time limit at most;
 * - the whole attempt, body included, runs under the time limit.
 */
import type { DestinationKind } from "../db/schema";
import { isLocalDev } from "./env";
import { urlProblem } from "./url-policy";

/** Bytes of an answer's body read at most (Meta's error JSON fits well inside). */
export const ANSWER_MAX_BYTES = 4096;

/**
 * What a request got. `text` is at most ANSWER_MAX_BYTES (or `answerMaxBytes`) of the body,
 * decoded (2xx: with readOk).
 */
export type SendResult =
  | { kind: "answer"; status: number; ok: boolean; text: string; retryAfter: string | null }
  /** Not sent: the URL policy refused it, or a redirect was not followed (final failures). */
  | { kind: "refused"; status: number | null; error: string }
  /** No answer: refused connection, reset, time limit. */
  | { kind: "failed"; error: string };

export interface SendInput {
  env: Env;
  destinationKind: DestinationKind;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** GET sends no body: Metrica's upload status (yandex-upload.ts). Default POST. */
  method?: "GET" | "POST";
  /** Read a 2xx answer too (bounded the same way): an OAuth token answer (google-oauth.ts). */
  readOk?: boolean;
  /** Bytes of the answer read at most, when ANSWER_MAX_BYTES is too few (oauth-token.ts). */
  answerMaxBytes?: number;
}

/** Reads at most `max` bytes of `stream`, then cancels the rest. */
export async function readAnswerHead(stream: ReadableStream<Uint8Array> | null, max: number) {
  if (!stream) return "";
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) return decode(chunks);
      const part = value.subarray(0, max - size);
      chunks.push(part);
      size += part.length;
    }
    return decode(chunks);
  } finally {
    // Frees the connection now instead of draining an answer nobody reads.
    reader.cancel().catch(() => {});
  }
}

function decode(chunks: Uint8Array[]): string {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(all);
}

/** Sends one request (POST unless told) and reads its answer bounded; never throws for network trouble. */
export async function sendToDestination(input: SendInput): Promise<SendResult> {
  const { env, destinationKind, url, headers, body, timeoutMs } = input;
  const problem = urlProblem(url, destinationKind, isLocalDev(env));
  if (problem)
    return { kind: "refused", status: null, error: `destination URL refused: ${problem}` };
  try {
    const res = await fetch(url, {
      method: input.method ?? "POST",
      headers,
      body: input.method === "GET" ? undefined : body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => {});
      return {
        kind: "refused",
        status: res.status,
        error: `HTTP ${res.status}: redirect not followed (the destination URL must answer itself)`,
      };
    }
    if (res.ok && !input.readOk) {
      await res.body?.cancel().catch(() => {});
      return { kind: "answer", status: res.status, ok: true, text: "", retryAfter: null };
    }
    const text = await readAnswerHead(res.body, input.answerMaxBytes ?? ANSWER_MAX_BYTES);
    return {
      kind: "answer",
      status: res.status,
      ok: res.ok,
      text,
      retryAfter: res.headers.get("retry-after"),
    };
  } catch (err) {
    const timedOut = err instanceof Error && err.name === "TimeoutError";
    const why = (err instanceof Error ? err.message : String(err)).slice(0, 300);
    return {
      kind: "failed",
      error: timedOut
        ? `no answer within ${timeoutMs} ms`
        : `request failed: ${why || "unknown error"}`,
    };
  }
}
