/**
 * Twilio's `X-Twilio-Signature` (protocols.md §3.2): Base64(HMAC-SHA1(auth token, the full URL
 * the request was made to — scheme, host, non-default port, path, query — followed by every POST
 * parameter's name and value, sorted by name, with no delimiters)). Computed here with WebCrypto
 * (the `twilio` SDK is Node-only); the route compares it in constant time.
 */
import { hmacKey } from "../hmac-key";

const encoder = new TextEncoder();

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
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", await hmacKey(authToken, "SHA-1"), data),
  );
  return btoa(String.fromCharCode(...mac));
}
