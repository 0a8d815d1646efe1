/**
 * Forwarding destinations (`/api/v1/destinations`): create, list, read, update or disable the
 * GA4, Meta Conversions API and webhook destinations of the key's site. Credentials are sealed
 * on the way in (forward/secrets.ts) and never come back out; a webhook's signing secret is
 * generated here and shown once, in the create (or `rotate_secret`) response.
 * `POST /:id/backfill` (backfill-route.ts) writes the `lead.created` deliveries of earlier leads.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { newId } from "../db/ids";
import { dbFor } from "../db/prepared";
import { destinations } from "../db/schema";
import { clearSiteCache } from "../db/sites";
import { checkCredentialMove } from "../forward/credential-move";
import {
  CONFIG_SCHEMAS,
  createDestinationBody,
  eventsToColumn,
  SECRET_FIELD,
  splitCreateBody,
  UPDATE_SCHEMAS,
} from "../forward/destination-config";
import { newWebhookSecret, sealCredential, secretHint } from "../forward/secrets";
import { assertConfigUrls } from "../forward/url-policy";
import { ROTATION_OVERLAP_MS } from "../forward/webhook";
import { ApiError } from "../http/errors";
import { readJson, validate } from "../http/validate";
import { apiApp, jsonBody, jsonResponse } from "./api-route";
import { newestFirstData } from "./cursor";
import { type DestinationRow, toDestinationJson } from "./destination-json";
import { destinationPageSchema, destinationWithSecretSchema } from "./destination-schema";
import { KEY_SCOPES, resourceRoutes } from "./resource-routes";

const BODY_MAX = 16 * 1024;

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(256).optional(),
});

const notFound = (id: string) =>
  new ApiError(404, "not_found", `No destination ${id.slice(0, 64)}`);

/** A destination of the key's site, or a 404. */
export async function findDestination(
  d1: D1Database,
  siteId: string,
  id: string,
): Promise<DestinationRow> {
  const row = await dbFor(d1)
    .select()
    .from(destinations)
    .where(and(eq(destinations.siteId, siteId), eq(destinations.id, id)))
    .get();
  if (!row) throw notFound(id);
  return row;
}

const {
  params: destinationParams,
  route,
  list,
  get,
  create,
} = resourceRoutes("forwarding", "destination", KEY_SCOPES);

const app = apiApp();
// Webhook processing caches whether a site forwards anywhere (db/sites.ts): a change to its
// destinations applies at once in this isolate, within SITE_CACHE_MS in the others.
app.use(async (c, next) => {
  await next();
  if (c.req.method !== "GET") clearSiteCache();
});

export const destinationsRoute = app
  .openapi(
    create(
      "createDestination",
      "Create a forwarding destination (GA4, Meta CAPI, Google Ads or webhook)",
      createDestinationBody,
      BODY_MAX,
      jsonResponse(
        destinationWithSecretSchema,
        "The new destination (a webhook's `signing_secret` shown once)",
      ),
    ),
    async (c) => {
      const body = c.req.valid("json");
      const { config, credential, events } = splitCreateBody(body);
      assertConfigUrls(body.kind, config, c.env);
      const signingSecret = body.kind === "webhook" ? newWebhookSecret() : null;
      const secret = credential ?? signingSecret ?? "";
      const now = Date.now();
      const id = newId("dst", now);
      const row = await c.var.db
        .insert(destinations)
        .values({
          id,
          siteId: c.var.siteId,
          kind: body.kind,
          name: body.name,
          events: eventsToColumn(events),
          config,
          consentDefault: body.consent_default ?? null,
          includeInferred: body.include_inferred ?? false,
          secret: await sealCredential(secret, id, c.env),
          secretHint: secretHint(secret),
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
      // The signing secret is shown this once; receivers need it to verify signatures.
      const extra = signingSecret ? { signing_secret: signingSecret } : {};
      return c.json({ ...toDestinationJson(row), ...extra }, 201);
    },
  )
  .openapi(
    list(
      "listDestinations",
      "Forwarding destinations, newest first",
      listQuery,
      destinationPageSchema,
      "A page of destinations",
    ),
    async (c) => {
      const mine = [eq(destinations.siteId, c.var.siteId)];
      const select = c.var.db.select().from(destinations);
      const q = c.req.valid("query");
      const json = (row: DestinationRow) => toDestinationJson(row);
      return c.json(await newestFirstData(select, destinations, mine, q, (r) => r, json), 200);
    },
  )
  .openapi(
    get(
      "getDestination",
      "One destination (credentials only as `<name>_last4`)",
      destinationWithSecretSchema,
      "The destination",
    ),
    async (c) => {
      const row = await findDestination(c.env.DB, c.var.siteId, c.req.valid("param").id);
      return c.json(toDestinationJson(row), 200);
    },
  )
  .openapi(
    route(
      "patch",
      "/{id}",
      "updateDestination",
      "Change, disable or rotate the secret of a destination (`null` clears a setting)",
      {
        request: {
          params: destinationParams,
          body: jsonBody(
            z.union([
              UPDATE_SCHEMAS.ga4,
              UPDATE_SCHEMAS.meta_capi,
              UPDATE_SCHEMAS.webhook,
              UPDATE_SCHEMAS.google_ads,
              UPDATE_SCHEMAS.tiktok,
              UPDATE_SCHEMAS.yandex_metrica,
              UPDATE_SCHEMAS.microsoft_ads,
            ]),
            "The fields of the destination's kind (the kind itself never changes)",
          ),
        },
        // The schema is the destination's kind's: read once the destination is found.
        bodyInHandler: true,
        responses: { 200: jsonResponse(destinationWithSecretSchema, "The updated destination") },
        errors: [400, 413],
      },
    ),
    async (c) => {
      const current = await findDestination(c.env.DB, c.var.siteId, c.req.valid("param").id);
      const schema = UPDATE_SCHEMAS[current.kind] as z.ZodType<Record<string, unknown>>;
      const patch = await readJson(c, schema, BODY_MAX);
      if (!Object.keys(patch).length)
        throw new ApiError(400, "validation_failed", "Send at least one field to change");
      const {
        name,
        disabled,
        events,
        rotate_secret,
        revoke_previous_secret,
        consent_default,
        include_inferred,
        ...rest
      } = patch;
      const secretField = SECRET_FIELD[current.kind];
      const { [secretField]: newCredential, ...configPatch } = rest;
      const now = Date.now();
      const set: Partial<typeof destinations.$inferInsert> = { updatedAt: now };
      if (typeof name === "string") set.name = name;
      if (typeof disabled === "boolean")
        set.disabledAt = disabled ? (current.disabledAt ?? now) : null;
      if (Array.isArray(events)) set.events = eventsToColumn(events);
      // null: back to the site's default.
      if (consent_default === null || consent_default === "granted" || consent_default === "denied")
        set.consentDefault = consent_default;
      if (typeof include_inferred === "boolean") set.includeInferred = include_inferred;
      let moved = false;
      if (Object.keys(configPatch).length) {
        const before = current.config;
        const config = { ...before };
        for (const [key, value] of Object.entries(configPatch)) {
          if (value === null) delete config[key];
          else config[key] = value;
        }
        const next = validate(CONFIG_SCHEMAS[current.kind], config);
        assertConfigUrls(current.kind, next, c.env);
        moved = checkCredentialMove(current.kind, before, next, patch);
        set.config = next;
      }
      const signingSecret = rotate_secret === true ? newWebhookSecret() : null;
      const secret = typeof newCredential === "string" ? newCredential : signingSecret;
      if (secret) {
        set.secret = await sealCredential(secret, current.id, c.env);
        set.secretHint = secretHint(secret);
      }
      // A rotated signing secret keeps signing beside the new one for a day, unless revoked or
      // the URL moved (the old secret belongs to the old receiver).
      if (signingSecret && revoke_previous_secret !== true && !moved) {
        set.previousSecret = current.secret;
        set.previousSecretUntil = now + ROTATION_OVERLAP_MS;
      }
      if (revoke_previous_secret === true || moved) {
        set.previousSecret = null;
        set.previousSecretUntil = null;
      }
      const row = await c.var.db
        .update(destinations)
        .set(set)
        .where(and(eq(destinations.siteId, c.var.siteId), eq(destinations.id, current.id)))
        .returning()
        .get();
      if (!row) throw notFound(current.id);
      return c.json(
        { ...toDestinationJson(row), ...(signingSecret ? { signing_secret: signingSecret } : {}) },
        200,
      );
    },
  );
