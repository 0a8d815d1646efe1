/** Constant-time comparison of secrets (admin token, webhook verify token). */

const encoder = new TextEncoder();

async function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(text));
}

/**
 * Constant-time comparison of two secrets. Both are hashed first so the compared buffers always
 * have the same length, and neither the length nor a common prefix of the token leaks in timing.
 */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([sha256(a), sha256(b)]);
  return crypto.subtle.timingSafeEqual(ha, hb);
}
