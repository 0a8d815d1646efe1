/**
 * A site's chat-app connections (`/api/v1/sites/:id/connections`, admin token; the kinds are in
 * connection-kinds.ts). Adding a bot stores its id, username and webhook secret (sealed like destination
 * credentials, failing closed without CHATREF_SECRET_KEY); the secret is shown once, to pass to
 * Telegram's `setWebhook` (`chatref connections add` does that call). Adding the same bot again
 * to the same site replaces its username and secret; a bot connected to another site is a 409.
 */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { newId } from "../db/ids";
import { channelConnections } from "../db/schema";
import { clearSiteCache } from "../db/sites";
import { openSecret, sealCredential, sealingKey } from "../forward/secrets";
import { ApiError } from "../http/errors";
import { apiApp, apiRoute, idParams, jsonBody, jsonResponse } from "./api-route";
import {
  connectionCreatedSchema,
  connectionListSchema,
  connectionSchema,
  toConnectionJson,
} from "./connection-json";
import { connectionKindOf, createConnectionBody } from "./connection-kinds";
import { findSite } from "./find-site";

const tags = ["admin"];
const siteParams = idParams("site");

const createConnection = apiRoute({
  method: "post",
  path: "/{id}/connections",
  scope: "admin",
  operationId: "createConnection",
  tags,
  summary: "Connect a chat-app account to the site (a generated webhook secret is shown only here)",
  request: { params: siteParams, body: jsonBody(createConnectionBody) },
  bodyMax: 4 * 1024,
  responses: { 201: jsonResponse(connectionCreatedSchema, "The connection") },
  errors: [409, 503],
});

const listConnections = apiRoute({
  method: "get",
  path: "/{id}/connections",
  scope: "admin",
  operationId: "listConnections",
  tags,
  summary: "The site's chat-app connections (never the secret)",
  request: { params: siteParams },
  responses: { 200: jsonResponse(connectionListSchema, "The connections") },
});

const deleteConnection = apiRoute({
  method: "delete",
  path: "/{id}/connections/{connectionId}",
  scope: "admin",
  operationId: "deleteConnection",
  tags,
  summary: "Disconnect: the account's webhooks are refused from now on",
  request: {
    params: siteParams.extend({
      connectionId: z.string().min(1).max(64).describe("the connection's id"),
    }),
  },
  responses: { 200: jsonResponse(connectionSchema, "The removed connection") },
});

export const connectionsRoute = apiApp()
  .openapi(createConnection, async (c) => {
    const body = c.req.valid("json");
    const kind = connectionKindOf(body);
    const given = kind.row(body);
    const site = await findSite(c.env.DB, c.req.valid("param").id);
    const db = c.var.db;
    const now = Date.now();
    const existing = await db
      .select()
      .from(channelConnections)
      .where(
        and(
          eq(channelConnections.provider, kind.provider),
          eq(channelConnections.accountId, given.accountId),
        ),
      )
      .get();
    if (existing && existing.siteId !== site.id)
      throw new ApiError(
        409,
        "conflict",
        `${kind.provider} account ${given.accountId} is connected to another site`,
      );
    const id = existing?.id ?? newId("conn", now);
    const secret = given.secret;
    const sealed = secret === null ? null : await sealCredential(secret, id, c.env);
    const values = {
      id,
      siteId: site.id,
      channel: kind.channel,
      provider: kind.provider,
      accountId: given.accountId,
      username: given.username,
      secret: sealed,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await db
      .insert(channelConnections)
      .values(values)
      .onConflictDoUpdate({
        target: channelConnections.id,
        set: { username: values.username, secret: sealed, updatedAt: now },
      })
      .run();
    clearSiteCache();
    const shown = given.showSecret ? secret : null;
    return c.json({ ...toConnectionJson(values, secret), secret_token: shown }, 201);
  })
  .openapi(listConnections, async (c) => {
    const site = await findSite(c.env.DB, c.req.valid("param").id);
    const rows = await c.var.db
      .select()
      .from(channelConnections)
      .where(eq(channelConnections.siteId, site.id))
      .orderBy(asc(channelConnections.createdAt), asc(channelConnections.id))
      .all();
    const key = sealingKey(c.env);
    const data = await Promise.all(
      rows.map(async (row) =>
        toConnectionJson(
          row,
          row.secret ? await openSecret(row.secret, row.id, key).catch(() => null) : null,
        ),
      ),
    );
    return c.json({ data }, 200);
  })
  .openapi(deleteConnection, async (c) => {
    const { id, connectionId } = c.req.valid("param");
    const mine = and(eq(channelConnections.siteId, id), eq(channelConnections.id, connectionId));
    const row = await c.var.db.select().from(channelConnections).where(mine).get();
    if (!row) throw new ApiError(404, "not_found", `No connection ${connectionId} on this site`);
    await c.var.db.delete(channelConnections).where(mine).run();
    clearSiteCache();
    return c.json(toConnectionJson(row, null), 200);
  });
