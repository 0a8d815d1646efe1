/**
 * Optional Worker settings for forwarding, read from `env` like the generated bindings:
 * - CHATREF_SECRET_KEY (secret): seals destination credentials with AES-GCM (secrets.ts);
 * - FORWARD_TIMEOUT_MS (var): how long one delivery attempt may take (default 10 s);
 * - CHATREF_LOCAL_DEV (var, `.dev.vars` only): "1" allows loopback destinations over http
 *   (url-policy.ts) and unencrypted credentials (secrets.ts). Production never sets it.
 */
interface ForwardSettings {
  CHATREF_SECRET_KEY?: string;
  FORWARD_TIMEOUT_MS?: string;
  CHATREF_LOCAL_DEV?: string;
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

/** Whether this Worker runs for local development (CHATREF_LOCAL_DEV=1 in `.dev.vars`). */
export function isLocalDev(env: { CHATREF_LOCAL_DEV?: string }): boolean {
  return env.CHATREF_LOCAL_DEV === "1";
}
