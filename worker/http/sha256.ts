/**
 * SHA-256 as lowercase hex: a replayed body's key (inbound/process-delivery.ts), an erased
 * message's id (consent/erased-messages.ts), a hashed phone (forward/phone-hash.ts).
 */

/** Lowercase hex SHA-256 of `text` (UTF-8). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)),
  );
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
