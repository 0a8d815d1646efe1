/**
 * `Authorization: Bearer <key>` for the read API. Keys are stored as SHA-256 hex; a key grants
 * exactly one site, which the middleware puts on `c.var.siteId` for every query to filter on
 * (and its time zone on `c.var.timezone`).
 */
import { and, eq, isNull } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { getDb } from "../db/client";
import { apiKeys, sites } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";

/** Lowercase hex SHA-256 of an API key, as stored in api_keys.key_hash. */
export async function hashApiKey(key: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)),
  );
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Middleware factory: rejects with 401 unless a live key is presented. */
export function apiKeyAuth() {
  return createMiddleware<AppEnv>(async function apiKeyAuth(c, next) {
    const key = /^Bearer\s+(\S{1,256})$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (!key) throw new ApiError(401, "unauthorized", "Send Authorization: Bearer <api key>");
    const row = await getDb(c.env.DB)
      .select({ siteId: apiKeys.siteId, timezone: sites.timezone })
      .from(apiKeys)
      .innerJoin(sites, eq(sites.id, apiKeys.siteId))
      .where(and(eq(apiKeys.keyHash, await hashApiKey(key)), isNull(apiKeys.revokedAt)))
      .get();
    if (!row) throw new ApiError(401, "unauthorized", "Unknown or revoked API key");
    c.set("siteId", row.siteId);
    c.set("timezone", row.timezone);
    await next();
  });
}
