/**
 * The OpenAPI 3.1 document served at `GET /api/v1/openapi.json`. Request schemas are the zod
 * schemas the routes validate with, response schemas those of response-schemas.ts, converted by
 * zod's own `z.toJSONSchema` (JSON Schema 2020-12, the dialect of OpenAPI 3.1). Built once per
 * isolate. test/worker/openapi.test.ts checks that it lists exactly the routes `app` has and that
 * real answers match it; test/openapi/ validates it as OpenAPI 3.1.
 */
import { z } from "zod";
import { createDestinationBody, UPDATE_SCHEMAS } from "../forward/destination-config";
import { ERROR_CODES } from "../http/errors";
import { envelopeSchema } from "../inbound/whatsapp-payload";
import { clickBeaconSchema } from "../ingest/click-schema";
import { listQuery as consentsQuery } from "./consents-route";
import {
  listQuery as deliveriesQuery,
  summaryQuery as deliveriesSummaryQuery,
} from "./deliveries-route";
import { backfillBody, listQuery as destinationsQuery } from "./destinations-route";
import { listQuery as leadsQuery } from "./leads-route";
import {
  createBody as createLinkBody,
  listQuery as linksQuery,
  pngQuery,
  updateBody as updateLinkBody,
} from "./links-route";
import {
  apiKeyCreatedSchema,
  apiKeySchema,
  backfillSchema,
  clickResultSchema,
  consentListSchema,
  contactSchema,
  deliverySchema,
  deliverySummarySchema,
  destinationSchema,
  destinationWithSecretSchema,
  erasureSchema,
  errorSchema,
  leadPageSchema,
  leadWithTouchesSchema,
  linkSchema,
  pageOf,
  siteCreatedSchema,
  siteSchema,
  statsSchema,
  webhookResultSchema,
} from "./response-schemas";
import {
  createKeyBody,
  createSiteBody,
  listQuery as sitesQuery,
  updateSiteBody,
} from "./sites-route";
import { statsQuery } from "./stats-route";

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

/** Response schemas, as `components.schemas` (each self-contained: no `$defs`). */
export const RESPONSE_SCHEMAS = {
  Error: errorSchema,
  Lead: leadWithTouchesSchema,
  LeadPage: leadPageSchema,
  Link: linkSchema,
  LinkPage: pageOf(linkSchema),
  Destination: destinationWithSecretSchema,
  DestinationPage: pageOf(destinationSchema),
  Backfill: backfillSchema,
  DeliverySummary: deliverySummarySchema,
  Delivery: deliverySchema,
  DeliveryPage: pageOf(deliverySchema),
  Contact: contactSchema,
  ContactErasure: erasureSchema,
  ConsentList: consentListSchema,
  Stats: statsSchema,
  Site: siteSchema,
  SiteCreated: siteCreatedSchema,
  SitePage: pageOf(siteSchema),
  ApiKey: apiKeySchema,
  ApiKeyCreated: apiKeyCreatedSchema,
  ApiKeyList: z.strictObject({ data: z.array(apiKeySchema) }),
  ClickResult: clickResultSchema,
  WebhookResult: webhookResultSchema,
  Health: z.strictObject({ ok: z.literal(true) }),
} as const satisfies Record<string, z.ZodType>;
export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;

type Auth = "apiKey" | "adminToken" | "public";
type Status = `${number}`;

interface Operation {
  method: "get" | "post" | "patch" | "delete";
  /** OpenAPI form: `{id}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  auth: Auth;
  query?: z.ZodType;
  /** Extra parameters (path and header parameters, queries without a zod schema). */
  parameters?: JsonSchema[];
  body?: { contentType: string; schema: JsonSchema; description?: string };
  /** Success answers. */
  responses: Record<Status, JsonSchema>;
  /** Error statuses, each answered with the shared error body. */
  errors: number[];
}

const ref = (name: ResponseSchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: ResponseSchemaName, description: string) => ({
  description,
  content: { "application/json": { schema: ref(name) } },
});
const pathParam = (name: string, description: string, schema: JsonSchema = { type: "string" }) => ({
  name,
  in: "path",
  required: true,
  description,
  schema,
});
const jsonBody = (schema: z.ZodType, description?: string) => ({
  contentType: "application/json",
  schema: jsonSchema(schema, "input"),
  ...(description ? { description } : {}),
});

const ERROR_TEXT: Record<number, string> = {
  400: "Bad request: `bad_request`, `invalid_json` or `validation_failed`",
  401: "Missing or wrong credentials (`unauthorized`)",
  403: "Forbidden (`forbidden`)",
  404: "Not found (`not_found`)",
  409: "Conflict (`conflict`)",
  413: "Body too large (`payload_too_large`)",
};

/** The short-link code Hono matches in `GET /r/:code{[0-9a-z]{1,16}}`. */
export const SHORT_CODE_PATTERN = "[0-9a-z]{1,16}";

const id = (what: string) => pathParam("id", `the ${what}'s id`);

const OPERATIONS: Operation[] = [
  // ---- ingest (public)
  {
    method: "post",
    path: "/v1/clicks",
    operationId: "recordClick",
    tag: "ingest",
    summary: "The widget's click beacon (CORS-simple `text/plain` JSON; allowed origins only)",
    auth: "public",
    body: {
      contentType: "text/plain",
      schema: jsonSchema(clickBeaconSchema, "input"),
      description: "JSON text of the beacon (sent as text/plain so no preflight is needed)",
    },
    responses: {
      "201": json("ClickResult", "Recorded"),
      "200": json("ClickResult", "Already recorded (same site and ref): nothing changed"),
    },
    errors: [400, 403, 404, 413],
  },
  {
    method: "get",
    path: "/webhooks/whatsapp",
    operationId: "verifyWhatsAppWebhook",
    tag: "webhooks",
    summary: "Meta's verify-token handshake: echoes `hub.challenge`",
    auth: "public",
    parameters: [
      { name: "hub.mode", in: "query", required: true, schema: { const: "subscribe" } },
      {
        name: "hub.verify_token",
        in: "query",
        required: true,
        description: "must equal WHATSAPP_VERIFY_TOKEN",
        schema: { type: "string" },
      },
      { name: "hub.challenge", in: "query", required: false, schema: { type: "string" } },
    ],
    responses: {
      "200": {
        description: "The challenge, echoed",
        content: { "text/plain": { schema: { type: "string", maxLength: 256 } } },
      },
    },
    errors: [403],
  },
  {
    method: "post",
    path: "/webhooks/whatsapp",
    operationId: "receiveWhatsAppWebhook",
    tag: "webhooks",
    summary: "WhatsApp Cloud API deliveries (stored, de-duplicated, answered at once)",
    auth: "public",
    parameters: [
      {
        name: "X-Hub-Signature-256",
        in: "header",
        required: true,
        description: "`sha256=` + hex HMAC-SHA-256 of the raw body with WHATSAPP_APP_SECRET",
        schema: { type: "string", pattern: "^sha256=[0-9a-f]{64}$" },
      },
    ],
    body: jsonBody(envelopeSchema, "Meta's webhook envelope (`entry[].changes[].value`)"),
    responses: { "200": json("WebhookResult", "Stored (and processed, or queued for it)") },
    errors: [400, 401, 413],
  },
  {
    method: "get",
    path: "/r/{code}",
    operationId: "openShortLink",
    tag: "links",
    summary: "A campaign link's short URL: records the scan and redirects to the chat",
    auth: "public",
    parameters: [
      pathParam("code", "the link's short code", {
        type: "string",
        pattern: `^${SHORT_CODE_PATTERN}$`,
      }),
    ],
    responses: {
      "302": {
        description: "Redirect to `wa.me` with the prefilled message and a fresh ref",
        headers: { Location: { schema: { type: "string", format: "uri" } } },
      },
      "404": {
        description: "Unknown or disabled code: a friendly page in the visitor's language",
        content: { "text/html": { schema: { type: "string" } } },
      },
    },
    errors: [],
  },
  // ---- leads
  {
    method: "get",
    path: "/api/v1/leads",
    operationId: "listLeads",
    tag: "leads",
    summary: "Leads, newest first; with `updated_since` (or a sync cursor), incremental sync",
    auth: "apiKey",
    query: leadsQuery,
    responses: { "200": json("LeadPage", "A page of leads") },
    errors: [400, 401],
  },
  {
    method: "get",
    path: "/api/v1/leads/{id}",
    operationId: "getLead",
    tag: "leads",
    summary: "One lead with its touch path",
    auth: "apiKey",
    parameters: [id("lead")],
    responses: { "200": json("Lead", "The lead") },
    errors: [401, 404],
  },
  // ---- stats
  {
    method: "get",
    path: "/api/v1/stats",
    operationId: "getStats",
    tag: "stats",
    summary: "KPIs, time series, breakdowns and attribution share for a period",
    auth: "apiKey",
    query: statsQuery,
    responses: { "200": json("Stats", "The figures") },
    errors: [400, 401],
  },
  // ---- campaign links
  {
    method: "post",
    path: "/api/v1/links",
    operationId: "createLink",
    tag: "links",
    summary: "Create a campaign link",
    auth: "apiKey",
    body: jsonBody(createLinkBody),
    responses: { "201": json("Link", "The new link") },
    errors: [400, 401, 413],
  },
  {
    method: "get",
    path: "/api/v1/links",
    operationId: "listLinks",
    tag: "links",
    summary: "Campaign links, newest first, with scan and lead counts",
    auth: "apiKey",
    query: linksQuery,
    responses: { "200": json("LinkPage", "A page of links") },
    errors: [400, 401],
  },
  {
    method: "get",
    path: "/api/v1/links/{id}",
    operationId: "getLink",
    tag: "links",
    summary: "One campaign link",
    auth: "apiKey",
    parameters: [id("link")],
    responses: { "200": json("Link", "The link") },
    errors: [401, 404],
  },
  {
    method: "patch",
    path: "/api/v1/links/{id}",
    operationId: "updateLink",
    tag: "links",
    summary: "Rename, disable or enable a campaign link",
    auth: "apiKey",
    parameters: [id("link")],
    body: jsonBody(updateLinkBody),
    responses: { "200": json("Link", "The updated link") },
    errors: [400, 401, 404, 413],
  },
  {
    method: "get",
    path: "/api/v1/links/{id}/qr.svg",
    operationId: "getLinkQrSvg",
    tag: "links",
    summary: "Print-ready QR code of the short link (SVG)",
    auth: "apiKey",
    parameters: [id("link")],
    responses: {
      "200": {
        description: "The QR code",
        content: { "image/svg+xml": { schema: { type: "string" } } },
      },
    },
    errors: [401, 404],
  },
  {
    method: "get",
    path: "/api/v1/links/{id}/qr.png",
    operationId: "getLinkQrPng",
    tag: "links",
    summary: "Print-ready QR code of the short link (PNG, `size`×`size` px)",
    auth: "apiKey",
    parameters: [id("link")],
    query: pngQuery,
    responses: {
      "200": {
        description: "The QR code",
        content: { "image/png": { schema: { type: "string", contentMediaType: "image/png" } } },
      },
    },
    errors: [400, 401, 404],
  },
  // ---- forwarding
  {
    method: "post",
    path: "/api/v1/destinations",
    operationId: "createDestination",
    tag: "forwarding",
    summary: "Create a forwarding destination (GA4, Meta CAPI or webhook)",
    auth: "apiKey",
    body: jsonBody(createDestinationBody),
    responses: {
      "201": json("Destination", "The new destination (a webhook's `signing_secret` shown once)"),
    },
    errors: [400, 401, 413],
  },
  {
    method: "get",
    path: "/api/v1/destinations",
    operationId: "listDestinations",
    tag: "forwarding",
    summary: "Forwarding destinations, newest first",
    auth: "apiKey",
    query: destinationsQuery,
    responses: { "200": json("DestinationPage", "A page of destinations") },
    errors: [400, 401],
  },
  {
    method: "get",
    path: "/api/v1/destinations/{id}",
    operationId: "getDestination",
    tag: "forwarding",
    summary: "One destination (credentials only as `<name>_last4`)",
    auth: "apiKey",
    parameters: [id("destination")],
    responses: { "200": json("Destination", "The destination") },
    errors: [401, 404],
  },
  {
    method: "patch",
    path: "/api/v1/destinations/{id}",
    operationId: "updateDestination",
    tag: "forwarding",
    summary: "Change, disable or rotate the secret of a destination (`null` clears a setting)",
    auth: "apiKey",
    parameters: [id("destination")],
    body: {
      contentType: "application/json",
      description: "The fields of the destination's kind (the kind itself never changes)",
      schema: {
        anyOf: [
          jsonSchema(UPDATE_SCHEMAS.ga4, "input"),
          jsonSchema(UPDATE_SCHEMAS.meta_capi, "input"),
          jsonSchema(UPDATE_SCHEMAS.webhook, "input"),
        ],
      },
    },
    responses: { "200": json("Destination", "The updated destination") },
    errors: [400, 401, 404, 413],
  },
  {
    method: "post",
    path: "/api/v1/destinations/{id}/backfill",
    operationId: "backfillDestination",
    tag: "forwarding",
    summary:
      "Send the leads created in [since, until) that this destination has not had (lead.created; idempotent; range ≤ 400 days)",
    auth: "apiKey",
    parameters: [id("destination")],
    body: jsonBody(backfillBody, "`since` and `until`: a date (midnight UTC) or a date-time"),
    responses: {
      "202": json("Backfill", "Deliveries written; leads older than the window are skipped"),
      "200": json("Backfill", "dry_run: the counts, nothing written"),
    },
    errors: [400, 401, 404, 409, 413],
  },
  {
    method: "get",
    path: "/api/v1/deliveries",
    operationId: "listDeliveries",
    tag: "forwarding",
    summary: "The forwarding log, newest first",
    auth: "apiKey",
    query: deliveriesQuery,
    responses: { "200": json("DeliveryPage", "A page of deliveries") },
    errors: [400, 401],
  },
  {
    method: "get",
    path: "/api/v1/deliveries/summary",
    operationId: "summarizeDeliveries",
    tag: "forwarding",
    summary: "Per destination: deliveries by status over a period, last success, latest error",
    auth: "apiKey",
    query: deliveriesSummaryQuery,
    responses: { "200": json("DeliverySummary", "Deliveries per destination and status") },
    errors: [400, 401],
  },
  {
    method: "get",
    path: "/api/v1/deliveries/{id}",
    operationId: "getDelivery",
    tag: "forwarding",
    summary: "One delivery, with the `payload` sent",
    auth: "apiKey",
    parameters: [id("delivery")],
    responses: { "200": json("Delivery", "The delivery") },
    errors: [401, 404],
  },
  {
    method: "post",
    path: "/api/v1/deliveries/{id}/retry",
    operationId: "retryDelivery",
    tag: "forwarding",
    summary: "Make a dead, skipped or waiting delivery due now (a sent one: 400)",
    auth: "apiKey",
    parameters: [id("delivery")],
    responses: { "202": json("Delivery", "Scheduled") },
    errors: [400, 401, 404],
  },
  // ---- contacts and consent
  {
    method: "get",
    path: "/api/v1/contacts/{id}",
    operationId: "getContact",
    tag: "consent",
    summary: "One contact: marketing status, messaging windows, consent history",
    auth: "apiKey",
    parameters: [
      pathParam("id", "the contact's public id", { type: "string", pattern: "^ct_[0-9a-f]{16}$" }),
    ],
    responses: { "200": json("Contact", "The contact") },
    errors: [401, 404],
  },
  {
    method: "delete",
    path: "/api/v1/contacts/{id}",
    operationId: "eraseContact",
    tag: "consent",
    summary: "Erase the contact's personal data (counts stay, audited)",
    auth: "apiKey",
    parameters: [
      pathParam("id", "the contact's public id", { type: "string", pattern: "^ct_[0-9a-f]{16}$" }),
    ],
    responses: { "200": json("ContactErasure", "Erased") },
    errors: [401, 404],
  },
  {
    method: "get",
    path: "/api/v1/consents",
    operationId: "listConsents",
    tag: "consent",
    summary: "Each contact's current marketing consent, newest first (JSON or CSV)",
    auth: "apiKey",
    query: consentsQuery,
    responses: {
      "200": {
        description:
          "A page of consents; `format=csv`: every matching row, streamed (`contact_id,wa_id,name,status,since`)",
        content: {
          "application/json": { schema: ref("ConsentList") },
          "text/csv": { schema: { type: "string" } },
        },
      },
    },
    errors: [400, 401],
  },
  // ---- administration (admin token)
  {
    method: "post",
    path: "/api/v1/sites",
    operationId: "createSite",
    tag: "admin",
    summary: "Create a site (and, by default, its first API key, shown once)",
    auth: "adminToken",
    body: jsonBody(createSiteBody),
    responses: { "201": json("SiteCreated", "The new site") },
    errors: [400, 401, 403, 409, 413],
  },
  {
    method: "get",
    path: "/api/v1/sites",
    operationId: "listSites",
    tag: "admin",
    summary: "Sites by id",
    auth: "adminToken",
    query: sitesQuery,
    responses: { "200": json("SitePage", "A page of sites") },
    errors: [400, 401, 403],
  },
  {
    method: "get",
    path: "/api/v1/sites/{id}",
    operationId: "getSite",
    tag: "admin",
    summary: "One site",
    auth: "adminToken",
    parameters: [id("site")],
    responses: { "200": json("Site", "The site") },
    errors: [401, 403, 404],
  },
  {
    method: "patch",
    path: "/api/v1/sites/{id}",
    operationId: "updateSite",
    tag: "admin",
    summary: "Change a site's name, number, allowed origins or WABA id",
    auth: "adminToken",
    parameters: [id("site")],
    body: jsonBody(updateSiteBody),
    responses: { "200": json("Site", "The updated site") },
    errors: [400, 401, 403, 404, 413],
  },
  {
    method: "post",
    path: "/api/v1/sites/{id}/keys",
    operationId: "createApiKey",
    tag: "admin",
    summary: "A new API key for the site (the key is shown only in this answer)",
    auth: "adminToken",
    parameters: [id("site")],
    body: jsonBody(createKeyBody),
    responses: { "201": json("ApiKeyCreated", "The new key") },
    errors: [400, 401, 403, 404, 413],
  },
  {
    method: "get",
    path: "/api/v1/sites/{id}/keys",
    operationId: "listApiKeys",
    tag: "admin",
    summary: "The site's API keys (never the key or its hash)",
    auth: "adminToken",
    parameters: [id("site")],
    responses: { "200": json("ApiKeyList", "The keys") },
    errors: [401, 403, 404],
  },
  {
    method: "delete",
    path: "/api/v1/sites/{id}/keys/{keyId}",
    operationId: "revokeApiKey",
    tag: "admin",
    summary: "Revoke a key (revoking again keeps the first `revoked_at`)",
    auth: "adminToken",
    parameters: [id("site"), pathParam("keyId", "the key's id")],
    responses: { "200": json("ApiKey", "The revoked key") },
    errors: [401, 403, 404],
  },
  // ---- meta
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "meta",
    summary: "This document",
    auth: "public",
    responses: {
      "200": {
        description: "The OpenAPI 3.1 document",
        content: { "application/json": { schema: { type: "object" } } },
      },
    },
    errors: [],
  },
  {
    method: "get",
    path: "/dashboard",
    operationId: "openDashboard",
    tag: "meta",
    summary: "Redirects to the dashboard app (`/dashboard/`, static assets)",
    auth: "public",
    responses: {
      "301": {
        description: "To `/dashboard/`",
        headers: { Location: { schema: { type: "string" } } },
      },
    },
    errors: [],
  },
  {
    method: "get",
    path: "/healthz",
    operationId: "health",
    tag: "meta",
    summary: "Liveness",
    auth: "public",
    responses: { "200": json("Health", "Up") },
    errors: [],
  },
];

/** A zod query schema → one `in: query` parameter per property. */
function queryParameters(schema: z.ZodType): JsonSchema[] {
  const object = jsonSchema(schema, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: "query",
      required: object.required?.includes(name) ?? false,
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

const SECURITY: Record<Auth, JsonSchema[]> = {
  apiKey: [{ apiKey: [] }],
  adminToken: [{ adminToken: [] }],
  public: [],
};

function operationObject(op: Operation): JsonSchema {
  const parameters = [...(op.parameters ?? []), ...(op.query ? queryParameters(op.query) : [])];
  const responses: Record<string, JsonSchema> = { ...op.responses };
  for (const status of op.errors)
    responses[String(status)] = {
      description: ERROR_TEXT[status] ?? "Error",
      content: { "application/json": { schema: ref("Error") } },
    };
  responses["500"] = {
    description: "Internal error (`internal`; never echoes internals)",
    content: { "application/json": { schema: ref("Error") } },
  };
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    security: SECURITY[op.auth],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            ...(op.body.description ? { description: op.body.description } : {}),
            content: { [op.body.contentType]: { schema: op.body.schema } },
          },
        }
      : {}),
    responses,
  };
}

function build(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) {
    paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
  }
  const schemas = Object.fromEntries(
    Object.entries(RESPONSE_SCHEMAS).map(([name, s]) => [name, jsonSchema(s, "output")]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "chatref API",
      version: "1",
      summary: "Which ad, campaign or page produced each WhatsApp conversation.",
      description:
        'Errors always have the shape `{"error": {"code", "message"}}` with `code` one of ' +
        `${ERROR_CODES.map((c) => `\`${c}\``).join(", ")}. API routes take ` +
        "`Authorization: Bearer <api key>` (one site per key); `/api/v1/sites` takes the admin token.",
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
      { name: "meta", description: "This document, the dashboard, health" },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "A site API key (`crk_…`); it reads exactly one site",
        },
        adminToken: {
          type: "http",
          scheme: "bearer",
          description: "The Worker secret CHATREF_ADMIN_TOKEN (403 when it is not set)",
        },
      },
    },
  };
}

let cached: JsonSchema | undefined;

/** The document, built on first use and kept for the isolate's life. */
export function openApiDocument(): JsonSchema {
  cached ??= build();
  return cached;
}
