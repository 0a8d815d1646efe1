/** Declarations of the Worker's own public routes: the OpenAPI document, the dashboard, health. */
import { z } from "zod";
import { apiRoute, jsonResponse } from "./api-route";

export const healthSchema = z.strictObject({ ok: z.literal(true) });

export const openApiRoute = apiRoute({
  method: "get",
  path: "/api/v1/openapi.json",
  scope: "public",
  operationId: "getOpenApiDocument",
  tags: ["meta"],
  summary: "This document",
  responses: {
    200: jsonResponse(z.record(z.string(), z.unknown()), "The OpenAPI 3.1 document"),
  },
});

export const dashboardRoute = apiRoute({
  method: "get",
  path: "/dashboard",
  scope: "public",
  operationId: "openDashboard",
  tags: ["meta"],
  summary: "Redirects to the dashboard app (`/dashboard/`, static assets)",
  responses: {
    301: {
      description: "To `/dashboard/`",
      headers: { Location: { schema: { type: "string" } } },
    },
  },
});

export const healthRoute = apiRoute({
  method: "get",
  path: "/healthz",
  scope: "public",
  operationId: "health",
  tags: ["meta"],
  summary: "Liveness",
  responses: { 200: jsonResponse(healthSchema, "Up") },
});
