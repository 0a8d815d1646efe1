/**
 * OAuth access tokens for the Data Manager API (scope DATAMANAGER_SCOPE, protocols.md §6.1),
 * made in the Worker:
 *
 * - a service account signs a JWT (RS256 with WebCrypto; `iss` = its email, `scope`, `aud` = the
 *   token endpoint, `iat`, `exp` one hour later) and exchanges it (RFC 7523 `jwt-bearer` grant);
 * - an OAuth client exchanges its refresh token (`grant_type=refresh_token`).
 *
 * The token request goes through send.ts like a delivery (the URL policy for `google_ads`, no
 * redirects, a bounded answer, the time limit). Tokens are cached per isolate per destination,
 * keyed by a fingerprint of the credential and both endpoints (a changed credential or endpoint
 * never reuses a token), until TOKEN_MARGIN_MS before they expire. Failures are CredentialErrors:
 * 4xx from the token endpoint (invalid_grant, invalid_client) are final, with Google's answer as
 * the reason; 5xx, 408, 429, timeouts and refused connections are retried.
 */
import { forwardTimeoutMs } from "./env";
import { CredentialError, transientStatus } from "./format";
import { parseStoredCredential, type ServiceAccountCredential } from "./google-credentials";
import { sha256Hex } from "./phone-hash";
import { sendToDestination } from "./send";

export const DATAMANAGER_SCOPE = "https://www.googleapis.com/auth/datamanager";
export const GOOGLE_TOKEN_ENDPOINT = "https://oauth2.googleapis.com/token";
/** A JWT assertion's lifetime (Google's maximum). */
export const JWT_LIFETIME_S = 3600;
/** A cached token is renewed this long before it expires (a request in flight must not outlive it). */
export const TOKEN_MARGIN_MS = 5 * 60_000;
/** Cached tokens per isolate at most (oldest dropped first). */
const CACHE_MAX = 500;
/** Characters of the token endpoint's answer kept in the reason. */
const SNIPPET = 300;

const cache = new Map<string, { token: string; fingerprint: string; expiresAt: number }>();

/** Forgets every cached token (an ingest 401 says one was revoked; tests). */
export function forgetGoogleTokens(): void {
  cache.clear();
}

/** base64url of bytes or of a string's UTF-8. */
export function base64Url(data: Uint8Array | string): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The DER bytes of a PKCS#8 PEM. */
function pemToDer(pem: string): Uint8Array {
  const b64 = pem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, "").replace(/\s+/g, "");
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** A signed RS256 JWT assertion for `account` to present at `audience` (the token endpoint). */
export async function signServiceAccountJwt(
  account: ServiceAccountCredential,
  audience: string,
  nowMs: number,
): Promise<string> {
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey(
      "pkcs8",
      pemToDer(account.private_key),
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["sign"],
    );
  } catch {
    throw new CredentialError(
      "the service account's private_key could not be read as an RSA key (send the key file again)",
      false,
      null,
    );
  }
  const iat = Math.floor(nowMs / 1000);
  const header = base64Url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const claims = base64Url(
    JSON.stringify({
      iss: account.client_email,
      scope: DATAMANAGER_SCOPE,
      aud: audience,
      iat,
      exp: iat + JWT_LIFETIME_S,
    }),
  );
  const input = `${header}.${claims}`;
  const signature = await crypto.subtle.sign(
    "RSASSA-PKCS1-v1_5",
    key,
    new TextEncoder().encode(input),
  );
  return `${input}.${base64Url(new Uint8Array(signature))}`;
}

export interface TokenInput {
  env: Env;
  destinationId: string;
  /** The opened stored credential (google-credentials.ts canonical JSON). */
  credential: string;
  tokenEndpoint: string;
  /** Where the token will be sent (part of the cache key). */
  endpoint: string;
  now: number;
}

/** An access token for the destination: the cached one, or a new one from the token endpoint. */
export async function googleAccessToken(input: TokenInput): Promise<string> {
  const { env, destinationId, credential, tokenEndpoint, endpoint, now } = input;
  const fingerprint = await sha256Hex(`${credential}\n${tokenEndpoint}\n${endpoint}`);
  const hit = cache.get(destinationId);
  if (hit && hit.fingerprint === fingerprint && hit.expiresAt > now) return hit.token;

  const account = parseStoredCredential(credential);
  const form = new URLSearchParams(
    account.type === "service_account"
      ? {
          grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
          assertion: await signServiceAccountJwt(account, tokenEndpoint, now),
        }
      : {
          grant_type: "refresh_token",
          client_id: account.client_id,
          client_secret: account.client_secret,
          refresh_token: account.refresh_token,
        },
  );
  const sent = await sendToDestination({
    env,
    destinationKind: "google_ads",
    url: tokenEndpoint,
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
    timeoutMs: forwardTimeoutMs(env),
    readOk: true,
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
  if (typeof token !== "string" || !token || token.length > 4096 || /[\s"]/.test(token))
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
