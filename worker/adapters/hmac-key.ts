/**
 * HMAC keys for the providers' webhook signatures (Meta: SHA-256 with the app secret; Twilio:
 * SHA-1 with a connection's Auth Token), imported once per isolate and secret. Secrets are few
 * (one app, one token per connection); the cache is cleared past 1,000 so it stays bounded.
 */

const keys = new Map<string, Promise<CryptoKey>>();

/** The WebCrypto HMAC key of `secret` for `hash`, able to sign and verify. */
export function hmacKey(secret: string, hash: "SHA-1" | "SHA-256"): Promise<CryptoKey> {
  const id = `${hash}:${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash },
      false,
      ["sign", "verify"],
    );
    if (keys.size >= 1000) keys.clear();
    keys.set(id, key);
  }
  return key;
}
