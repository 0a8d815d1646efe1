/**
 * The OpenAPI document (`GET /api/v1/openapi.json`, worker/api/openapi.ts) against the Worker
 * itself: it lists exactly the routes Hono has, and real answers match the schemas it documents
 * for their status and content type. (test/openapi/ validates it as OpenAPI 3.1, in Node.)
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { RESPONSE_SCHEMAS } from "../../worker/api/openapi";
import { SHORT_CODE_PATTERN } from "../../worker/api/public-routes";
import { contacts } from "../../worker/db/schema";
import { app, openApiDocument } from "../../worker/index";
import {
  api,
  call,
  click,
  clickRequest,
  createSite,
  db,
  deliver,
  message,
  newPhone,
  type TestSite,
} from "./helpers";

type Json = Record<string, unknown>;
interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, Json>; security: unknown[] }>>;
  components: { schemas: Record<string, Json> };
}
const doc = openApiDocument() as unknown as Doc;

/** Hono's `:id` and `:code{regex}` → OpenAPI's `{id}`, `{code}`. */
const toOpenApiPath = (path: string) => path.replace(/:(\w+)(\{(?:[^{}]|\{[^{}]*\})*\})?/g, "{$1}");

describe("the OpenAPI document lists every route", () => {
  const honoRoutes = [
    ...new Set(
      app.routes
        .filter((r) => r.method !== "ALL")
        .map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.path)}`),
    ),
  ].sort();
  const documented = Object.entries(doc.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
    .sort();

  it("documents exactly the routes Hono has", () => {
    expect(honoRoutes.length).toBeGreaterThanOrEqual(30);
    expect(documented).toEqual(honoRoutes);
  });

  it("documents the short-link code with the pattern Hono matches", () => {
    const scan = app.routes.find((r) => r.path.startsWith("/r/:code"));
    expect(scan?.path).toBe(`/r/:code{${SHORT_CODE_PATTERN}}`);
    const scanOp = doc.paths["/r/{code}"]?.get as unknown as { parameters: Json[] } | undefined;
    const param = scanOp?.parameters[0];
    expect(param).toMatchObject({ name: "code", schema: { pattern: `^${SHORT_CODE_PATTERN}$` } });
  });

  it("gives API-key routes the apiKey scheme and admin routes the admin token", () => {
    for (const [path, item] of Object.entries(doc.paths))
      for (const op of Object.values(item)) {
        const expected = path.startsWith("/api/v1/sites")
          ? [{ adminToken: [] }]
          : path.startsWith("/api/v1/") && path !== "/api/v1/openapi.json"
            ? [{ apiKey: [] }]
            : [];
        expect(op.security, path).toEqual(expected);
      }
  });
});

/** The component a documented JSON response refers to. */
function documentedSchema(method: string, path: string, status: number): string {
  const response = doc.paths[path]?.[method]?.responses[String(status)] as
    | { content?: Record<string, { schema?: { $ref?: string } }> }
    | undefined;
  expect(response, `${method} ${path} → ${status} is documented`).toBeDefined();
  const ref = response?.content?.["application/json"]?.schema?.$ref;
  expect(ref, `${method} ${path} → ${status} has a JSON schema`).toBeDefined();
  return String(ref).replace("#/components/schemas/", "");
}

/**
 * Checks a real response against the document: its status is documented for the operation, and
 * its body validates against the schema the document holds (read back with `z.fromJSONSchema`)
 * and against the zod schema that produced it.
 */
async function expectDocumented(method: string, path: string, res: Response, status: number) {
  expect(res.status, `${method} ${path}`).toBe(status);
  const name = documentedSchema(method, path, status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body: unknown = await res.json();
  const fromDocument = z.fromJSONSchema(doc.components.schemas[name] as never);
  const checked = fromDocument.safeParse(body);
  expect(checked.success ? [] : checked.error.issues, `${name}: ${JSON.stringify(body)}`).toEqual(
    [],
  );
  const own = RESPONSE_SCHEMAS[name as keyof typeof RESPONSE_SCHEMAS].safeParse(body);
  expect(own.success ? [] : own.error.issues, name).toEqual([]);
  return body as Json;
}

/** Checks a non-JSON (or JSON-or-CSV) answer: status documented, media type among those documented. */
function expectDocumentedMedia(method: string, path: string, res: Response, status: number) {
  expect(res.status, `${method} ${path}`).toBe(status);
  const response = doc.paths[path]?.[method]?.responses[String(status)] as
    | { content?: Record<string, unknown>; headers?: Record<string, unknown> }
    | undefined;
  expect(response, `${method} ${path} → ${status} is documented`).toBeDefined();
  const media = res.headers.get("content-type")?.split(";")[0] ?? null;
  if (response?.content) expect(Object.keys(response.content)).toContain(media);
  for (const header of Object.keys(response?.headers ?? {}))
    expect(res.headers.get(header), header).toBeTruthy();
}

function send(site: TestSite | string, method: string, path: string, body?: unknown) {
  const token = typeof site === "string" ? site : site.apiKey;
  return call(
    new Request(`https://chatref.test${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

describe("real answers match the documented schemas", () => {
  let site: TestSite;
  let leadId: string;
  let phone: string;

  beforeAll(async () => {
    site = await createSite();
    // A destination before the lead, so the lead leaves a delivery in the log. Its URL does not
    // answer: the delivery stays unsent (retrying), whatever the queue consumer does meanwhile.
    const hook = await send(site, "POST", "/api/v1/destinations", {
      kind: "webhook",
      name: "log",
      url: "http://127.0.0.1:9/hook",
    });
    expect(hook.status).toBe(201);
    const ref = await click(site, {
      utm_source: "google",
      utm_medium: "cpc",
      utm_campaign: "spring",
      landing_url: `${site.origin}/?utm_source=google`,
    });
    phone = newPhone();
    const res = await deliver(site, message({ from: phone, body: `Hi! Ref: ${ref}` }));
    expect(res.status).toBe(200);
    const list = (await (await api(site, "/api/v1/leads")).json()) as { data: { id: string }[] };
    leadId = list.data[0]?.id ?? "";
    expect(leadId).toMatch(/^lead_/);
  });

  it("serves the document publicly, cacheable, as built", async () => {
    const res = await call(new Request("https://chatref.test/api/v1/openapi.json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("leads: list, list with touches, one lead", async () => {
    await expectDocumented("get", "/api/v1/leads", await api(site, "/api/v1/leads"), 200);
    const withTouches = await expectDocumented(
      "get",
      "/api/v1/leads",
      await api(site, "/api/v1/leads?include=touches&limit=5"),
      200,
    );
    expect((withTouches.data as Json[])[0]?.touches).toHaveLength(1);
    await expectDocumented(
      "get",
      "/api/v1/leads",
      await api(site, "/api/v1/leads?updated_since=2020-01-01"),
      200,
    );
    const lead = await expectDocumented(
      "get",
      "/api/v1/leads/{id}",
      await api(site, `/api/v1/leads/${leadId}`),
      200,
    );
    expect(lead).toMatchObject({ id: leadId, attribution: "ref" });
  });

  it("errors: 400, 401, 404 carry the error schema", async () => {
    await expectDocumented("get", "/api/v1/leads", await api(site, "/api/v1/leads?limit=0"), 400);
    await expectDocumented("get", "/api/v1/leads", await api(site, "/api/v1/leads", "nope"), 401);
    await expectDocumented(
      "get",
      "/api/v1/leads/{id}",
      await api(site, "/api/v1/leads/lead_missing"),
      404,
    );
    await expectDocumented(
      "patch",
      "/api/v1/links/{id}",
      await send(site, "PATCH", "/api/v1/links/link_missing", { name: "x" }),
      404,
    );
  });

  it("campaign links: create, read, list, update", async () => {
    const link = await expectDocumented(
      "post",
      "/api/v1/links",
      await send(site, "POST", "/api/v1/links", { name: "Poster", utm_source: "poster" }),
      201,
    );
    await expectDocumented(
      "get",
      "/api/v1/links/{id}",
      await api(site, `/api/v1/links/${link.id}`),
      200,
    );
    await expectDocumented("get", "/api/v1/links", await api(site, "/api/v1/links"), 200);
    await expectDocumented(
      "patch",
      "/api/v1/links/{id}",
      await send(site, "PATCH", `/api/v1/links/${link.id}`, { disabled: true }),
      200,
    );
  });

  it("stats, destinations, deliveries, consents, contacts", async () => {
    await expectDocumented(
      "get",
      "/api/v1/stats",
      await api(site, "/api/v1/stats?group_by=channel,link&compare=previous"),
      200,
    );
    const destination = await expectDocumented(
      "post",
      "/api/v1/destinations",
      await send(site, "POST", "/api/v1/destinations", {
        kind: "webhook",
        name: "hook",
        url: "https://hooks.example/chatref",
      }),
      201,
    );
    expect(destination.signing_secret).toMatch(/^whsec_/);
    await expectDocumented(
      "get",
      "/api/v1/destinations/{id}",
      await api(site, `/api/v1/destinations/${destination.id}`),
      200,
    );
    await expectDocumented(
      "get",
      "/api/v1/destinations",
      await api(site, "/api/v1/destinations"),
      200,
    );
    const backfill = `/api/v1/destinations/${destination.id}/backfill`;
    const since = new Date(Date.now() - 86_400_000).toISOString();
    await expectDocumented(
      "post",
      "/api/v1/destinations/{id}/backfill",
      await send(site, "POST", backfill, { since, dry_run: true }),
      200,
    );
    await expectDocumented(
      "patch",
      "/api/v1/destinations/{id}",
      await send(site, "PATCH", `/api/v1/destinations/${destination.id}`, {
        rotate_secret: true,
        disabled: true,
      }),
      200,
    );
    await expectDocumented(
      "post",
      "/api/v1/destinations/{id}/backfill",
      await send(site, "POST", backfill, { since }),
      409,
    );
    const log = await expectDocumented(
      "get",
      "/api/v1/deliveries",
      await api(site, `/api/v1/deliveries?lead_id=${leadId}`),
      200,
    );
    const deliveryId = (log.data as { id: string }[])[0]?.id;
    expect(deliveryId).toBeDefined();
    await expectDocumented(
      "get",
      "/api/v1/deliveries/{id}",
      await api(site, `/api/v1/deliveries/${deliveryId}`),
      200,
    );
    await expectDocumented(
      "post",
      "/api/v1/deliveries/{id}/retry",
      await send(site, "POST", `/api/v1/deliveries/${deliveryId}/retry`),
      202,
    );
    await expectDocumented("get", "/api/v1/consents", await api(site, "/api/v1/consents"), 200);
    const contact = await db()
      .select({ publicId: contacts.publicId })
      .from(contacts)
      .where(eq(contacts.waId, phone))
      .get();
    await expectDocumented(
      "get",
      "/api/v1/contacts/{id}",
      await api(site, `/api/v1/contacts/${contact?.publicId}`),
      200,
    );
    await expectDocumented(
      "delete",
      "/api/v1/contacts/{id}",
      await send(site, "DELETE", `/api/v1/contacts/${contact?.publicId}`),
      200,
    );
  });

  it("images, CSV, redirects and HTML pages have their documented media types", async () => {
    const link = (await (await send(site, "POST", "/api/v1/links", { name: "Window" })).json()) as {
      id: string;
      code: string;
    };
    expectDocumentedMedia(
      "get",
      "/api/v1/links/{id}/qr.svg",
      await api(site, `/api/v1/links/${link.id}/qr.svg`),
      200,
    );
    expectDocumentedMedia(
      "get",
      "/api/v1/links/{id}/qr.png",
      await api(site, `/api/v1/links/${link.id}/qr.png?size=128`),
      200,
    );
    expectDocumentedMedia(
      "get",
      "/api/v1/consents",
      await api(site, "/api/v1/consents?format=csv"),
      200,
    );
    const scan = (code: string) =>
      call(new Request(`https://chatref.test/r/${code}`, { redirect: "manual" }));
    expectDocumentedMedia("get", "/r/{code}", await scan(link.code), 302);
    expectDocumentedMedia("get", "/r/{code}", await scan("zzzzzzzz0"), 404);
    expectDocumentedMedia(
      "get",
      "/dashboard",
      await call(new Request("https://chatref.test/dashboard", { redirect: "manual" })),
      301,
    );
    expectDocumentedMedia(
      "get",
      "/webhooks/whatsapp",
      await call(
        new Request(
          "https://chatref.test/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=42",
        ),
      ),
      200,
    );
  });

  it("ingest and webhooks", async () => {
    const { request } = clickRequest(site, { utm_source: "x" });
    await expectDocumented("post", "/v1/clicks", await call(request), 201);
    await expectDocumented(
      "post",
      "/webhooks/whatsapp",
      await deliver(site, message({ from: newPhone(), body: "hello" })),
      200,
    );
    await expectDocumented(
      "get",
      "/healthz",
      await call(new Request("https://chatref.test/healthz")),
      200,
    );
  });

  it("key scopes: whoami, and a read key's 403 on a write", async () => {
    await expectDocumented("get", "/api/v1/whoami", await api(site, "/api/v1/whoami"), 200);
    const made = await send("test-admin-token", "POST", `/api/v1/sites/${site.id}/keys`, {
      name: "reader",
    });
    const reader = ((await made.json()) as { key: string }).key;
    const refused = await expectDocumented(
      "post",
      "/api/v1/links",
      await send(reader, "POST", "/api/v1/links", { name: "x" }),
      403,
    );
    expect(refused).toMatchObject({ error: { code: "forbidden" } });
    const op = doc.paths["/api/v1/links"]?.post as unknown as Record<string, unknown>;
    expect(op["x-scope"]).toBe("full");
  });

  it("site administration", async () => {
    const admin = "test-admin-token";
    const created = await expectDocumented(
      "post",
      "/api/v1/sites",
      await send(admin, "POST", "/api/v1/sites", {
        key: `oa${Date.now().toString(36)}`,
        name: "OpenAPI shop",
        wa_number: "15550002222",
        phone_number_id: String(Date.now()),
        allowed_origins: ["https://openapi.example"],
      }),
      201,
    );
    await expectDocumented("get", "/api/v1/sites", await send(admin, "GET", "/api/v1/sites"), 200);
    await expectDocumented(
      "get",
      "/api/v1/sites/{id}",
      await send(admin, "GET", `/api/v1/sites/${created.id}`),
      200,
    );
    await expectDocumented(
      "patch",
      "/api/v1/sites/{id}",
      await send(admin, "PATCH", `/api/v1/sites/${created.id}`, { waba_id: "123" }),
      200,
    );
    await expectDocumented(
      "post",
      "/api/v1/sites",
      await send(admin, "POST", "/api/v1/sites", { key: "BAD KEY" }),
      400,
    );
    const key = await expectDocumented(
      "post",
      "/api/v1/sites/{id}/keys",
      await send(admin, "POST", `/api/v1/sites/${created.id}/keys`, { name: "second" }),
      201,
    );
    await expectDocumented(
      "get",
      "/api/v1/sites/{id}/keys",
      await send(admin, "GET", `/api/v1/sites/${created.id}/keys`),
      200,
    );
    await expectDocumented(
      "delete",
      "/api/v1/sites/{id}/keys/{keyId}",
      await send(admin, "DELETE", `/api/v1/sites/${created.id}/keys/${key.id}`),
      200,
    );
    await expectDocumented("get", "/api/v1/sites", await send(site, "GET", "/api/v1/sites"), 401);
  });
});
