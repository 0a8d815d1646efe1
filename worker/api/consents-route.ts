/**
 * `GET /api/v1/consents`: each contact's current marketing consent (latest event wins), newest
 * first, filtered by `status` and by the time it took effect (`from` ≤ since < `to`), in keyset
 * pages (`cursor` / `next_cursor`, like the other lists).
 * `format=csv` streams EVERY matching row (no `limit`) as a formula-safe CSV for upload to a
 * messaging tool: the header, then pages of CSV_PAGE_SIZE rows read one after the other.
 * Erased contacts are not listed (they have no number left).
 */
import { and, eq, gte, isNotNull, isNull, lt, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { getDb } from "../db/client";
import { CONSENT_STATUSES, contacts } from "../db/schema";
import type { AppEnv } from "../env";
import { instant } from "../http/instant";
import { validate } from "../http/validate";
import { apiKeyAuth } from "./api-key-auth";
import { csvCell, toCsv } from "./csv";
import { afterCursor, newestFirst, toPage } from "./cursor";

export const listQuery = z.strictObject({
  status: z.enum(CONSENT_STATUSES).optional(),
  from: instant.optional(),
  to: instant.optional(),
  format: z.enum(["json", "csv"]).default("json"),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(1000)
    .describe("rows per JSON page; a CSV has every row"),
  cursor: z.string().max(256).optional(),
});
type ListQuery = z.output<typeof listQuery>;

/** Rows per read while streaming a CSV export. */
export const CSV_PAGE_SIZE = 2000;

/** Keyset columns: the newest status first, then the newest contact. */
const order = { createdAt: contacts.marketingStatusAt, id: contacts.id };

export interface ConsentRow {
  contact_id: string;
  wa_id: string;
  name: string | null;
  status: string;
  since: string | null;
}

export interface ConsentPage {
  data: ConsentRow[];
  next_cursor: string | null;
}

/** One page of a site's consents matching `q`, after `cursor`. */
export async function readConsentPage(
  d1: D1Database,
  siteId: string,
  q: Pick<ListQuery, "status" | "from" | "to">,
  cursor: string | undefined,
  limit: number,
): Promise<ConsentPage> {
  const where: (SQL | undefined)[] = [
    eq(contacts.siteId, siteId),
    isNotNull(contacts.marketingStatus),
    isNotNull(contacts.marketingStatusAt),
    isNull(contacts.erasedAt),
    afterCursor(order, cursor),
  ];
  if (q.status) where.push(eq(contacts.marketingStatus, q.status));
  if (q.from !== undefined) where.push(gte(contacts.marketingStatusAt, q.from));
  if (q.to !== undefined) where.push(lt(contacts.marketingStatusAt, q.to));
  const rows = await getDb(d1)
    .select({
      key: contacts.id,
      id: contacts.publicId,
      waId: contacts.waId,
      name: contacts.name,
      status: contacts.marketingStatus,
      since: contacts.marketingStatusAt,
    })
    .from(contacts)
    .where(and(...where))
    .orderBy(...newestFirst(order))
    .limit(limit + 1)
    .all();
  const { page, next_cursor } = toPage(rows, limit, (r) => ({
    createdAt: r.since ?? 0,
    id: String(r.key),
  }));
  const data = page.map((r) => ({
    contact_id: r.id ?? "",
    wa_id: r.waId,
    name: r.name,
    status: r.status ?? "unknown",
    since: r.since ? new Date(r.since).toISOString() : null,
  }));
  return { data, next_cursor };
}

export const CSV_HEADER = ["contact_id", "wa_id", "name", "status", "since"];

/**
 * A CSV of every row `nextPage` yields: the header first, then one chunk per page, each read only
 * when the client is ready for it. Each contact is written at most once: one whose status changes
 * during the export moves to the front of the list, behind the cursor (the next export has it).
 */
export function consentCsvStream(
  nextPage: (cursor: string | undefined) => Promise<ConsentPage>,
  start?: string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor = start;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(toCsv(CSV_HEADER, [])));
        return;
      }
      const page = await nextPage(cursor);
      const lines = page.data.map(
        (d) => `${[d.contact_id, d.wa_id, d.name, d.status, d.since].map(csvCell).join(",")}\r\n`,
      );
      if (lines.length) controller.enqueue(encoder.encode(lines.join("")));
      if (page.next_cursor) cursor = page.next_cursor;
      else controller.close();
    },
  });
}

export const consentsRoute = new Hono<AppEnv>().use(apiKeyAuth()).get("/", async (c) => {
  const q = validate(listQuery, c.req.query());
  const siteId = c.var.siteId;
  if (q.format === "csv") {
    // Validate the cursor before the 200 is committed (a bad one is a 400, not a broken stream).
    afterCursor(order, q.cursor);
    const stream = consentCsvStream(
      (cursor) => readConsentPage(c.env.DB, siteId, q, cursor, CSV_PAGE_SIZE),
      q.cursor,
    );
    return c.body(stream, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="consents.csv"',
    });
  }
  return c.json(await readConsentPage(c.env.DB, siteId, q, q.cursor, q.limit));
});
