/**
 * `GET /api/v1/leads` (newest first, keyset pages via `cursor`/`next_cursor`, `from`/`to` on
 * created_at; or, with `updated_since`, incremental sync in change order) and `GET /api/v1/leads/:id`. Every query is filtered by the key's site, so another
 * site's lead is a 404.
 */
import { and, asc, eq, gt, gte, lt, or, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { getDb } from "../db/client";
import { leads } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { validate } from "../http/validate";
import { apiKeyAuth } from "./api-key-auth";
import {
  afterCursor,
  decodeSyncCursor,
  encodeSyncCursor,
  newestFirst,
  type SyncPosition,
  toPage,
} from "./cursor";
import { selectLeadRows, toLeadJson } from "./lead-json";
import { includeTouches, readTouchPaths, withTouches } from "./lead-touches";

/** A date (`2026-11-21`, midnight UTC) or a date-time with offset, as Unix ms. */
const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((s) => Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s));

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(256).optional(),
  from: instant.optional().describe("created_at ≥ from"),
  to: instant.optional().describe("created_at < to"),
  updated_since: instant
    .optional()
    .describe("incremental sync: leads changed at or after this time"),
  include: z.enum(["touches"]).optional().describe("touches: each lead's touch path"),
});

/**
 * Leads whose changes have settled for this long are served by incremental sync; a lead written
 * by a slower concurrent request with an earlier clock cannot then appear behind a client's cursor.
 */
export const SYNC_SETTLE_MS = 5_000;

/**
 * One page of incremental sync: leads by (updated_at, id) ascending, from `updated_since` or
 * after a sync cursor. `next_cursor` is always returned: follow it while `has_more`, store it,
 * and pass it later to receive only what changed since.
 */
async function syncPage(
  d1: D1Database,
  siteId: string,
  q: z.output<typeof listQuery>,
  after: SyncPosition | null,
) {
  if (q.cursor && !after)
    throw new ApiError(
      400,
      "bad_request",
      "cursor is a page cursor; use the sync cursor from next_cursor",
    );
  if (q.cursor && q.updated_since !== undefined) {
    throw new ApiError(
      400,
      "bad_request",
      "pass either updated_since (to start) or cursor (to resume), not both",
    );
  }
  const from = after ?? { updatedAt: q.updated_since ?? 0, id: "" };
  const where: (SQL | undefined)[] = [
    eq(leads.siteId, siteId),
    lt(leads.updatedAt, Date.now() - SYNC_SETTLE_MS),
    or(
      gt(leads.updatedAt, from.updatedAt),
      and(eq(leads.updatedAt, from.updatedAt), gt(leads.id, from.id)),
    ),
  ];
  if (q.from !== undefined) where.push(gte(leads.createdAt, q.from));
  if (q.to !== undefined) where.push(lt(leads.createdAt, q.to));
  const rows = await selectLeadRows(getDb(d1))
    .where(and(...where))
    .orderBy(asc(leads.updatedAt), asc(leads.id))
    .limit(q.limit + 1)
    .all();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const position = last ? { updatedAt: last.lead.updatedAt, id: last.lead.id } : from;
  return {
    data: page.map(toLeadJson),
    next_cursor: encodeSyncCursor(position),
    has_more: rows.length > q.limit,
  };
}

export const leadsRoute = new Hono<AppEnv>()
  .use(apiKeyAuth())
  .get("/", async (c) => {
    const q = validate(listQuery, c.req.query());
    const sync = q.cursor ? decodeSyncCursor(q.cursor) : null;
    if (q.updated_since !== undefined || sync)
      return c.json(
        await includeTouches(
          getDb(c.env.DB),
          c.var.siteId,
          await syncPage(c.env.DB, c.var.siteId, q, sync),
          q.include,
        ),
      );
    const where: (SQL | undefined)[] = [eq(leads.siteId, c.var.siteId)];
    if (q.from !== undefined) where.push(gte(leads.createdAt, q.from));
    if (q.to !== undefined) where.push(lt(leads.createdAt, q.to));
    where.push(afterCursor(leads, q.cursor));
    const rows = await selectLeadRows(getDb(c.env.DB))
      .where(and(...where))
      .orderBy(...newestFirst(leads))
      .limit(q.limit + 1)
      .all();
    const { page, next_cursor } = toPage(rows, q.limit, (r) => r.lead);
    const body = { data: page.map(toLeadJson), next_cursor };
    return c.json(await includeTouches(getDb(c.env.DB), c.var.siteId, body, q.include));
  })
  .get("/:id", async (c) => {
    const id = c.req.param("id");
    if (id.length > 64) throw new ApiError(404, "not_found", "No such lead");
    const row = await selectLeadRows(getDb(c.env.DB))
      .where(and(eq(leads.siteId, c.var.siteId), eq(leads.id, id)))
      .get();
    if (!row) throw new ApiError(404, "not_found", `No lead ${id}`);
    const paths = await readTouchPaths(getDb(c.env.DB), c.var.siteId, [row.lead.id]);
    return c.json(withTouches(toLeadJson(row), paths));
  });
