/**
 * `GET /api/v1/leads` (newest first, keyset pages via `cursor`/`next_cursor`, `from`/`to` on
 * created_at, the stats' exact-match filters on the lead's first or last touch; or, with
 * `updated_since`, incremental sync in change order) and `GET /api/v1/leads/:id`, each lead with
 * its outcome (read-model/lead-outcome.ts). Every query is
 * filtered by the key's site, so another site's lead is a 404.
 */
import { and, asc, eq, gt, gte, lt, ne, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { dbFor } from "../db/prepared";
import { ATTRIBUTIONS, CHANNELS, leads } from "../db/schema";
import { ApiError } from "../http/errors";
import { instant } from "../http/instant";
import { selectLeadRows, toLeadJson } from "../read-model/lead-json";
import { NO_OUTCOME, readOutcomes, withOutcomes } from "../read-model/lead-outcome";
import { leadPageSchema, leadWithTouchesSchema } from "../read-model/lead-schema";
import {
  FILTERS,
  LAST_TOUCH_JOIN,
  leadDimensionColumns,
  TOUCH_MODELS,
} from "../reporting/stats-query";
import { apiApp } from "./api-route";
import { decodeSyncCursor, encodeSyncCursor, newestFirstData, type SyncPosition } from "./cursor";
import { includeTouches, readTouchPaths, withTouches } from "./lead-touches";
import { KEY_SCOPES, resourceRoutes } from "./resource-routes";
import { siteRow } from "./site-row";

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(256).optional(),
  from: instant.optional().describe("created_at ≥ from"),
  to: instant.optional().describe("created_at < to"),
  updated_since: instant
    .optional()
    .describe("incremental sync: leads changed at or after this time"),
  include: z.enum(["touches"]).optional().describe("touches: each lead's touch path"),
  chat_app: z
    .enum(CHANNELS)
    .optional()
    .describe("the chat app of the lead's first message (the lead's `channel`)"),
  attribution: z
    .enum(ATTRIBUTIONS)
    .optional()
    .describe("only leads with this attribution (`inferred`: a click chosen without its ref)"),
  inferred: z
    .enum(["include", "exclude"])
    .default("include")
    .describe("`exclude` leaves out leads attributed by inference, as in the stats"),
  ...touchFilters(),
});

/**
 * The exact-match filters of `GET /api/v1/stats`, on the lead's first touch or (`touch=last`)
 * its latest matched ref or ad, with the same values: a Click-to-WhatsApp lead is channel
 * `Paid Social`, source / medium `meta / ctwa`; a lead with no attribution matches none.
 */
function touchFilters() {
  const value = z.string().min(1).max(512).optional();
  return {
    touch: z
      .enum(TOUCH_MODELS)
      .default("first")
      .describe("which touch the filters match: the lead's first (default) or its last"),
    channel: value.describe("exact channel group of the touch"),
    source: value.describe("exact source of the touch"),
    medium: value.describe("exact medium of the touch"),
    campaign: value.describe("exact utm_campaign of the touch"),
    placement: value.describe("exact placement of the touch"),
    link_id: z.string().min(1).max(64).optional().describe("campaign link of the touch"),
  };
}

/**
 * The filters as one condition: the lead's id among the site's leads whose touch (the columns
 * the stats group by, reporting/stats-query.ts) has every value asked; undefined without filters.
 */
function touchFilter(siteId: string, q: z.output<typeof listQuery>): SQL | undefined {
  const asked = FILTERS.filter((f) => q[f] !== undefined);
  if (!asked.length) return undefined;
  const first = q.touch === "first";
  const join = first ? "left join clicks c on c.id = l.click_id" : LAST_TOUCH_JOIN;
  const attr = first ? "l.attribution" : "coalesce(t.kind, l.attribution)";
  const range: SQL[] = [];
  if (q.from !== undefined) range.push(sql` and l.created_at >= ${q.from}`);
  if (q.to !== undefined) range.push(sql` and l.created_at < ${q.to}`);
  // Column names come from FILTERS (a constant list), values are bound.
  const match = sql.join(
    asked.map((f) => sql`${sql.raw(f)} = ${q[f]}`),
    sql` and `,
  );
  return sql`${leads.id} in (select id from (
    select l.id as id, ${sql.raw(leadDimensionColumns(attr))}
    from leads l ${sql.raw(join)}
    where l.site_id = ${siteId}${sql.join(range)}
  ) where ${match})`;
}

/**
 * Leads whose changes have settled for this long are served by incremental sync; a lead written
 * by a slower concurrent request with an earlier clock cannot then appear behind a client's cursor.
 */
export const SYNC_SETTLE_MS = 5_000;

/** The listing's own filters, besides the touch's (FILTERS). */
const LIST_ONLY = ["from", "to", "chat_app", "attribution"] as const;

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
  // A filter the sync cannot apply is refused, never ignored (a client would take every lead).
  const filters: string[] = [...LIST_ONLY, ...FILTERS].filter((f) => q[f] !== undefined);
  if (q.inferred === "exclude") filters.push("inferred");
  if (filters.length)
    throw new ApiError(
      400,
      "bad_request",
      `filters apply to the newest-first listing, not to incremental sync: ${filters.join(", ")}`,
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
  if (q.chat_app !== undefined) where.push(eq(leads.chatApp, q.chat_app));
  const rows = await selectLeadRows(dbFor(d1))
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

const { list, get } = resourceRoutes("leads", "lead", KEY_SCOPES);

export const leadsRoute = apiApp()
  .openapi(
    list(
      "listLeads",
      "Leads, newest first; with `updated_since` (or a sync cursor), incremental sync",
      listQuery,
      leadPageSchema,
      "A page of leads",
    ),
    async (c) => {
      const q = c.req.valid("query");
      const sync = q.cursor ? decodeSyncCursor(q.cursor) : null;
      if (q.updated_since !== undefined || sync) {
        const page = await syncPage(c.env.DB, c.var.siteId, q, sync);
        const withPaths = await includeTouches(c.var.db, c.var.siteId, page, q.include);
        return c.json(await withOutcomes(c.var.db, c.var.siteId, withPaths), 200);
      }
      const where: (SQL | undefined)[] = [eq(leads.siteId, c.var.siteId)];
      if (q.from !== undefined) where.push(gte(leads.createdAt, q.from));
      if (q.to !== undefined) where.push(lt(leads.createdAt, q.to));
      if (q.chat_app !== undefined) where.push(eq(leads.chatApp, q.chat_app));
      if (q.attribution !== undefined) where.push(eq(leads.attribution, q.attribution));
      if (q.inferred === "exclude") where.push(ne(leads.attribution, "inferred"));
      where.push(touchFilter(c.var.siteId, q));
      const select = selectLeadRows(c.var.db);
      const body = await newestFirstData(select, leads, where, q, (r) => r.lead, toLeadJson);
      const withPaths = await includeTouches(c.var.db, c.var.siteId, body, q.include);
      return c.json(await withOutcomes(c.var.db, c.var.siteId, withPaths), 200);
    },
  )
  .openapi(
    get("getLead", "One lead with its touch path", leadWithTouchesSchema, "The lead"),
    async (c) => {
      const { id } = c.req.valid("param");
      const row = await siteRow(selectLeadRows(c.var.db), leads, c.var.siteId, id, "lead");
      const [paths, outcomes] = await Promise.all([
        readTouchPaths(c.var.db, c.var.siteId, [row.lead.id]),
        readOutcomes(c.var.db, c.var.siteId, [row.lead.id]),
      ]);
      const outcome = outcomes.get(row.lead.id) ?? NO_OUTCOME;
      return c.json({ ...withTouches(toLeadJson(row), paths), outcome }, 200);
    },
  );
