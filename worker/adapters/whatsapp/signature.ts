/**
 * Meta's `X-Hub-Signature-256`: `sha256=` + lowercase hex HMAC-SHA256 of the raw body, keyed with
 * the app secret. Verified with WebCrypto (constant time) over the exact bytes received.
 */
import { hmacKey } from "../hmac-key";

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** True when `header` is a valid `sha256=<hex>` signature of `body` under `secret`. */
export async function verifyMetaSignature(
  body: ArrayBuffer,
  header: string | undefined,
  secret: string,
): Promise<boolean> {
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? "")?.[1];
  if (!hex || !secret) return false;
  return crypto.subtle.verify(
    "HMAC",
    await hmacKey(secret, "SHA-256"),
    hexToBytes(hex.toLowerCase()),
    body,
  );
}

/** The header value Meta would send for `body` (used by the phone simulator, tests and the bench). */
export async function signMetaBody(
  body: string | Uint8Array<ArrayBuffer>,
  secret: string,
): Promise<string> {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", await hmacKey(secret, "SHA-256"), bytes),
  );
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
