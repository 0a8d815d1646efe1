/**
 * `GET /api/v1/leads` (newest first, keyset pages via `cursor`/`next_cursor`, `from`/`to` on
 * created_at) and `GET /api/v1/leads/:id`. Every query is filtered by the key's site, so another
 * site's lead is a 404.
 */
import { and, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { getDb } from "../db/client";
import { leads } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { validate } from "../http/validate";
import { apiKeyAuth } from "./api-key-auth";
import { decodeCursor, encodeCursor } from "./cursor";
import { selectLeadRows, toLeadJson } from "./lead-json";

/** A date (`2026-11-21`, midnight UTC) or a date-time with offset, as Unix ms. */
const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((s) => Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s));

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(256).optional(),
  from: instant.optional().describe("created_at ≥ from"),
  to: instant.optional().describe("created_at < to"),
});

export const leadsRoute = new Hono<AppEnv>()
  .use(apiKeyAuth())
  .get("/", async (c) => {
    const q = validate(listQuery, c.req.query());
    const where: (SQL | undefined)[] = [eq(leads.siteId, c.var.siteId)];
    if (q.from !== undefined) where.push(gte(leads.createdAt, q.from));
    if (q.to !== undefined) where.push(lt(leads.createdAt, q.to));
    if (q.cursor) {
      const after = decodeCursor(q.cursor);
      where.push(
        or(
          lt(leads.createdAt, after.createdAt),
          and(eq(leads.createdAt, after.createdAt), lt(leads.id, after.id)),
        ),
      );
    }
    const rows = await selectLeadRows(getDb(c.env.DB))
      .where(and(...where))
      .orderBy(desc(leads.createdAt), desc(leads.id))
      .limit(q.limit + 1)
      .all();
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const more = rows.length > q.limit && last;
    return c.json({
      data: page.map(toLeadJson),
      next_cursor: more ? encodeCursor({ createdAt: last.lead.createdAt, id: last.lead.id }) : null,
    });
  })
  .get("/:id", async (c) => {
    const id = c.req.param("id");
    if (id.length > 64) throw new ApiError(404, "not_found", "No such lead");
    const row = await selectLeadRows(getDb(c.env.DB))
      .where(and(eq(leads.siteId, c.var.siteId), eq(leads.id, id)))
      .get();
    if (!row) throw new ApiError(404, "not_found", `No lead ${id}`);
    return c.json(toLeadJson(row));
  });
