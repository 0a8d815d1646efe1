import type { Db } from "./db/client";
import type { ApiKeyScope } from "./db/schema";
import type { ForwardMessage } from "./model/forward-message";

declare global {
  /**
   * CHATREF_SECRET_KEY (secret) seals destination credentials (forward/secrets.ts). It is optional
   * and left out of .dev.vars.example (local credentials stay unencrypted), so `wrangler types`
   * cannot emit it; this is its one declaration, on the global Env and `cloudflare:workers`' Env.
   */
  interface Env {
    CHATREF_SECRET_KEY?: string;
  }
  namespace Cloudflare {
    interface Env {
      CHATREF_SECRET_KEY?: string;
    }
  }
}

/**
 * The Worker's bindings: the Env wrangler types generates from wrangler.toml, with the forward
 * queue's message type (wrangler cannot know it), so no caller casts the queue.
 */
export type Bindings = Omit<Env, "FORWARD_QUEUE"> & { FORWARD_QUEUE: Queue<ForwardMessage> };

/** The Hono environment shared by every route: bindings from wrangler.toml (see worker-configuration.d.ts). */
export type AppEnv = {
  Bindings: Bindings;
  Variables: {
    /** Set by db/middleware.ts for every request: the drizzle client of `DB`. */
    db: Db;
    /** Set by the API-key middleware: the one site this request may read. */
    siteId: string;
    /** Set with it: that site's IANA time zone (its stats' days). */
    timezone: string;
    /** Set with it: the key's id (audit rows name it) and its scope. */
    keyId: string;
    keyScope: ApiKeyScope;
  };
};
