/**
 * `Authorization: Bearer <key>` for the site API. Keys are stored as SHA-256 hex; a key grants
 * exactly one site, which the middleware puts on `c.var.siteId` for every query to filter on
 * (and its time zone on `c.var.timezone`). A key's scope is `read` (every GET) or `full`; the
 * scope a route needs comes from its declaration (api-route.ts), never from the handler. An
 * `events` key opens no route here: it is a CRM hook's URL (crm-hook-route.ts).
 */
import { and, eq, isNull } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { API_KEY_SCOPES, type ApiKeyScope, apiKeys, sites } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";

/** Lowercase hex SHA-256 of an API key, as stored in api_keys.key_hash. */
export async function hashApiKey(key: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)),
  );
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Middleware factory: 401 unless a live key is presented, 403 `forbidden` when the key's scope
 * does not cover `needs` (the message names the route, e.g. `POST /api/v1/links`).
 */
export function apiKeyAuth(needs: ApiKeyScope) {
  if (!API_KEY_SCOPES.includes(needs)) throw new Error(`unknown key scope ${needs}`);
  return createMiddleware<AppEnv>(async function apiKeyAuth(c, next) {
    const key = /^Bearer\s+(\S{1,256})$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (!key) throw new ApiError(401, "unauthorized", "Send Authorization: Bearer <api key>");
    const row = await c.var.db
      .select({
        id: apiKeys.id,
        scope: apiKeys.scope,
        siteId: apiKeys.siteId,
        timezone: sites.timezone,
      })
      .from(apiKeys)
      .innerJoin(sites, eq(sites.id, apiKeys.siteId))
      .where(and(eq(apiKeys.keyHash, await hashApiKey(key)), isNull(apiKeys.revokedAt)))
      .get();
    if (!row) throw new ApiError(401, "unauthorized", "Unknown or revoked API key");
    if (row.scope === "events")
      throw new ApiError(
        403,
        "forbidden",
        "this API key has scope events: it only posts sale events to /webhooks/crm/<key>",
      );
    // `full` covers `read`; anything else (a scope this code does not know) covers nothing more.
    if (needs === "full" && row.scope !== "full")
      throw new ApiError(
        403,
        "forbidden",
        `this API key has scope ${row.scope}; ${c.req.method} ${c.req.routePath} needs scope full`,
      );
    c.set("siteId", row.siteId);
    c.set("timezone", row.timezone);
    c.set("keyId", row.id);
    c.set("keyScope", row.scope);
    await next();
  });
}
