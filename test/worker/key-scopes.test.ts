/**
 * Key scopes on every declared route at once: a `read` key gets 403 `forbidden` (naming the
 * scope needed) on every route that is not a GET, and none of those requests writes anything;
 * every GET answers a `read` key exactly as it answers a `full` one. The walk reads the routes
 * from the OpenAPI document, which is generated from the same declarations as the scope check,
 * and first checks that every route the app serves is declared with a scope.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { ROUTE_SCOPES } from "../../worker/api/api-route";
import { app, openApiDocument } from "../../worker/index";
import { apiSend, captureQueue, createDestination, sinkUrl } from "./forward-helpers";
import { api, call, click, createSite, deliver, message, newPhone, type TestSite } from "./helpers";

type Operation = { "x-scope"?: string; security?: unknown[] };
const paths = (openApiDocument() as { paths: Record<string, Record<string, Operation>> }).paths;
const operations = Object.entries(paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
);
const keyed = operations.filter((o) => o.op["x-scope"] === "read" || o.op["x-scope"] === "full");

/** Hono's `:id` and `:code{regex}` → OpenAPI's `{id}`, `{code}`. */
const toOpenApiPath = (path: string) => path.replace(/:(\w+)(\{(?:[^{}]|\{[^{}]*\})*\})?/g, "{$1}");

describe("every route is declared with a scope", () => {
  it("each route the app serves is a documented operation with a known scope", () => {
    const served = app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => `${r.method} ${toOpenApiPath(r.path)}`);
    expect(served.length).toBeGreaterThanOrEqual(30);
    for (const route of new Set(served)) {
      const [method, path] = route.split(" ") as [string, string];
      const scope = paths[path]?.[method.toLowerCase()]?.["x-scope"];
      expect(ROUTE_SCOPES, `${route} declares a scope`).toContain(scope);
    }
  });

  it("site API routes need a key: GETs a read key, everything else a full key", () => {
    const apiRoutes = operations.filter(
      (o) =>
        o.path.startsWith("/api/v1/") &&
        !o.path.startsWith("/api/v1/sites") &&
        o.path !== "/api/v1/openapi.json",
    );
    expect(apiRoutes.length).toBeGreaterThanOrEqual(20);
    for (const { method, path, op } of apiRoutes)
      expect(op["x-scope"], `${method} ${path}`).toBe(method === "GET" ? "read" : "full");
    for (const { path, op } of operations.filter((o) => o.path.startsWith("/api/v1/sites")))
      expect(op["x-scope"], path).toBe("admin");
  });
});

/** Every row of the site's data, to show that a refused request changed nothing. */
async function siteRows(siteId: string): Promise<string> {
  const tables = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like '\\_%' escape '\\' and name not like 'sqlite%' and name not like 'd1_%' order by name",
  ).all<{ name: string }>();
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables.results) {
    const columns = await env.DB.prepare(`pragma table_info("${name}")`).all<{ name: string }>();
    if (!columns.results.some((c) => c.name === "site_id")) continue;
    const rows = await env.DB.prepare(`select * from "${name}" where site_id = ?1`)
      .bind(siteId)
      .all();
    out[name] = rows.results.map((r) => JSON.stringify(r)).sort();
  }
  return JSON.stringify(out);
}

/** A read key for `site`, made through the admin API (whose default scope is `read`). */
async function readKey(site: TestSite): Promise<string> {
  const res = await call(
    new Request(`https://chatref.test/api/v1/sites/${site.id}/keys`, {
      method: "POST",
      headers: { authorization: "Bearer test-admin-token", "content-type": "application/json" },
      body: JSON.stringify({ name: "reader" }),
    }),
  );
  expect(res.status).toBe(201);
  const key = (await res.json()) as { key: string; scope: string };
  expect(key.scope).toBe("read");
  return key.key;
}

describe("a read key", () => {
  let site: TestSite;
  let reader: string;
  const ids: Record<string, string> = {};
  let phone: string;

  beforeAll(async () => {
    captureQueue();
    site = await createSite();
    reader = await readKey(site);
    ids.destinations = (
      await createDestination(site, { kind: "webhook", name: "hook", url: sinkUrl("scopes") })
    ).id;
    const ref = await click(site, { utm_source: "google", utm_medium: "cpc" });
    phone = newPhone();
    await deliver(site, message({ from: phone, body: formatRef(ref) }));
    ids.links = (
      (await (await apiSend(site, "POST", "/api/v1/links", { name: "Poster" })).json()) as {
        id: string;
      }
    ).id;
    const lead = ((await (await api(site, "/api/v1/leads")).json()) as { data: { id: string }[] })
      .data[0];
    ids.leads = lead?.id ?? "";
    ids.contacts = (
      (await (await api(site, `/api/v1/leads/${ids.leads}`)).json()) as { contact: { id: string } }
    ).contact.id;
    ids.deliveries =
      ((await (await api(site, "/api/v1/deliveries")).json()) as { data: { id: string }[] }).data[0]
        ?.id ?? "";
    expect(Object.values(ids).every(Boolean), JSON.stringify(ids)).toBe(true);
  });

  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  /** The path with `{id}` replaced by the id of the resource it names (and a fixed period). */
  const concrete = (path: string) =>
    path === "/api/v1/deliveries/summary"
      ? `${path}?from=${day(-100)}&to=${day(2)}`
      : path === "/api/v1/contacts"
        ? `${path}?wa_id=${phone}`
        : path.replace(/\/(\w+)\/\{id\}/, (_, resource: string) => `/${resource}/${ids[resource]}`);

  const BODIES: Record<string, unknown> = {
    "POST /api/v1/links": { name: "Taken" },
    "PATCH /api/v1/links/{id}": { name: "Renamed", disabled: true },
    "POST /api/v1/destinations": { kind: "webhook", name: "x", url: "https://hooks.example/x" },
    "PATCH /api/v1/destinations/{id}": { disabled: true },
    "POST /api/v1/leads/{id}/events": { type: "qualified" },
    "POST /api/v1/contacts/{id}/events": { type: "qualified" },
    "POST /api/v1/events": { wa_id: "15550000000", type: "qualified" },
    "POST /api/v1/destinations/{id}/backfill": {
      since: new Date(Date.now() - 86_400_000).toISOString(),
    },
  };

  it("gets 403 forbidden on everything that is not a GET, and writes nothing", async () => {
    const writes = keyed.filter((o) => o.method !== "GET");
    expect(writes.map((o) => `${o.method} ${o.path}`).sort()).toEqual(
      [
        "DELETE /api/v1/contacts/{id}",
        "POST /api/v1/contacts/{id}/events",
        "POST /api/v1/events",
        "POST /api/v1/leads/{id}/events",
        "PATCH /api/v1/destinations/{id}",
        "PATCH /api/v1/links/{id}",
        "POST /api/v1/deliveries/{id}/retry",
        "POST /api/v1/destinations",
        "POST /api/v1/destinations/{id}/backfill",
        "POST /api/v1/links",
      ].sort(),
    );
    const before = await siteRows(site.id);
    for (const { method, path } of writes) {
      const res = await apiSend(site, method, concrete(path), BODIES[`${method} ${path}`], reader);
      const label = `${method} ${path}`;
      expect(res.status, label).toBe(403);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code, label).toBe("forbidden");
      expect(error.message, label).toMatch(/^this API key has scope read; .+ needs scope full$/);
      expect(error.message, label).toContain(method);
    }
    expect(await siteRows(site.id)).toBe(before);
    // The same requests with the site's full key are accepted (so the 403 was the scope).
    const erase = await apiSend(site, "DELETE", concrete("/api/v1/contacts/{id}"));
    expect(erase.status).toBe(200);
  });

  it("gets every GET answered as a full key is", async () => {
    const reads = keyed.filter((o) => o.method === "GET");
    expect(reads.length).toBeGreaterThanOrEqual(12);
    for (const { path } of reads) {
      const url = concrete(path);
      const [asReader, asFull] = await Promise.all([
        apiSend(site, "GET", url, undefined, reader),
        apiSend(site, "GET", url),
      ]);
      expect(asReader.status, path).toBe(200);
      expect(asReader.status, path).toBe(asFull.status);
      if (path === "/api/v1/whoami") {
        expect(await asReader.json()).toMatchObject({
          site_id: site.id,
          wa_number: site.waNumber,
          phone_number_id: site.phoneNumberId,
          scope: "read",
        });
        expect(await asFull.json()).toMatchObject({ site_id: site.id, scope: "full" });
      } else
        expect(new Uint8Array(await asReader.arrayBuffer()), path).toEqual(
          new Uint8Array(await asFull.arrayBuffer()),
        );
    }
  });
});
