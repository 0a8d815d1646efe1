/**
 * Destination credentials at rest. With the Worker secret `CHATREF_SECRET_KEY` set, a credential
 * is sealed with AES-256-GCM under a key derived from it (HKDF-SHA-256), bound to its destination
 * id (additional data), as `v1.<iv>.<ciphertext>`. Storing fails closed (`sealCredential`):
 * without a key of at least 32 bytes no credential is stored, unless CHATREF_LOCAL_DEV=1, where it
 * is kept as `plain.<base64url>` (local demo); a later key still reads those, and deliveries
 * re-seal them (reseal.ts). Credentials never leave the Worker in a response or a log line:
 * `redact` scrubs them out of error texts.
 */
import { ApiError } from "../http/errors";
import { isLocalDev } from "./env";

const enc = new TextEncoder();
const dec = new TextDecoder();
const HKDF_INFO = enc.encode("chatref destination secrets v1");

/** Raised when a sealed credential cannot be opened (no or wrong key, damaged value). */
export class SecretError extends Error {
  override name = "SecretError";
}

/** Base64url without padding. */
export function toB64url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromB64url(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}

const keys = new Map<string, Promise<CryptoKey>>();

/** The AES-GCM key derived from the Worker secret, once per isolate. */
function aesKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .importKey("raw", enc.encode(secret), "HKDF", false, ["deriveKey"])
      .then((ikm) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: HKDF_INFO },
          ikm,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"],
        ),
      );
    keys.set(secret, key);
  }
  return key;
}

/** Seals `plaintext` for destination `id` (encrypted when `masterKey` is set). */
export async function sealSecret(
  plaintext: string,
  id: string,
  masterKey: string | undefined,
): Promise<string> {
  if (!masterKey) return `plain.${toB64url(enc.encode(plaintext))}`;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: enc.encode(id) },
    await aesKey(masterKey),
    enc.encode(plaintext),
  );
  return `v1.${toB64url(iv)}.${toB64url(new Uint8Array(ct))}`;
}

/** The shortest CHATREF_SECRET_KEY that seals credentials (bytes of its UTF-8 text). */
export const SECRET_KEY_MIN_BYTES = 32;

/** CHATREF_SECRET_KEY when it is long enough to seal with, else undefined. */
export function sealingKey(env: { CHATREF_SECRET_KEY?: string }): string | undefined {
  const key = env.CHATREF_SECRET_KEY;
  return key && enc.encode(key).length >= SECRET_KEY_MIN_BYTES ? key : undefined;
}

/**
 * Seals a credential for storage, failing closed: without a usable key it is stored unencrypted
 * only for local development; otherwise 503 `secret_key_missing`, and nothing is written.
 */
export async function sealCredential(
  plaintext: string,
  id: string,
  env: { CHATREF_SECRET_KEY?: string; CHATREF_LOCAL_DEV?: string },
): Promise<string> {
  const key = sealingKey(env);
  if (key || isLocalDev(env)) return sealSecret(plaintext, id, key);
  throw new ApiError(
    503,
    "secret_key_missing",
    `Credentials are stored encrypted: set the Worker secret CHATREF_SECRET_KEY (at least ${SECRET_KEY_MIN_BYTES} bytes, e.g. \`openssl rand -base64 32\`) before adding or changing a destination`,
  );
}

/** Opens a value made by `sealSecret` for destination `id`; throws SecretError otherwise. */
export async function openSecret(
  sealed: string,
  id: string,
  masterKey: string | undefined,
): Promise<string> {
  const [version, a, b] = sealed.split(".");
  try {
    if (version === "plain" && a !== undefined) return dec.decode(fromB64url(a));
    if (version === "v1" && a !== undefined && b !== undefined) {
      if (!masterKey)
        throw new SecretError("credential is encrypted but CHATREF_SECRET_KEY is not set");
      const pt = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromB64url(a), additionalData: enc.encode(id) },
        await aesKey(masterKey),
        fromB64url(b),
      );
      return dec.decode(pt);
    }
  } catch (err) {
    if (err instanceof SecretError) throw err;
    throw new SecretError("credential cannot be decrypted with CHATREF_SECRET_KEY");
  }
  throw new SecretError("credential is not in a known format");
}

/** The last four characters, for telling credentials apart in responses. */
export function secretHint(secret: string): string {
  return secret.length > 8 ? secret.slice(-4) : "";
}

/** A Standard Webhooks signing secret: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return `whsec_${btoa(bin)}`;
}

/** `text` with every occurrence of the given secrets (and their URL-encoded forms) replaced. */
export function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)]))
      out = out.split(form).join("[redacted]");
  }
  return out;
}
