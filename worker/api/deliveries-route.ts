/**
 * The forwarding log (`/api/v1/deliveries`): one entry per lead event and destination, newest
 * first, filterable by status, destination, lead and creation time, with attempts, the last error
 * and response code; `GET /summary` counts them per destination and status over a period
 * (delivery-summary.ts); `GET /:id` adds the body sent. `POST /:id/retry` schedules an attempt now for a delivery
 * that is dead, skipped or waiting (a sent one is never sent twice), with a fresh allowance of
 * attempts; never one of an erased contact (409). Every query is filtered by the key's site.
 */
import { and, eq, gte, lt, ne, not, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { OUTBOX_STATUSES, outbox } from "../db/schema";
import { enqueueOutbox } from "../forward/enqueue";
import { isLeadErased, leadErased } from "../forward/erased";
import { MAX_ATTEMPTS } from "../forward/outbox-insert";
import { ApiError } from "../http/errors";
import { instant } from "../http/instant";
import { apiApp, jsonResponse } from "./api-route";
import { newestFirstData } from "./cursor";
import { type DeliveryRow, selectDeliveryRows, toDeliveryJson } from "./delivery-json";
import { deliveryPageSchema, deliverySchema, deliverySummarySchema } from "./delivery-schema";
import { readDeliverySummary } from "./delivery-summary";
import { KEY_SCOPES, resourceRoutes } from "./resource-routes";
import { siteRow } from "./site-row";

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

const { route, list, get, onItem } = resourceRoutes("forwarding", "delivery", KEY_SCOPES);

export const deliveriesRoute = apiApp()
  .openapi(
    list(
      "listDeliveries",
      "The forwarding log, newest first",
      listQuery,
      deliveryPageSchema,
      "A page of deliveries",
    ),
    async (c) => {
      const q = c.req.valid("query");
      const where: (SQL | undefined)[] = [eq(outbox.siteId, c.var.siteId)];
      if (q.status) where.push(eq(outbox.status, q.status));
      if (q.destination_id) where.push(eq(outbox.destinationId, q.destination_id));
      if (q.lead_id) where.push(eq(outbox.leadId, q.lead_id));
      if (q.from !== undefined) where.push(gte(outbox.createdAt, q.from));
      if (q.to !== undefined) where.push(lt(outbox.createdAt, q.to));
      const select = selectDeliveryRows(c.var.db);
      const json = (r: DeliveryRow) => toDeliveryJson(r);
      return c.json(await newestFirstData(select, outbox, where, q, (r) => r.row, json), 200);
    },
  )
  .openapi(
    route(
      "get",
      "/summary",
      "summarizeDeliveries",
      "Per destination: deliveries by status over a period, last success, latest error",
      {
        request: { query: summaryQuery },
        responses: {
          200: jsonResponse(deliverySummarySchema, "Deliveries per destination and status"),
        },
      },
    ),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await readDeliverySummary(c.env.DB, c.var.siteId, q.from, q.to), 200);
    },
  )
  .openapi(
    get("getDelivery", "One delivery, with the `payload` sent", deliverySchema, "The delivery"),
    async (c) => {
      const { id } = c.req.valid("param");
      const row = await siteRow(selectDeliveryRows(c.var.db), outbox, c.var.siteId, id, "delivery");
      return c.json(toDeliveryJson(row, true), 200);
    },
  )
  .openapi(
    onItem(
      "post",
      "/{id}/retry",
      "retryDelivery",
      "Make a dead, skipped or waiting delivery due now (a sent one: 400; an erased contact's: 409)",
      [202, jsonResponse(deliverySchema, "Scheduled")],
      { errors: [400, 409] },
    ),
    async (c) => {
      const deliveryId = c.req.valid("param").id;
      const db = c.var.db;
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
          and(
            eq(outbox.siteId, c.var.siteId),
            eq(outbox.id, deliveryId),
            ne(outbox.status, "sent"),
            // Erasure wins: an erased contact's deliveries are never sent again (forward/erased.ts).
            not(leadErased(outbox.leadId)),
          ),
        )
        .returning({ id: outbox.id })
        .run();
      const row = await selectDeliveryRows(db)
        .where(and(eq(outbox.siteId, c.var.siteId), eq(outbox.id, deliveryId)))
        .get();
      if (!row) throw notFound(deliveryId);
      if (!updated.meta.changes && (await isLeadErased(db, row.row.leadId)))
        throw new ApiError(
          409,
          "conflict",
          `Delivery ${row.row.id} belongs to an erased contact; it is never sent`,
        );
      if (!updated.meta.changes)
        throw new ApiError(
          400,
          "bad_request",
          `Delivery ${row.row.id} was sent; it is never sent twice`,
        );
      try {
        await enqueueOutbox(c.env.FORWARD_QUEUE, [row.row.id]);
      } catch (err) {
        // The row is due now; the cron sweep enqueues it if this send was lost.
        console.error(
          "forward: retry enqueue failed",
          row.row.id,
          err instanceof Error ? err.message : "",
        );
      }
      return c.json(toDeliveryJson(row), 202);
    },
  );
