/**
 * A site's chat-app connections (`/api/v1/sites/:id/connections`, admin token): today Telegram
 * bots. Adding a bot stores its id, username and webhook secret (sealed like destination
 * credentials, failing closed without CHATREF_SECRET_KEY); the secret is shown once, to pass to
 * Telegram's `setWebhook` (`chatref connections add` does that call). Adding the same bot again
 * to the same site replaces its username and secret; a bot connected to another site is a 409.
 */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { TELEGRAM_BOT_NAME } from "../../widget/protocol/click-beacon";
import { BOT_ID, TELEGRAM_SECRET } from "../adapters/telegram/update";
import { newId } from "../db/ids";
import { channelConnections } from "../db/schema";
import { clearSiteCache } from "../db/sites";
import { openSecret, sealCredential, sealingKey, toB64url } from "../forward/secrets";
import { ApiError } from "../http/errors";
import { apiApp, apiRoute, idParams, jsonBody, jsonResponse } from "./api-route";
import {
  connectionCreatedSchema,
  connectionListSchema,
  connectionSchema,
  toConnectionJson,
} from "./connection-json";
import { findSite } from "./find-site";

export const createConnectionBody = z.strictObject({
  channel: z.literal("telegram"),
  bot_id: z.string().regex(BOT_ID, "a Telegram bot id: the digits before the token's colon"),
  username: z
    .string()
    .trim()
    .regex(TELEGRAM_BOT_NAME, "a Telegram bot username (5–32 characters, ending in bot)"),
  secret_token: z
    .string()
    .regex(TELEGRAM_SECRET, "1–256 characters of A-Z a-z 0-9 _ -")
    .optional()
    .describe("the webhook secret; a random one when left out"),
});

/** A random Telegram `secret_token`: 32 bytes, base64url (43 characters). */
const newSecretToken = () => toB64url(crypto.getRandomValues(new Uint8Array(32)));

const tags = ["admin"];
const siteParams = idParams("site");

const createConnection = apiRoute({
  method: "post",
  path: "/{id}/connections",
  scope: "admin",
  operationId: "createConnection",
  tags,
  summary: "Connect a Telegram bot to the site (its webhook secret is shown only here)",
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
  summary: "Disconnect: the bot's webhooks are refused from now on",
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
    const site = await findSite(c.env.DB, c.req.valid("param").id);
    const db = c.var.db;
    const now = Date.now();
    const existing = await db
      .select()
      .from(channelConnections)
      .where(
        and(
          eq(channelConnections.provider, "telegram"),
          eq(channelConnections.accountId, body.bot_id),
        ),
      )
      .get();
    if (existing && existing.siteId !== site.id)
      throw new ApiError(409, "conflict", `Bot ${body.bot_id} is connected to another site`);
    const id = existing?.id ?? newId("conn", now);
    const secret = body.secret_token ?? newSecretToken();
    const sealed = await sealCredential(secret, id, c.env);
    const values = {
      id,
      siteId: site.id,
      channel: "telegram" as const,
      provider: "telegram" as const,
      accountId: body.bot_id,
      username: body.username,
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
    return c.json({ ...toConnectionJson(values, secret), secret_token: secret }, 201);
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
