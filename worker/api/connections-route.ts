/**
 * A site's chat-app connections (`/api/v1/sites/:id/connections`, admin token; the kinds are in
 * connection-kinds.ts). Adding an account stores its id, name and secret (a Telegram bot's webhook
 * secret, a Twilio Auth Token, a 360dialog header secret; sealed like destination credentials,
 * failing closed without CHATREF_SECRET_KEY); a secret chatref drew is shown once (a Telegram
 * secret goes to `setWebhook`, which `chatref connections add` calls). Adding the same account
 * again to the same site replaces its name and secret; one connected to another site is a 409.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { newId } from "../db/ids";
import { channelConnections, sites } from "../db/schema";
import { clearSiteCache } from "../db/sites";
import { openSecret, sealCredential, sealingKey } from "../forward/secrets";
import { ApiError } from "../http/errors";
import { apiApp, jsonResponse } from "./api-route";
import {
  connectionCreatedSchema,
  connectionListSchema,
  connectionSchema,
  toConnectionJson,
} from "./connection-json";
import { connectionKindOf, createConnectionBody } from "./connection-kinds";
import { findSite } from "./find-site";
import { SITE_ROUTES } from "./resource-routes";
import { siteRows } from "./site-row";

const { params: siteParams, route, createUnder, onItem } = SITE_ROUTES;

const createConnection = createUnder(
  "/{id}/connections",
  "createConnection",
  "Connect a chat-app account to the site (a generated webhook secret is shown only here)",
  [createConnectionBody, 4 * 1024],
  jsonResponse(connectionCreatedSchema, "The connection"),
  { errors: [409, 503] },
);

const listConnections = onItem(
  "get",
  "/{id}/connections",
  "listConnections",
  "The site's chat-app connections (never the secret)",
  [200, jsonResponse(connectionListSchema, "The connections")],
);

const deleteConnection = route(
  "delete",
  "/{id}/connections/{connectionId}",
  "deleteConnection",
  "Disconnect: the account's webhooks are refused from now on",
  {
    request: {
      params: siteParams.extend({
        connectionId: z.string().min(1).max(64).describe("the connection's id"),
      }),
    },
    responses: { 200: jsonResponse(connectionSchema, "The removed connection") },
  },
);

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
    // A further Cloud API number must not be a site's own (db/sites.ts would route it there).
    const own =
      kind.provider === "whatsapp"
        ? await db
            .select({ id: sites.id })
            .from(sites)
            .where(eq(sites.phoneNumberId, given.accountId))
            .get()
        : undefined;
    if (own)
      throw new ApiError(
        409,
        "conflict",
        `phone_number_id ${given.accountId} is already ${own.id === site.id ? "this" : "another"} site's own number`,
      );
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
    const rows = await siteRows(
      c.var.db.select().from(channelConnections),
      channelConnections,
      site.id,
    );
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
