/**
 * Forwarding settings read from `env`, all typed in worker-configuration.d.ts (`npm run types`)
 * except CHATREF_SECRET_KEY (worker/env.ts):
 * - FORWARD_TIMEOUT_MS (wrangler.toml var): how long one delivery attempt may take (default 10 s);
 * - CHATREF_LOCAL_DEV (`.dev.vars` only): "1" allows loopback destinations over http
 *   (url-policy.ts) and unencrypted credentials (secrets.ts). Production never sets it.
 */

/** One attempt's time limit. */
export function forwardTimeoutMs(env: Env): number {
  const ms = Number(env.FORWARD_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : 10_000;
}

/** Whether this Worker runs for local development (CHATREF_LOCAL_DEV=1 in `.dev.vars`). */
export function isLocalDev(env: { CHATREF_LOCAL_DEV?: string }): boolean {
  return env.CHATREF_LOCAL_DEV === "1";
}
