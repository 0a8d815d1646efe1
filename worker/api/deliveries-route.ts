/**
 * The forwarding log (`/api/v1/deliveries`): one entry per lead event and destination, newest
 * first, filterable by status, destination, lead and creation time, with attempts, the last error
 * and response code; `GET /summary` counts them per destination and status over a period
 * (delivery-summary.ts); `GET /:id` adds the body sent. `POST /:id/retry` schedules an attempt now for a delivery
 * that is dead, skipped or waiting (a sent one is never sent twice), with a fresh allowance of
 * attempts. Every query is filtered by the key's site.
 */
import { and, eq, gte, lt, ne, type SQL, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { getDb } from "../db/client";
import { OUTBOX_STATUSES, outbox } from "../db/schema";
import type { AppEnv } from "../env";
import { enqueueOutbox, type ForwardMessage } from "../forward/enqueue";
import { MAX_ATTEMPTS } from "../forward/outbox-insert";
import { ApiError } from "../http/errors";
import { instant } from "../http/instant";
import { validate } from "../http/validate";
import { apiKeyAuth } from "./api-key-auth";
import { afterCursor, newestFirst, toPage } from "./cursor";
import { selectDeliveryRows, toDeliveryJson } from "./delivery-json";
import { readDeliverySummary } from "./delivery-summary";

const id = z.string().min(1).max(64);
export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(256).optional(),
  status: z.enum(OUTBOX_STATUSES).optional(),
  destination_id: id.optional(),
  lead_id: id.optional(),
  from: instant.optional().describe("created at or after"),
  to: instant.optional().describe("created before"),
});

const DAY = 86_400_000;
export const summaryQuery = z
  .strictObject({
    from: instant
      .optional()
      .describe("deliveries created at or after (default: 30 days before `to`)"),
    to: instant.optional().describe("deliveries created before (default: now)"),
  })
  .transform((q, ctx) => {
    const to = q.to ?? Date.now();
    const from = q.from ?? to - 30 * DAY;
    if (from >= to) ctx.addIssue({ code: "custom", message: "from must be before to" });
    if (to - from > 400 * DAY) ctx.addIssue({ code: "custom", message: "at most 400 days" });
    return { from, to };
  });

const notFound = (deliveryId: string) =>
  new ApiError(404, "not_found", `No delivery ${deliveryId.slice(0, 64)}`);

export const deliveriesRoute = new Hono<AppEnv>()
  .use(apiKeyAuth())
  .get("/", async (c) => {
    const q = validate(listQuery, c.req.query());
    const where: (SQL | undefined)[] = [eq(outbox.siteId, c.var.siteId)];
    if (q.status) where.push(eq(outbox.status, q.status));
    if (q.destination_id) where.push(eq(outbox.destinationId, q.destination_id));
    if (q.lead_id) where.push(eq(outbox.leadId, q.lead_id));
    if (q.from !== undefined) where.push(gte(outbox.createdAt, q.from));
    if (q.to !== undefined) where.push(lt(outbox.createdAt, q.to));
    where.push(afterCursor(outbox, q.cursor));
    const rows = await selectDeliveryRows(getDb(c.env.DB))
      .where(and(...where))
      .orderBy(...newestFirst(outbox))
      .limit(q.limit + 1)
      .all();
    const { page, next_cursor } = toPage(rows, q.limit, (r) => r.row);
    return c.json({ data: page.map((r) => toDeliveryJson(r)), next_cursor });
  })
  .get("/summary", async (c) => {
    const q = validate(summaryQuery, c.req.query());
    return c.json(await readDeliverySummary(c.env.DB, c.var.siteId, q.from, q.to));
  })
  .get("/:id", async (c) => {
    const row = await selectDeliveryRows(getDb(c.env.DB))
      .where(and(eq(outbox.siteId, c.var.siteId), eq(outbox.id, c.req.param("id"))))
      .get();
    if (!row) throw notFound(c.req.param("id"));
    return c.json(toDeliveryJson(row, true));
  })
  .post("/:id/retry", async (c) => {
    const deliveryId = c.req.param("id");
    const db = getDb(c.env.DB);
    const now = Date.now();
    const updated = await db
      .update(outbox)
      .set({
        status: sql`case when ${outbox.attempts} > 0 then 'retrying' else 'pending' end`,
        nextAttemptAt: now,
        maxAttempts: sql`max(${outbox.maxAttempts}, ${outbox.attempts} + ${MAX_ATTEMPTS})`,
        updatedAt: now,
      })
      .where(
        and(eq(outbox.siteId, c.var.siteId), eq(outbox.id, deliveryId), ne(outbox.status, "sent")),
      )
      .returning({ id: outbox.id })
      .run();
    const row = await selectDeliveryRows(db)
      .where(and(eq(outbox.siteId, c.var.siteId), eq(outbox.id, deliveryId)))
      .get();
    if (!row) throw notFound(deliveryId);
    if (!updated.meta.changes)
      throw new ApiError(
        400,
        "bad_request",
        `Delivery ${row.row.id} was sent; it is never sent twice`,
      );
    try {
      await enqueueOutbox(c.env.FORWARD_QUEUE as Queue<ForwardMessage>, [row.row.id]);
    } catch (err) {
      // The row is due now; the cron sweep enqueues it if this send was lost.
      console.error(
        "forward: retry enqueue failed",
        row.row.id,
        err instanceof Error ? err.message : "",
      );
    }
    return c.json(toDeliveryJson(row), 202);
  });
