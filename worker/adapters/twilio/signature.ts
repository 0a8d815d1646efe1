/**
 * Twilio's `X-Twilio-Signature` (protocols.md §3.2): Base64(HMAC-SHA1(auth token, the full URL
 * the request was made to — scheme, host, non-default port, path, query — followed by every POST
 * parameter's name and value, sorted by name, with no delimiters)). Computed here with WebCrypto
 * (the `twilio` SDK is Node-only); the route compares it in constant time.
 */

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(token: string): Promise<CryptoKey> {
  let key = keys.get(token);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(token),
      { name: "HMAC", hash: "SHA-1" },
      false,
      ["sign"],
    );
    // Auth tokens are few (one per connection); the map stays small.
    if (keys.size > 1000) keys.clear();
    keys.set(token, key);
  }
  return key;
}

/**
 * The string Twilio signs: `url` then each parameter as name+value, ordered by name (code units,
 * as Twilio's SDKs sort) and, for a name given twice, by value.
 */
export function twilioSignedString(url: string, params: Iterable<[string, string]>): string {
  const pairs = [...params].sort(([a, av], [b, bv]) =>
    a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0,
  );
  return url + pairs.map(([name, value]) => name + value).join("");
}

/** The `X-Twilio-Signature` Twilio sends for a form POST of `params` to `url`. */
export async function twilioSignature(
  authToken: string,
  url: string,
  params: Iterable<[string, string]>,
): Promise<string> {
  const data = encoder.encode(twilioSignedString(url, params));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(authToken), data));
  return btoa(String.fromCharCode(...mac));
}
