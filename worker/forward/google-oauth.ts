/**
 * OAuth access tokens for the Data Manager API (scope DATAMANAGER_SCOPE, protocols.md §6.1),
 * made in the Worker:
 *
 * - a service account signs a JWT (RS256 with WebCrypto; `iss` = its email, `scope`, `aud` = the
 *   token endpoint, `iat`, `exp` one hour later) and exchanges it (RFC 7523 `jwt-bearer` grant);
 * - an OAuth client exchanges its refresh token (`grant_type=refresh_token`).
 *
 * The exchange itself (the URL policy for `google_ads`, the cache keyed by credential and both
 * endpoints, final 4xx and retried 5xx / timeouts) is oauth-token.ts, shared with Microsoft
 * Advertising.
 */
import { CredentialError } from "./format";
import { parseStoredCredential, type ServiceAccountCredential } from "./google-credentials";
import { exchangeToken, forgetTokens } from "./oauth-token";

export const DATAMANAGER_SCOPE = "https://www.googleapis.com/auth/datamanager";
export const GOOGLE_TOKEN_ENDPOINT = "https://oauth2.googleapis.com/token";
/** A JWT assertion's lifetime (Google's maximum). */
export const JWT_LIFETIME_S = 3600;
/** Forgets every cached token (an ingest 401 says one was revoked; tests). */
export const forgetGoogleTokens = forgetTokens;

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

/** An access token for the destination: the cached one, or a new one (oauth-token.ts). */
export function googleAccessToken(input: TokenInput): Promise<string> {
  const { env, destinationId, credential, tokenEndpoint, endpoint, now } = input;
  return exchangeToken({
    env,
    destinationId,
    destinationKind: "google_ads",
    tokenEndpoint,
    madeFrom: `${credential}\n${tokenEndpoint}\n${endpoint}`,
    now,
    async form(): Promise<Record<string, string>> {
      const account = parseStoredCredential(credential);
      if (account.type === "service_account")
        return {
          grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
          assertion: await signServiceAccountJwt(account, tokenEndpoint, now),
        };
      return {
        grant_type: "refresh_token",
        client_id: account.client_id,
        client_secret: account.client_secret,
        refresh_token: account.refresh_token,
      };
    },
  });
}
