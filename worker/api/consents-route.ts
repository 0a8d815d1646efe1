/**
 * `GET /api/v1/consents`: each contact's current marketing consent (latest event wins), newest
 * first, filtered by `status` and by the time it took effect (`from` ≤ since < `to`).
 * `format=csv` returns the same rows as a formula-safe CSV for upload to a messaging tool.
 * Erased contacts are not listed (they have no number left).
 */
import { and, desc, eq, gte, isNotNull, isNull, lt, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { getDb } from "../db/client";
import { CONSENT_STATUSES, contacts } from "../db/schema";
import type { AppEnv } from "../env";
import { validate } from "../http/validate";
import { apiKeyAuth } from "./api-key-auth";
import { toCsv } from "./csv";

/** A date (`2026-11-21`, midnight UTC) or a date-time with offset, as Unix ms. */
const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((s) => Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s));

export const listQuery = z.strictObject({
  status: z.enum(CONSENT_STATUSES).optional(),
  from: instant.optional(),
  to: instant.optional(),
  format: z.enum(["json", "csv"]).default("json"),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export const consentsRoute = new Hono<AppEnv>().use(apiKeyAuth()).get("/", async (c) => {
  const q = validate(listQuery, c.req.query());
  const where: (SQL | undefined)[] = [
    eq(contacts.siteId, c.var.siteId),
    isNotNull(contacts.marketingStatus),
    isNull(contacts.erasedAt),
  ];
  if (q.status) where.push(eq(contacts.marketingStatus, q.status));
  if (q.from !== undefined) where.push(gte(contacts.marketingStatusAt, q.from));
  if (q.to !== undefined) where.push(lt(contacts.marketingStatusAt, q.to));
  const rows = await getDb(c.env.DB)
    .select({
      id: contacts.publicId,
      waId: contacts.waId,
      name: contacts.name,
      status: contacts.marketingStatus,
      since: contacts.marketingStatusAt,
    })
    .from(contacts)
    .where(and(...where))
    .orderBy(desc(contacts.marketingStatusAt), desc(contacts.id))
    .limit(q.limit)
    .all();
  const data = rows.map((r) => ({
    contact_id: r.id ?? "",
    wa_id: r.waId,
    name: r.name,
    status: r.status ?? "unknown",
    since: r.since ? new Date(r.since).toISOString() : null,
  }));
  if (q.format === "csv") {
    const header = ["contact_id", "wa_id", "name", "status", "since"];
    const csv = toCsv(
      header,
      data.map((d) => [d.contact_id, d.wa_id, d.name, d.status, d.since]),
    );
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="consents.csv"',
    });
  }
  return c.json({ data });
});
