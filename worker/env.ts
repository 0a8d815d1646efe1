import type { ApiKeyScope } from "./db/schema";

/** The Hono environment shared by every route: bindings from wrangler.toml (see worker-configuration.d.ts). */
export type AppEnv = {
  Bindings: Env;
  Variables: {
    /** Set by the API-key middleware: the one site this request may read. */
    siteId: string;
    /** Set with it: that site's IANA time zone (its stats' days). */
    timezone: string;
    /** Set with it: the key's id (audit rows name it) and its scope. */
    keyId: string;
    keyScope: ApiKeyScope;
  };
};
