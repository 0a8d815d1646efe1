/**
 * `GET /api/v1/whoami`: the API key in use — its site (id, name, WhatsApp number and
 * phone_number_id), time zone, id and scope — so a client (the dashboard, the phone simulator)
 * can say which site it shows and offer only what the key may do. Any live key may ask.
 */
import { eq } from "drizzle-orm";
import { sites } from "../db/schema";
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

export const whoamiRoute = apiApp().openapi(whoami, async (c) => {
  const site = await c.var.db
    .select({ name: sites.name, waNumber: sites.waNumber, phoneNumberId: sites.phoneNumberId })
    .from(sites)
    .where(eq(sites.id, c.var.siteId))
    .get();
  return c.json(
    {
      site_id: c.var.siteId,
      site_name: site?.name ?? "",
      wa_number: site?.waNumber ?? "",
      phone_number_id: site?.phoneNumberId ?? "",
      timezone: c.var.timezone,
      key_id: c.var.keyId,
      scope: c.var.keyScope,
    },
    200,
  );
});
