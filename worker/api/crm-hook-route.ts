/**
 * `POST /webhooks/crm/{key}`: sale events from a no-code tool (n8n, Make, Zapier) or a CRM
 * automation that can call a URL but not set a header. The URL's secret is an API key of scope
 * `events` (made with `npx chatref keys create <site> --scope events`), which opens nothing else:
 * the API refuses it (api-key-auth.ts), and this route refuses every other scope, so a `full` key
 * never ends up in a tool's URL field. The body is `POST /api/v1/events`'s.
 */
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "../db/schema";
import { ApiError } from "../http/errors";
import { hashApiKey } from "./api-key-auth";
import { apiApp, apiRoute, jsonBody } from "./api-route";
import { lookupBody } from "./lead-event-body";
import { answer, answers, BODY_MAX } from "./lead-events-route";
import { recordFoundEvent } from "./record-lead-event";

/** An API key as api/site-json.ts mints it. */
const KEY = /^crk_[0-9A-Z]{32}$/;

export const crmHookRoute = apiApp().openapi(
  apiRoute({
    method: "post",
    path: "/{key}",
    scope: "public",
    operationId: "postCrmEvent",
    tags: ["leads"],
    summary: "A sale event from a CRM or no-code tool; the URL's key has scope `events`",
    request: {
      params: z.strictObject({ key: z.string().regex(KEY).describe("an API key of scope events") }),
      body: jsonBody(lookupBody),
    },
    bodyMax: BODY_MAX,
    responses: answers,
    errors: [404, 409],
  }),
  async (c) => {
    const { key } = c.req.valid("param");
    const row = await c.var.db
      .select({ siteId: apiKeys.siteId })
      .from(apiKeys)
      .where(
        and(
          eq(apiKeys.keyHash, await hashApiKey(key)),
          eq(apiKeys.scope, "events"),
          isNull(apiKeys.revokedAt),
        ),
      )
      .get();
    // One answer for a wrong, revoked or differently scoped key: the URL tells nothing about keys.
    if (!row) throw new ApiError(404, "not_found", "No CRM hook at this URL");
    return c.json(...answer(await recordFoundEvent(c, row.siteId, c.req.valid("json"))));
  },
);
