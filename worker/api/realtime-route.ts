/**
 * `GET /api/v1/stats/realtime` (any key of the site): chat clicks, scans and conversations of the
 * last 30 minutes, per minute, for the dashboard's realtime strip. Mounted at `/api/v1/stats`
 * beside stats-route.ts; the SQL is in reporting/realtime-query.ts (bounded: 30 minutes, two
 * index range scans in one batch).
 */
import { readRealtime, realtimeWindow } from "../reporting/realtime-query";
import { apiApp, jsonResponse } from "./api-route";
import { realtimeSchema } from "./realtime-schema";
import { KEY_SCOPES, resourceRoutes } from "./resource-routes";

// A GET of the stats resource: any key of the site reads it (KEY_SCOPES).
const { route } = resourceRoutes("stats", "stats", KEY_SCOPES);
const getRealtime = route(
  "get",
  "/realtime",
  "getRealtime",
  "Chat clicks, scans and conversations of the last 30 minutes, per minute",
  { responses: { 200: jsonResponse(realtimeSchema, "The last 30 minutes") } },
);

export const realtimeRoute = apiApp().openapi(getRealtime, async (c) => {
  const window = realtimeWindow(Date.now());
  const minutes = await readRealtime(c.env.DB, c.var.siteId, window);
  const totals = { chat_clicks: 0, scans: 0, conversations: 0 };
  for (const m of minutes) {
    totals.chat_clicks += m.chat_clicks;
    totals.scans += m.scans;
    totals.conversations += m.conversations;
  }
  return c.json(
    {
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
      totals,
      minutes,
    },
    200,
    // A few readers poll it: a private answer, never cached by a proxy.
    { "cache-control": "private, no-store" },
  );
});
