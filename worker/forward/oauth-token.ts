/**
 * The OAuth token exchange every destination kind with short-lived access tokens shares: Google
 * Ads (google-oauth.ts: a signed JWT or a refresh token) and Microsoft Advertising
 * (microsoft-ads.ts: a refresh token). The kind builds the form; this module posts it and keeps
 * the token.
 *
 * The token request goes through send.ts like a delivery (the kind's URL policy, no redirects, a
 * bounded answer, the time limit). Tokens are cached per isolate per destination, keyed by a
 * fingerprint of what made them (credential and endpoints: a changed credential or endpoint never
 * reuses a token), until TOKEN_MARGIN_MS before they expire. Failures are CredentialErrors: 4xx
 * from the token endpoint (invalid_grant, invalid_client) are final, with the endpoint's answer as
 * the reason; 5xx, 408, 429, timeouts and refused connections are retried.
 */
import type { DestinationKind } from "../db/schema";
import { sha256Hex } from "../http/sha256";
import { forwardTimeoutMs } from "./env";
import { CredentialError, transientStatus } from "./format";
import { sendToDestination } from "./send";

/** A cached token is renewed this long before it expires (a request in flight must not outlive it). */
export const TOKEN_MARGIN_MS = 5 * 60_000;
/** Cached tokens per isolate at most (oldest dropped first). */
const CACHE_MAX = 500;
/** Characters of the token endpoint's answer kept in the reason. */
const SNIPPET = 300;
/**
 * Bytes of a token answer read at most. The answer holds the access token (up to
 * ACCESS_TOKEN_MAX_CHARS) and, from Microsoft, a new refresh token as long as the one sent (up to
 * 4,096 characters, microsoft-ads-config.ts), so send.ts's 4 KB would cut a valid answer and
 * make every exchange fail; still bounded.
 */
const TOKEN_ANSWER_MAX_BYTES = 16 * 1024;
/** The longest access token accepted. */
const ACCESS_TOKEN_MAX_CHARS = 8192;

const cache = new Map<string, { token: string; fingerprint: string; expiresAt: number }>();

/** Forgets every cached token (a 401 from the API says one was revoked; tests). */
export function forgetTokens(): void {
  cache.clear();
}

export interface TokenExchange {
  env: Env;
  destinationId: string;
  /** Whose URL policy the token endpoint passes. */
  destinationKind: DestinationKind;
  tokenEndpoint: string;
  /** What the token is made from (credential, endpoints); its hash keys the cache. */
  madeFrom: string;
  /** The form posted, built only when no cached token fits (a JWT is signed only then). */
  form: () => Promise<Record<string, string>>;
  now: number;
}

/** An access token for the destination: the cached one, or a new one from the token endpoint. */
export async function exchangeToken(input: TokenExchange): Promise<string> {
  const { env, destinationId, tokenEndpoint, now } = input;
  const fingerprint = await sha256Hex(input.madeFrom);
  const hit = cache.get(destinationId);
  if (hit && hit.fingerprint === fingerprint && hit.expiresAt > now) return hit.token;

  const sent = await sendToDestination({
    env,
    destinationKind: input.destinationKind,
    url: tokenEndpoint,
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams(await input.form()).toString(),
    timeoutMs: forwardTimeoutMs(env),
    readOk: true,
    answerMaxBytes: TOKEN_ANSWER_MAX_BYTES,
  });
  if (sent.kind === "refused")
    throw new CredentialError(`OAuth token: ${sent.error}`, false, sent.status);
  if (sent.kind === "failed") throw new CredentialError(`OAuth token: ${sent.error}`, true, null);
  const snippet = sent.text.replace(/\s+/g, " ").trim().slice(0, SNIPPET);
  if (!sent.ok)
    throw new CredentialError(
      `OAuth token refused: HTTP ${sent.status}${snippet ? `: ${snippet}` : ""}`,
      transientStatus(sent.status),
      sent.status,
    );
  let answer: { access_token?: unknown; expires_in?: unknown };
  try {
    answer = JSON.parse(sent.text) as typeof answer;
  } catch {
    answer = {};
  }
  const token = answer.access_token;
  if (
    typeof token !== "string" ||
    !token ||
    token.length > ACCESS_TOKEN_MAX_CHARS ||
    /[\s"]/.test(token)
  )
    throw new CredentialError(
      `OAuth token: HTTP ${sent.status} without a usable access_token`,
      true,
      sent.status,
    );
  const lifetimeMs = (typeof answer.expires_in === "number" ? answer.expires_in : 3600) * 1000;
  // A short-lived token is kept for half its life, a normal one until the margin.
  const keepMs = lifetimeMs > 2 * TOKEN_MARGIN_MS ? lifetimeMs - TOKEN_MARGIN_MS : lifetimeMs / 2;
  cache.delete(destinationId);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value ?? "");
  cache.set(destinationId, { token, fingerprint, expiresAt: now + keepMs });
  return token;
}
