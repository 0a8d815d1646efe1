/**
 * Real answers of the Worker against the OpenAPI document, continued: media types, ingest and
 * webhooks, key scopes and site administration.
 */

import { beforeAll, describe, expect, it } from "vitest";
import { api, call, clickRequest, deliver, message, newPhone, type TestSite } from "./helpers";

import {
  doc,
  expectDocumented,
  expectDocumentedMedia,
  send,
  sendDocumented,
  siteWithLead,
} from "./openapi-helpers";

describe("real answers match the documented schemas", () => {
  let site: TestSite;

  beforeAll(async () => {
    ({ site } = await siteWithLead());
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
    const refused = await sendDocumented("/api/v1/links", 403, reader, "POST", "/api/v1/links", {
      name: "x",
    });
    expect(refused).toMatchObject({ error: { code: "forbidden" } });
    const op = doc.paths["/api/v1/links"]?.post as unknown as Record<string, unknown>;
    expect(op["x-scope"]).toBe("full");
  });

  it("site administration", async () => {
    const admin = "test-admin-token";
    const created = await sendDocumented("/api/v1/sites", 201, admin, "POST", "/api/v1/sites", {
      key: `oa${Date.now().toString(36)}`,
      name: "OpenAPI shop",
      wa_number: "15550002222",
      phone_number_id: String(Date.now()),
      allowed_origins: ["https://openapi.example"],
    });
    await sendDocumented("/api/v1/sites", 200, admin, "GET", "/api/v1/sites");
    await sendDocumented("/api/v1/sites/{id}", 200, admin, "GET", `/api/v1/sites/${created.id}`);
    await sendDocumented("/api/v1/sites/{id}", 200, admin, "PATCH", `/api/v1/sites/${created.id}`, {
      waba_id: "123",
    });
    await sendDocumented("/api/v1/sites", 400, admin, "POST", "/api/v1/sites", { key: "BAD KEY" });
    const key = await sendDocumented(
      "/api/v1/sites/{id}/keys",
      201,
      admin,
      "POST",
      `/api/v1/sites/${created.id}/keys`,
      { name: "second" },
    );
    await sendDocumented(
      "/api/v1/sites/{id}/keys",
      200,
      admin,
      "GET",
      `/api/v1/sites/${created.id}/keys`,
    );
    await sendDocumented(
      "/api/v1/sites/{id}/keys/{keyId}",
      200,
      admin,
      "DELETE",
      `/api/v1/sites/${created.id}/keys/${key.id}`,
    );
    await sendDocumented("/api/v1/sites", 401, site, "GET", "/api/v1/sites");
  });
});
