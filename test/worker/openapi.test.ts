/**
 * The OpenAPI document (`GET /api/v1/openapi.json`, worker/api/openapi.ts) against the Worker
 * itself: it lists exactly the routes Hono has, and real answers match the schemas it documents
 * for their status and content type. (test/openapi/ validates it as OpenAPI 3.1, in Node.)
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { SHORT_CODE_PATTERN } from "../../worker/api/public-routes";
import { contacts } from "../../worker/db/schema";
import { app, openApiDocument } from "../../worker/index";
import { api, call, db, type TestSite } from "./helpers";

import {
  doc,
  expectDocumented,
  type Json,
  sendDocumented,
  siteWithLead,
  toOpenApiPath,
} from "./openapi-helpers";

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

describe("real answers match the documented schemas", () => {
  let site: TestSite;
  let leadId: string;
  let phone: string;

  beforeAll(async () => {
    ({ site, leadId, phone } = await siteWithLead());
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
    await sendDocumented("/api/v1/links/{id}", 404, site, "PATCH", "/api/v1/links/link_missing", {
      name: "x",
    });
  });

  it("campaign links: create, read, list, update", async () => {
    const link = await sendDocumented("/api/v1/links", 201, site, "POST", "/api/v1/links", {
      name: "Poster",
      utm_source: "poster",
    });
    await expectDocumented(
      "get",
      "/api/v1/links/{id}",
      await api(site, `/api/v1/links/${link.id}`),
      200,
    );
    await expectDocumented("get", "/api/v1/links", await api(site, "/api/v1/links"), 200);
    await sendDocumented("/api/v1/links/{id}", 200, site, "PATCH", `/api/v1/links/${link.id}`, {
      disabled: true,
    });
  });

  it("stats, destinations, deliveries, consents, contacts", async () => {
    await expectDocumented(
      "get",
      "/api/v1/stats",
      await api(site, "/api/v1/stats?group_by=channel,link&compare=previous"),
      200,
    );
    const destination = await sendDocumented(
      "/api/v1/destinations",
      201,
      site,
      "POST",
      "/api/v1/destinations",
      {
        kind: "webhook",
        name: "hook",
        url: "https://hooks.example/chatref",
      },
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
    await sendDocumented("/api/v1/destinations/{id}/backfill", 200, site, "POST", backfill, {
      since,
      dry_run: true,
    });
    await sendDocumented(
      "/api/v1/destinations/{id}",
      200,
      site,
      "PATCH",
      `/api/v1/destinations/${destination.id}`,
      {
        rotate_secret: true,
        disabled: true,
      },
    );
    await sendDocumented("/api/v1/destinations/{id}/backfill", 409, site, "POST", backfill, {
      since,
    });
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
    await sendDocumented(
      "/api/v1/deliveries/{id}/retry",
      202,
      site,
      "POST",
      `/api/v1/deliveries/${deliveryId}/retry`,
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
    await sendDocumented(
      "/api/v1/contacts/{id}",
      200,
      site,
      "DELETE",
      `/api/v1/contacts/${contact?.publicId}`,
    );
  });
});
