/**
 * `GET /api/v1/consents`: each contact's current marketing consent (latest event wins), newest
 * first, filtered by `status` and by the time it took effect (`from` ≤ since < `to`), in keyset
 * pages (`cursor` / `next_cursor`, like the other lists).
 * `format=csv` streams EVERY matching row (no `limit`) as a formula-safe CSV for upload to a
 * messaging tool: the header, then pages of CSV_PAGE_SIZE rows read one after the other.
 * Erased contacts are not listed (they have no number left).
 * `GET /api/v1/consents/unverified`: widget opt-ins whose text the site has not registered; they
 * change no status (unverified-optins.ts).
 */
import { and, eq, gte, isNotNull, isNull, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { dbFor } from "../db/prepared";
import { CONSENT_STATUSES, contacts } from "../db/schema";
import { instant } from "../http/instant";
import { isoInstant, nullableText, text } from "../read-model/json-fields";
import { apiApp, apiRoute } from "./api-route";
import { csvCell, toCsv } from "./csv";
import { afterCursor, newestFirst, toPage } from "./cursor";
import {
  readUnverifiedOptins,
  UNVERIFIED_CSV_HEADER,
  unverifiedOptinListSchema,
} from "./unverified-optins";

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

/** A contact's current marketing consent; phone, WhatsApp BSUID and username null when unknown. */
const consentRowSchema = z.strictObject({
  contact_id: text,
  wa_id: nullableText,
  user_id: nullableText,
  username: nullableText,
  name: nullableText,
  status: z.enum([...CONSENT_STATUSES, "unknown"]),
  since: isoInstant.nullable(),
});
export type ConsentRow = z.output<typeof consentRowSchema>;

/** `GET /api/v1/consents` (JSON): a page of consents. */
export const consentListSchema = z.strictObject({
  data: z.array(consentRowSchema),
  next_cursor: nullableText.describe("the next page's cursor; null on the last page"),
});
export type ConsentPage = z.output<typeof consentListSchema>;

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
  const rows = await dbFor(d1)
    .select({
      key: contacts.id,
      id: contacts.publicId,
      waId: contacts.waId,
      userId: contacts.userId,
      username: contacts.username,
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
  const data = page.map(
    (r): ConsentRow => ({
      contact_id: r.id ?? "",
      wa_id: r.waId,
      user_id: r.userId,
      username: r.username,
      name: r.name,
      status: r.status ?? "unknown",
      since: r.since ? new Date(r.since).toISOString() : null,
    }),
  );
  return { data, next_cursor };
}

export const CSV_HEADER = ["contact_id", "wa_id", "user_id", "username", "name", "status", "since"];

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
        (d) =>
          `${[d.contact_id, d.wa_id, d.user_id, d.username, d.name, d.status, d.since].map(csvCell).join(",")}\r\n`,
      );
      if (lines.length) controller.enqueue(encoder.encode(lines.join("")));
      if (page.next_cursor) cursor = page.next_cursor;
      else controller.close();
    },
  });
}

const listConsents = apiRoute({
  method: "get",
  path: "/",
  scope: "read",
  operationId: "listConsents",
  tags: ["consent"],
  summary: "Each contact's current marketing consent, newest first (JSON or CSV)",
  request: { query: listQuery },
  responses: {
    200: {
      description: `A page of consents; \`format=csv\`: every matching row, streamed (\`${CSV_HEADER.join(",")}\`)`,
      content: {
        "application/json": { schema: consentListSchema },
        "text/csv": { schema: z.string() },
      },
    },
  },
});

const listUnverified = apiRoute({
  method: "get",
  path: "/unverified",
  scope: "read",
  operationId: "listUnverifiedOptins",
  tags: ["consent"],
  summary: "Widget opt-ins whose text is not registered: kept as evidence, they change no status",
  request: {
    query: z.strictObject({
      format: z.enum(["json", "csv"]).default("json"),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      cursor: z.string().max(256).optional(),
    }),
  },
  responses: {
    200: {
      description: `A page, newest first; \`format=csv\`: the page as CSV (\`${UNVERIFIED_CSV_HEADER.join(",")}\`), the next cursor in \`X-Next-Cursor\``,
      content: {
        "application/json": { schema: unverifiedOptinListSchema },
        "text/csv": { schema: z.string() },
      },
    },
  },
});

export const consentsRoute = apiApp()
  .openapi(listConsents, async (c) => {
    const q = c.req.valid("query");
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
    return c.json(await readConsentPage(c.env.DB, siteId, q, q.cursor, q.limit), 200);
  })
  .openapi(listUnverified, async (c) => {
    // Widget opt-ins whose text the site has not registered (unverified-optins.ts).
    const q = c.req.valid("query");
    const page = await readUnverifiedOptins(c.var.db, c.var.siteId, q.cursor, q.limit);
    if (q.format === "json") return c.json(page, 200);
    const rows = page.data.map((r) => UNVERIFIED_CSV_HEADER.map((k) => r[k]));
    return c.body(toCsv(UNVERIFIED_CSV_HEADER, rows), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="unverified-optins.csv"',
      ...(page.next_cursor ? { "x-next-cursor": page.next_cursor } : {}),
    });
  });
