/**
 * Forwarding destinations (`/api/v1/destinations`): create, list, read, update or disable the
 * GA4, Meta Conversions API and webhook destinations of the key's site. Credentials are sealed
 * on the way in (forward/secrets.ts) and never come back out; a webhook's signing secret is
 * generated here and shown once, in the create (or `rotate_secret`) response.
 * `POST /:id/backfill` writes the `lead.created` deliveries of earlier leads (forward/backfill.ts).
 */
import { and, eq, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { getDb } from "../db/client";
import { newId } from "../db/ids";
import { type DestinationKind, destinations } from "../db/schema";
import { clearSiteCache } from "../db/sites";
import type { AppEnv } from "../env";
import { BACKFILL_MAX_RANGE_MS, backfillDestination } from "../forward/backfill";
import {
  CONFIG_SCHEMAS,
  createDestinationBody,
  eventsToColumn,
  SECRET_FIELD,
  splitCreateBody,
  UPDATE_SCHEMAS,
} from "../forward/destination-config";
import type { ForwardMessage } from "../forward/enqueue";
import { newWebhookSecret, sealSecret, secretHint } from "../forward/secrets";
import { ROTATION_OVERLAP_MS } from "../forward/webhook";
import { ApiError } from "../http/errors";
import { instant } from "../http/instant";
import { readJson, validate } from "../http/validate";
import { apiKeyAuth } from "./api-key-auth";
import { afterCursor, newestFirst, toPage } from "./cursor";
import { type DestinationRow, toDestinationJson } from "./destination-json";

const BODY_MAX = 16 * 1024;

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(256).optional(),
});

export const backfillBody = z.strictObject({
  since: instant.describe("leads created at or after this time"),
  until: instant.optional().describe("leads created before this time (default: now)"),
  dry_run: z.boolean().default(false).describe("count only, write nothing"),
});

/** The answer of `POST /:id/backfill`: leads_in_range = already_present + queued + outside_window + erased. */
export interface BackfillJson {
  destination_id: string;
  kind: DestinationKind;
  since: string;
  until: string;
  dry_run: boolean;
  leads_in_range: number;
  already_present: number;
  queued: number;
  outside_window: number;
  erased: number;
  enqueued: number;
}

const notFound = (id: string) =>
  new ApiError(404, "not_found", `No destination ${id.slice(0, 64)}`);

async function findDestination(
  d1: D1Database,
  siteId: string,
  id: string,
): Promise<DestinationRow> {
  const row = await getDb(d1)
    .select()
    .from(destinations)
    .where(and(eq(destinations.siteId, siteId), eq(destinations.id, id)))
    .get();
  if (!row) throw notFound(id);
  return row;
}

export const destinationsRoute = new Hono<AppEnv>()
  .use(apiKeyAuth())
  // Webhook processing caches whether a site forwards anywhere (db/sites.ts): a change to its
  // destinations applies at once in this isolate, within SITE_CACHE_MS in the others.
  .use(async (c, next) => {
    await next();
    if (c.req.method !== "GET") clearSiteCache();
  })
  .post("/", async (c) => {
    const body = await readJson(c, createDestinationBody, BODY_MAX);
    const { config, credential, events } = splitCreateBody(body);
    const signingSecret = body.kind === "webhook" ? newWebhookSecret() : null;
    const secret = credential ?? signingSecret ?? "";
    const now = Date.now();
    const id = newId("dst", now);
    const row = await getDb(c.env.DB)
      .insert(destinations)
      .values({
        id,
        siteId: c.var.siteId,
        kind: body.kind,
        name: body.name,
        events: eventsToColumn(events),
        config: JSON.stringify(config),
        secret: await sealSecret(secret, id, c.env.CHATREF_SECRET_KEY),
        secretHint: secretHint(secret),
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    // The signing secret is shown this once; receivers need it to verify signatures.
    const extra = signingSecret ? { signing_secret: signingSecret } : {};
    return c.json({ ...toDestinationJson(row), ...extra }, 201);
  })
  .get("/", async (c) => {
    const q = validate(listQuery, c.req.query());
    const where: (SQL | undefined)[] = [eq(destinations.siteId, c.var.siteId)];
    where.push(afterCursor(destinations, q.cursor));
    const rows = await getDb(c.env.DB)
      .select()
      .from(destinations)
      .where(and(...where))
      .orderBy(...newestFirst(destinations))
      .limit(q.limit + 1)
      .all();
    const { page, next_cursor } = toPage(rows, q.limit, (r) => r);
    return c.json({ data: page.map((row) => toDestinationJson(row)), next_cursor });
  })
  .get("/:id", async (c) => {
    const row = await findDestination(c.env.DB, c.var.siteId, c.req.param("id"));
    return c.json(toDestinationJson(row));
  })
  .patch("/:id", async (c) => {
    const current = await findDestination(c.env.DB, c.var.siteId, c.req.param("id"));
    const schema = UPDATE_SCHEMAS[current.kind] as z.ZodType<Record<string, unknown>>;
    const patch = await readJson(c, schema, BODY_MAX);
    if (!Object.keys(patch).length)
      throw new ApiError(400, "validation_failed", "Send at least one field to change");
    const { name, disabled, events, rotate_secret, revoke_previous_secret, ...rest } = patch;
    const secretField = SECRET_FIELD[current.kind];
    const { [secretField]: newCredential, ...configPatch } = rest;
    const now = Date.now();
    const set: Partial<typeof destinations.$inferInsert> = { updatedAt: now };
    if (typeof name === "string") set.name = name;
    if (typeof disabled === "boolean")
      set.disabledAt = disabled ? (current.disabledAt ?? now) : null;
    if (Array.isArray(events)) set.events = eventsToColumn(events);
    if (Object.keys(configPatch).length) {
      const config = JSON.parse(current.config) as Record<string, unknown>;
      for (const [key, value] of Object.entries(configPatch)) {
        if (value === null) delete config[key];
        else config[key] = value;
      }
      set.config = JSON.stringify(validate(CONFIG_SCHEMAS[current.kind], config));
    }
    const signingSecret = rotate_secret === true ? newWebhookSecret() : null;
    const secret = typeof newCredential === "string" ? newCredential : signingSecret;
    if (secret) {
      set.secret = await sealSecret(secret, current.id, c.env.CHATREF_SECRET_KEY);
      set.secretHint = secretHint(secret);
    }
    // A rotated signing secret keeps signing beside the new one for a day, unless revoked.
    if (signingSecret && revoke_previous_secret !== true) {
      set.previousSecret = current.secret;
      set.previousSecretUntil = now + ROTATION_OVERLAP_MS;
    }
    if (revoke_previous_secret === true) {
      set.previousSecret = null;
      set.previousSecretUntil = null;
    }
    const row = await getDb(c.env.DB)
      .update(destinations)
      .set(set)
      .where(and(eq(destinations.siteId, c.var.siteId), eq(destinations.id, current.id)))
      .returning()
      .get();
    if (!row) throw notFound(current.id);
    return c.json({
      ...toDestinationJson(row),
      ...(signingSecret ? { signing_secret: signingSecret } : {}),
    });
  })
  .post("/:id/backfill", async (c) => {
    // The destination first: another site's id is a 404 whatever the body.
    const current = await findDestination(c.env.DB, c.var.siteId, c.req.param("id"));
    const body = await readJson(c, backfillBody, BODY_MAX);
    const now = Date.now();
    const until = body.until ?? now;
    if (body.since >= until)
      throw new ApiError(400, "validation_failed", "since must be before until");
    if (until - body.since > BACKFILL_MAX_RANGE_MS)
      throw new ApiError(
        400,
        "validation_failed",
        "the range is over 400 days; backfill it in several calls",
      );
    if (current.disabledAt !== null)
      throw new ApiError(
        409,
        "conflict",
        `Destination ${current.id} is disabled; enable it (PATCH {"disabled": false}) before a backfill`,
      );
    if (!current.events.split(" ").includes("lead.created"))
      throw new ApiError(
        409,
        "conflict",
        `Destination ${current.id} does not take lead.created events, the only ones a backfill sends`,
      );
    const counts = await backfillDestination(
      getDb(c.env.DB),
      c.env.FORWARD_QUEUE as Queue<ForwardMessage>,
      {
        siteId: c.var.siteId,
        destination: current,
        since: body.since,
        until,
        dryRun: body.dry_run,
        now,
      },
    );
    const json: BackfillJson = {
      destination_id: current.id,
      kind: current.kind,
      since: new Date(body.since).toISOString(),
      until: new Date(until).toISOString(),
      dry_run: body.dry_run,
      leads_in_range: counts.leadsInRange,
      already_present: counts.alreadyPresent,
      queued: counts.queued,
      outside_window: counts.outsideWindow,
      erased: counts.erased,
      enqueued: counts.enqueued,
    };
    return c.json(json, body.dry_run ? 200 : 202);
  });
