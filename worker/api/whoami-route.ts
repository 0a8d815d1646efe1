/**
 * `GET /api/v1/whoami`: the API key in use — its site, time zone, id and scope — so a client
 * (the dashboard) can offer only what the key may do. Any live key may ask.
 */
import { z } from "zod";
import { API_KEY_SCOPES } from "../db/schema";
import { apiApp, apiRoute, jsonResponse } from "./api-route";
import { text } from "./json-fields";

/** The key in use, so a client (the dashboard) knows what it may do. */
export const whoamiSchema = z.strictObject({
  site_id: text,
  timezone: text,
  key_id: text,
  scope: z.enum(API_KEY_SCOPES),
});

const whoami = apiRoute({
  method: "get",
  path: "/",
  scope: "read",
  operationId: "whoami",
  tags: ["meta"],
  summary: "The API key in use: its site and its scope (`read` or `full`)",
  responses: { 200: jsonResponse(whoamiSchema, "The key") },
});

export const whoamiRoute = apiApp().openapi(whoami, (c) =>
  c.json(
    {
      site_id: c.var.siteId,
      timezone: c.var.timezone,
      key_id: c.var.keyId,
      scope: c.var.keyScope,
    },
    200,
  ),
);
