/**
 * `GET /api/v1/whoami`: the API key in use — its site, time zone, id and scope — so a client
 * (the dashboard) can offer only what the key may do. Any live key may ask.
 */
import { apiApp, apiRoute, jsonResponse } from "./api-route";
import { whoamiSchema } from "./whoami-schema";

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
