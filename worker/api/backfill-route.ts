/**
 * `POST /api/v1/destinations/:id/backfill`: writes the `lead.created` deliveries of the leads
 * created in [since, until) that the destination has not had (forward/backfill.ts; idempotent),
 * or with `dry_run` only counts them. Another site's destination is a 404 whatever the body.
 */
import { z } from "zod";
import { BACKFILL_MAX_RANGE_MS, backfillDestination } from "../forward/backfill";
import { ApiError } from "../http/errors";
import { instant } from "../http/instant";
import { readJson } from "../http/validate";
import { apiApp, apiRoute, idParams, jsonBody, jsonResponse } from "./api-route";
import { type BackfillJson, backfillSchema } from "./destination-schema";
import { findDestination } from "./destinations-route";

const BODY_MAX = 16 * 1024;

export const backfillBody = z.strictObject({
  since: instant.describe("leads created at or after this time"),
  until: instant.optional().describe("leads created before this time (default: now)"),
  dry_run: z.boolean().default(false).describe("count only, write nothing"),
});

const backfill = apiRoute({
  method: "post",
  path: "/{id}/backfill",
  scope: "full",
  operationId: "backfillDestination",
  tags: ["forwarding"],
  summary:
    "Send the leads created in [since, until) that this destination has not had (lead.created; idempotent; range ≤ 400 days)",
  request: {
    params: idParams("destination"),
    body: jsonBody(backfillBody, "`since` and `until`: a date (midnight UTC) or a date-time"),
  },
  // Another site's destination is a 404 whatever the body: the handler reads it after the look-up.
  bodyInHandler: true,
  responses: {
    202: jsonResponse(
      backfillSchema,
      "Deliveries written; leads older than the window are skipped",
    ),
    200: jsonResponse(backfillSchema, "dry_run: the counts, nothing written"),
  },
  errors: [409],
});

export const backfillRoute = apiApp().openapi(backfill, async (c) => {
  // The destination first: another site's id is a 404 whatever the body.
  const current = await findDestination(c.env.DB, c.var.siteId, c.req.valid("param").id);
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
  const counts = await backfillDestination(c.var.db, c.env.FORWARD_QUEUE, {
    siteId: c.var.siteId,
    destination: current,
    since: body.since,
    until,
    dryRun: body.dry_run,
    now,
  });
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
