/**
 * `GET /api/v1/contacts?wa_id=…|user_id=…` (find a contact by any identifier it was seen with, so
 * an erasure request by phone or BSUID can be served), `GET /api/v1/contacts/:id` (marketing status, messaging windows, consent history) and
 * `DELETE /api/v1/contacts/:id` (erases the contact's personal data, keeps anonymous counts,
 * writes an audit row naming the key). `:id` is the contact's public id (`ct_…`); another site's,
 * or anything else, is a 404.
 */
import { z } from "zod";
import { eraseContact } from "../consent/erase";
import { ApiError } from "../http/errors";
import { count, isoInstant, text } from "../read-model/json-fields";
import { apiApp, jsonResponse } from "./api-route";
import {
  contactSchema,
  findContactId,
  PUBLIC_ID,
  readContact,
  userIdField,
  waIdField,
} from "./contact-json";
import { KEY_SCOPES, resourceRoutes } from "./resource-routes";

/** `DELETE /api/v1/contacts/{id}`: what was erased. */
export const erasureSchema = z.strictObject({
  id: text,
  erased_at: isoInstant,
  erased: z.strictObject({
    messages: count,
    deliveriesDeleted: count,
    deliveriesRedacted: count,
    outboxRows: count,
  }),
});

const { params, route, get } = resourceRoutes(
  "consent",
  z.strictObject({ id: z.string().regex(PUBLIC_ID).describe("the contact's public id") }),
  KEY_SCOPES,
);

const findQuery = z
  .strictObject({
    wa_id: waIdField.describe("a phone number, country code first (`+1 (555) 000-4444` or digits)"),
    user_id: userIdField.describe("a WhatsApp business-scoped user id (BSUID), current or earlier"),
  })
  .refine((q) => (q.wa_id === undefined) !== (q.user_id === undefined), {
    message: "give exactly one of wa_id and user_id",
  });

export const contactsRoute = apiApp()
  .openapi(
    route("get", "/", "findContact", "Find a contact by phone or BSUID (for an erasure request)", {
      request: { query: findQuery },
      responses: {
        200: jsonResponse(
          z.strictObject({ data: z.array(contactSchema).max(1) }),
          "The contact these identifiers name (none: an empty list)",
        ),
      },
      errors: [400],
    }),
    async (c) => {
      const q = c.req.valid("query");
      const db = c.var.db;
      const identity = q.user_id
        ? { kind: "wa_user" as const, value: q.user_id }
        : { kind: "wa_phone" as const, value: (q.wa_id ?? "").replace(/^\+/, "") };
      const publicId = await findContactId(db, c.var.siteId, identity.kind, identity.value);
      const contact = publicId ? await readContact(db, c.var.siteId, publicId) : null;
      return c.json({ data: contact ? [contact] : [] }, 200);
    },
  )
  .openapi(
    get(
      "getContact",
      "One contact: marketing status, messaging windows, consent history",
      contactSchema,
      "The contact",
    ),
    async (c) => {
      const { id } = c.req.valid("param");
      const contact = await readContact(c.var.db, c.var.siteId, id);
      if (!contact) throw new ApiError(404, "not_found", `No contact ${id}`);
      return c.json(contact, 200);
    },
  )
  .openapi(
    route(
      "delete",
      "/{id}",
      "eraseContact",
      "Erase the contact's personal data (counts stay, audited)",
      {
        request: { params },
        responses: { 200: jsonResponse(erasureSchema, "Erased") },
      },
    ),
    async (c) => {
      const { id } = c.req.valid("param");
      const result = await eraseContact(c.var.db, c.var.siteId, id, c.var.keyId);
      if (!result) throw new ApiError(404, "not_found", `No contact ${id}`);
      const { erasedAt, ...counts } = result;
      return c.json({ id, erased_at: new Date(erasedAt).toISOString(), erased: counts }, 200);
    },
  );
