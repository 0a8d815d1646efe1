/**
 * Optional Worker settings for forwarding, read from `env` like the generated bindings:
 * - CHATREF_SECRET_KEY (secret): seals destination credentials with AES-GCM (secrets.ts);
 * - FORWARD_TIMEOUT_MS (var): how long one delivery attempt may take (default 10 s).
 */
interface ForwardSettings {
  CHATREF_SECRET_KEY?: string;
  FORWARD_TIMEOUT_MS?: string;
}

declare global {
  // Both the global Env (Hono bindings) and Cloudflare.Env (`cloudflare:workers`).
  interface Env extends ForwardSettings {}
  namespace Cloudflare {
    interface Env extends ForwardSettings {}
  }
}

/** One attempt's time limit. */
export function forwardTimeoutMs(env: Env): number {
  const ms = Number(env.FORWARD_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : 10_000;
}
