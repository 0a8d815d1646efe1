/**
 * The set-up check, where people look when something does not arrive:
 * - `GET /api/v1/setup` (any key of the site): its last beacon, last webhook, first lead, the
 *   health of its destinations and the beacons refused in the last 24 h, each with a fix;
 * - `GET /api/v1/sites/{id}/setup` (admin token): the same for any site (`npx chatref sites get`);
 * - `GET /api/v1/sites/diagnostics` (admin token): beacons, scans and signed webhooks of the last
 *   24 h for site keys, link codes and accounts no site has.
 * The rejections come from the rejection log (db/rejections.ts).
 */
import { apiApp, apiRoute, idParams, jsonResponse } from "./api-route";
import { findSite } from "./find-site";
import { readDiagnostics, readSetup } from "./setup-read";
import { diagnosticsSchema, setupSchema } from "./setup-schema";

const summary =
  "The site's set-up state: last beacon, last webhook, first lead, destinations' health and the beacons refused in the last 24 h, each with the fix to make";

const setup = apiRoute({
  method: "get",
  path: "/",
  scope: "read",
  operationId: "getSetup",
  tags: ["meta"],
  summary,
  responses: { 200: jsonResponse(setupSchema, "The set-up state") },
});

/** `/api/v1/setup`: the key's own site. */
export const setupRoute = apiApp().openapi(setup, async (c) => {
  const site = await findSite(c.env.DB, c.var.siteId);
  return c.json(await readSetup(c.env.DB, site, new URL(c.req.url).origin), 200);
});

const siteSetup = apiRoute({
  method: "get",
  path: "/{id}/setup",
  scope: "admin",
  operationId: "getSiteSetup",
  tags: ["admin"],
  summary,
  request: { params: idParams("site") },
  responses: { 200: jsonResponse(setupSchema, "The set-up state") },
});

const diagnostics = apiRoute({
  method: "get",
  path: "/diagnostics",
  scope: "admin",
  operationId: "getDiagnostics",
  tags: ["admin"],
  summary:
    "Requests of the last 24 h for things no site has: beacons' unknown site keys, webhooks' unknown phone_number_ids and accounts, scans of unknown link codes",
  responses: { 200: jsonResponse(diagnosticsSchema, "Counts per key, account or code") },
});

/** Mounted at `/api/v1/sites` before sites-route.ts, so `/diagnostics` is not read as an id. */
export const siteDiagnosticsRoute = apiApp()
  .openapi(diagnostics, async (c) => c.json(await readDiagnostics(c.env.DB), 200))
  .openapi(siteSetup, async (c) => {
    const site = await findSite(c.env.DB, c.req.valid("param").id);
    return c.json(await readSetup(c.env.DB, site, new URL(c.req.url).origin), 200);
  });
