/**
 * The OpenAPI 3.1 document served at `GET /api/v1/openapi.json`, generated from the route
 * declarations (api-route.ts) the app registered, by `getOpenAPI31Document` (zod-to-openapi's 3.1
 * generator). Each declaration's zod schemas are converted here with zod's
 * own `z.toJSONSchema` (JSON Schema 2020-12, the dialect of OpenAPI 3.1) before generation:
 * requests as their input, responses as their output, named responses as `components.schemas`
 * (each self-contained). zod-to-openapi's converter documents `.extend()`ed schemas as `allOf`
 * over a strict parent (which then rejects the added fields) and has no input/output mode.
 * test/worker/openapi.test.ts checks that the document lists exactly the routes `app` has and that
 * real answers match it; test/openapi/ validates it as OpenAPI 3.1.
 */
import { OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import { z } from "zod";
import { ERROR_CODES } from "../http/errors";
import { leadPageSchema, leadWithTouchesSchema } from "../read-model/lead-schema";
import type { ApiRouteConfig, RouteScope } from "./api-route";
import { errorSchema } from "./api-route";
import { consentTextPageSchema, consentTextSchema } from "./consent-texts-route";
import { consentListSchema } from "./consents-route";
import { contactSchema } from "./contact-json";
import { erasureSchema } from "./contacts-route";
import { deliveryPageSchema, deliverySchema, deliverySummarySchema } from "./delivery-schema";
import {
  backfillSchema,
  destinationPageSchema,
  destinationWithSecretSchema,
} from "./destination-schema";
import { linkPageSchema, linkSchema } from "./link-schema";
import { healthSchema } from "./meta-routes";
import { clickResultSchema, webhookResultSchema } from "./public-routes";
import { diagnosticsSchema, setupSchema } from "./setup-schema";
import {
  apiKeyCreatedSchema,
  apiKeyListSchema,
  apiKeySchema,
  siteCreatedSchema,
  sitePageSchema,
  siteSchema,
} from "./site-json";
import { statsSchema } from "./stats-schema";
import { whoamiSchema } from "./whoami-schema";

type JsonSchema = Record<string, unknown>;

/** zod → JSON Schema 2020-12, without the `$schema` key (the document's dialect applies). */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}

/** Response schemas shared by name, as `components.schemas`. */
export const RESPONSE_SCHEMAS = {
  Error: errorSchema,
  Lead: leadWithTouchesSchema,
  LeadPage: leadPageSchema,
  Link: linkSchema,
  LinkPage: linkPageSchema,
  Destination: destinationWithSecretSchema,
  DestinationPage: destinationPageSchema,
  Backfill: backfillSchema,
  DeliverySummary: deliverySummarySchema,
  Delivery: deliverySchema,
  DeliveryPage: deliveryPageSchema,
  Contact: contactSchema,
  ContactErasure: erasureSchema,
  ConsentList: consentListSchema,
  Stats: statsSchema,
  Whoami: whoamiSchema,
  Setup: setupSchema,
  Diagnostics: diagnosticsSchema,
  Site: siteSchema,
  SiteCreated: siteCreatedSchema,
  SitePage: sitePageSchema,
  ApiKey: apiKeySchema,
  ApiKeyCreated: apiKeyCreatedSchema,
  ApiKeyList: apiKeyListSchema,
  ConsentText: consentTextSchema,
  ConsentTextPage: consentTextPageSchema,
  ClickResult: clickResultSchema,
  WebhookResult: webhookResultSchema,
  Health: healthSchema,
} as const satisfies Record<string, z.ZodType>;
export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;

const NAMES = new Map<z.ZodType, string>(
  Object.entries(RESPONSE_SCHEMAS).map(([name, schema]) => [schema, name]),
);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const ERROR_TEXT: Record<number, string> = {
  400: "Bad request: `bad_request`, `invalid_json` or `validation_failed`",
  401: "Missing or wrong credentials (`unauthorized`)",
  403: "Forbidden (`forbidden`): a `read` key on a route that needs `full`, or administration disabled",
  404: "Not found (`not_found`)",
  409: "Conflict (`conflict`)",
  413: "Body too large (`payload_too_large`)",
  429: "Too many requests from this client (`rate_limited`; see `Retry-After`)",
};

const SECURITY: Record<RouteScope, Record<string, string[]>[]> = {
  read: [{ apiKey: [] }],
  full: [{ apiKey: [] }],
  admin: [{ adminToken: [] }],
  public: [],
};

/** Error statuses a route answers: from its scope and request, plus those it declares. */
function errorStatuses(route: ApiRouteConfig): number[] {
  const { params, query, body } = route.request ?? {};
  const statuses = new Set(route.errors ?? []);
  // A path parameter that fails validation names nothing (api-route.ts): 404, unless the route
  // documents its own 404 (the short link's page).
  if (params && !(404 in route.responses)) statuses.add(404);
  if (query || body) statuses.add(400);
  if (body) statuses.add(413);
  if (route.scope !== "public") statuses.add(401);
  if (route.scope === "full" || route.scope === "admin") statuses.add(403);
  return [...statuses].sort();
}

/** A zod object's properties → `in` parameters (description lifted to the parameter). */
function parameters(schema: unknown, where: "path" | "query" | "header"): JsonSchema[] {
  if (!(schema instanceof z.ZodType)) return [];
  const object = jsonSchema(schema, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || (object.required?.includes(name) ?? false),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

type Content = Record<string, { schema?: unknown } | undefined>;

/** Zod schemas in a content map → JSON Schema (named responses by `$ref`). */
function content(map: Content, io: "input" | "output"): Content {
  return Object.fromEntries(
    Object.entries(map).map(([media, entry]) => {
      const schema = entry?.schema;
      if (!(schema instanceof z.ZodType)) return [media, entry];
      const name = io === "output" ? NAMES.get(schema) : undefined;
      return [media, { ...entry, schema: name ? ref(name) : jsonSchema(schema, io) }];
    }),
  );
}

/** A declaration → the route zod-to-openapi generates, every schema already JSON Schema. */
function operation(route: ApiRouteConfig): RouteConfig {
  const {
    scope,
    errors: _errors,
    bodyMax: _bodyMax,
    bodyInHandler: _bodyInHandler,
    request,
    responses,
    ...rest
  } = route;
  const params = [
    ...parameters(request?.params, "path"),
    ...parameters(request?.query, "query"),
    ...parameters(request?.headers, "header"),
  ];
  const documented: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(responses)) {
    const r = response as { content?: Content };
    documented[status] = r.content ? { ...r, content: content(r.content, "output") } : r;
  }
  for (const status of errorStatuses(route))
    documented[String(status)] = {
      description: ERROR_TEXT[status] ?? "Error",
      content: { "application/json": { schema: ref("Error") } },
    };
  documented["500"] = {
    description: "Internal error (`internal`; never echoes internals)",
    content: { "application/json": { schema: ref("Error") } },
  };
  const body = request?.body;
  return {
    ...rest,
    "x-scope": scope,
    security: SECURITY[scope],
    ...(params.length ? { parameters: params } : {}),
    ...(body
      ? { request: { body: { ...body, content: content(body.content as Content, "input") } } }
      : {}),
    responses: documented,
  } as RouteConfig;
}

type Registry = OpenAPIHono["openAPIRegistry"];

/** The document of the declarations in `registry` (an app's `openAPIRegistry`). */
export function buildOpenApiDocument(registry: Registry): JsonSchema {
  const generator = new OpenAPIHono();
  const out = generator.openAPIRegistry;
  for (const [name, schema] of Object.entries(RESPONSE_SCHEMAS))
    out.registerComponent("schemas", name, jsonSchema(schema, "output"));
  out.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description:
      "A site API key (`crk_…`); it reads exactly one site. Scope `read` answers every GET; a route marked `x-scope: full` needs a `full` key (403 `forbidden` otherwise)",
  });
  out.registerComponent("securitySchemes", "adminToken", {
    type: "http",
    scheme: "bearer",
    description: "The Worker secret CHATREF_ADMIN_TOKEN (403 when it is not set)",
  });
  for (const def of registry.definitions)
    if (def.type === "route") out.registerPath(operation(def.route as ApiRouteConfig));
  const config = {
    openapi: "3.1.0",
    info: {
      title: "chatref API",
      version: "1",
      summary: "Which ad, campaign or page produced each WhatsApp conversation.",
      description:
        'Errors always have the shape `{"error": {"code", "message"}}` with `code` one of ' +
        `${ERROR_CODES.map((c) => `\`${c}\``).join(", ")}. API routes take ` +
        "`Authorization: Bearer <api key>` (one site per key; `x-scope` says whether a `read` key " +
        "is enough or the route needs `full`); `/api/v1/sites` takes the admin token.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "ingest", description: "The widget's click beacon" },
      { name: "webhooks", description: "WhatsApp Cloud API webhooks" },
      { name: "leads", description: "Leads and incremental sync" },
      { name: "stats", description: "Dashboard figures" },
      { name: "links", description: "Campaign links and printed QR codes" },
      { name: "forwarding", description: "Destinations and the forwarding log" },
      { name: "consent", description: "Contacts, consent ledger, erasure" },
      { name: "admin", description: "Sites and API keys (admin token)" },
      { name: "meta", description: "This document, the key in use, the dashboard, health" },
    ],
  };
  // openapi3-ts's LicenseObject lacks 3.1's `identifier`.
  const { webhooks: _none, ...doc } = generator.getOpenAPI31Document(config as never);
  return JSON.parse(JSON.stringify(doc)) as JsonSchema;
}
