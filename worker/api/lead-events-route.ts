/**
 * Sale events, what a CRM reports after the conversation: `POST /api/v1/leads/{id}/events`,
 * `POST /api/v1/contacts/{id}/events` (CRMs know people, and a contact has one lead per site),
 * `POST /api/v1/events` (the lead found by its contact's phone or BSUID), and
 * `GET /api/v1/leads/{id}/events`. A repeated event (same lead, type and external id) answers
 * the first result with 200 and changes nothing; a new one answers 201 and is forwarded to the
 * destinations that take `lead.<type>`.
 */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { leadEvents, leads } from "../db/schema";
import { ApiError } from "../http/errors";
import { leadEventSchema, toLeadEventJson } from "../read-model/lead-event-json";
import { apiApp, jsonBody, jsonResponse } from "./api-route";
import { PUBLIC_ID } from "./contact-json";
import {
  leadEventResultSchema,
  lookupBody,
  type SaleEventBody,
  saleEventBody,
} from "./lead-event-body";
import {
  leadOfContact,
  type Recorded,
  recordFoundEvent,
  recordLeadEvent,
} from "./record-lead-event";
import { KEY_SCOPES, resourceRoutes } from "./resource-routes";

export const BODY_MAX = 4 * 1024;
export const answers = {
  200: jsonResponse(leadEventResultSchema, "Recorded before: the first result, unchanged"),
  201: jsonResponse(leadEventResultSchema, "Recorded"),
};

/** The POST routes' answer: 201 with the event when this call recorded it, else 200. */
export const answer = ({ row, recorded }: Recorded) =>
  [{ event: toLeadEventJson(row), recorded }, recorded ? 201 : 200] as const;

const byLead = resourceRoutes("leads", "lead", KEY_SCOPES);
const byContact = resourceRoutes(
  "leads",
  z.strictObject({ id: z.string().regex(PUBLIC_ID).describe("the contact's public id") }),
  KEY_SCOPES,
);
const post = (r: typeof byLead, operationId: string, summary: string) =>
  r.route("post", "/{id}/events", operationId, summary, {
    request: { params: r.params, body: jsonBody(saleEventBody) },
    bodyMax: BODY_MAX,
    responses: answers,
    errors: [409],
  });

/** Mounted at /api/v1/leads. */
export const leadEventsRoute = apiApp()
  .openapi(
    post(byLead, "recordLeadEvent", "Record a qualified lead, a purchase, a refund or a lost lead"),
    async (c) => {
      const body: SaleEventBody = c.req.valid("json");
      const { id } = c.req.valid("param");
      const done = await recordLeadEvent(c.var.db, c.env.FORWARD_QUEUE, c.var.siteId, id, body);
      return c.json(...answer(done));
    },
  )
  .openapi(
    byLead.route("get", "/{id}/events", "listLeadEvents", "The lead's sale events, oldest first", {
      request: { params: byLead.params },
      responses: {
        200: jsonResponse(z.strictObject({ data: z.array(leadEventSchema) }), "Events"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const lead = await c.var.db
        .select({ id: leads.id })
        .from(leads)
        .where(and(eq(leads.siteId, c.var.siteId), eq(leads.id, id)))
        .get();
      if (!lead) throw new ApiError(404, "not_found", `No lead ${id}`);
      const rows = await c.var.db
        .select()
        .from(leadEvents)
        .where(eq(leadEvents.leadId, id))
        .orderBy(asc(leadEvents.occurredAt), asc(leadEvents.id))
        .limit(1000)
        .all();
      return c.json({ data: rows.map(toLeadEventJson) }, 200);
    },
  );

/** Mounted at /api/v1/contacts. */
export const contactEventsRoute = apiApp().openapi(
  post(
    byContact as typeof byLead,
    "recordContactEvent",
    "Record a sale event of the contact's lead",
  ),
  async (c) => {
    const body: SaleEventBody = c.req.valid("json");
    const { id } = c.req.valid("param");
    const leadId = await leadOfContact(c.var.db, c.var.siteId, id);
    const done = await recordLeadEvent(c.var.db, c.env.FORWARD_QUEUE, c.var.siteId, leadId, body);
    return c.json(...answer(done));
  },
);

const byLookup = resourceRoutes("leads", "lead", KEY_SCOPES);

/** Mounted at /api/v1/events. */
export const lookupEventsRoute = apiApp().openapi(
  byLookup.route(
    "post",
    "/",
    "recordEvent",
    "Record a sale event of the lead found by lead id, contact id, phone or BSUID",
    {
      request: { body: jsonBody(lookupBody) },
      bodyMax: BODY_MAX,
      responses: answers,
      errors: [409],
    },
  ),
  async (c) => c.json(...answer(await recordFoundEvent(c, c.var.siteId, c.req.valid("json")))),
);
