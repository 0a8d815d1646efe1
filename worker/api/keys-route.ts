/**
 * A site's API keys (`/api/v1/sites/:id/keys`, admin token): create, list and revoke. A key is
 * shown once, in the response that creates it; only its SHA-256 is stored (api-key-auth.ts). Its
 * scope is `read` (every GET) unless `full` is asked for; a site's first key (made with the site,
 * sites-route.ts) is `full`.
 */
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { newId } from "../db/ids";
import { API_KEY_SCOPES, type ApiKeyScope, apiKeys } from "../db/schema";
import { ApiError } from "../http/errors";
import { hashApiKey } from "./api-key-auth";
import { apiApp, jsonResponse } from "./api-route";
import { findSite } from "./find-site";
import { SITE_ROUTES } from "./resource-routes";
import {
  apiKeyCreatedSchema,
  apiKeyListSchema,
  apiKeySchema,
  newApiKey,
  toApiKeyJson,
} from "./site-json";
import { siteRows } from "./site-row";

export const createKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  /** `read` answers every GET; `full` may also write, forward, backfill, retry and erase. */
  scope: z.enum(API_KEY_SCOPES).default("read"),
});

/** A new key row for `siteId` and the one response that shows the key. */
export async function mintKey(siteId: string, name: string, scope: ApiKeyScope, now: number) {
  const { key, prefix } = newApiKey();
  const row = {
    id: newId("key", now),
    siteId,
    name,
    scope,
    prefix,
    createdAt: now,
    revokedAt: null,
  };
  return { row: { ...row, keyHash: await hashApiKey(key) }, json: { ...toApiKeyJson(row), key } };
}

const { params: siteParams, route, createUnder, onItem } = SITE_ROUTES;

export const keysRoute = apiApp()
  .openapi(
    createUnder(
      "/{id}/keys",
      "createApiKey",
      "A new API key for the site, scope `read` unless asked (the key is shown only here)",
      [createKeyBody, 4 * 1024],
      jsonResponse(apiKeyCreatedSchema, "The new key"),
    ),
    async (c) => {
      const body = c.req.valid("json");
      const site = await findSite(c.env.DB, c.req.valid("param").id);
      const key = await mintKey(site.id, body.name, body.scope, Date.now());
      await c.var.db.insert(apiKeys).values(key.row).run();
      return c.json(key.json, 201);
    },
  )
  .openapi(
    onItem("get", "/{id}/keys", "listApiKeys", "The site's API keys (never the key or its hash)", [
      200,
      jsonResponse(apiKeyListSchema, "The keys"),
    ]),
    async (c) => {
      const site = await findSite(c.env.DB, c.req.valid("param").id);
      const rows = await siteRows(c.var.db.select().from(apiKeys), apiKeys, site.id);
      return c.json({ data: rows.map(toApiKeyJson) }, 200);
    },
  )
  .openapi(
    route(
      "delete",
      "/{id}/keys/{keyId}",
      "revokeApiKey",
      "Revoke a key (revoking again keeps the first `revoked_at`)",
      {
        request: {
          params: siteParams.extend({ keyId: z.string().min(1).max(64).describe("the key's id") }),
        },
        responses: { 200: jsonResponse(apiKeySchema, "The revoked key") },
      },
    ),
    async (c) => {
      const { id, keyId } = c.req.valid("param");
      const db = c.var.db;
      const mine = and(eq(apiKeys.siteId, id), eq(apiKeys.id, keyId));
      // Revoking twice keeps the first revocation time; the auth middleware reads every request.
      await db
        .update(apiKeys)
        .set({ revokedAt: Date.now() })
        .where(and(mine, isNull(apiKeys.revokedAt)))
        .run();
      const row = await db.select().from(apiKeys).where(mine).get();
      if (!row) throw new ApiError(404, "not_found", `No key ${keyId} on this site`);
      return c.json(toApiKeyJson(row), 200);
    },
  );
