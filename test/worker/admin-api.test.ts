/** Site and key administration (/api/v1/sites), behind the admin token: the auth, and API keys. */

import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hashApiKey } from "../../worker/api/api-key-auth";
import { API_KEY_PATTERN, type ApiKeyJson } from "../../worker/api/site-json";
import { apiKeys } from "../../worker/db/schema";
import worker from "../../worker/index";
import {
  ADMIN_TOKEN,
  admin,
  adminRequest,
  adminSite,
  expectError,
  expectInvalid,
  expectNotFound,
  type NewKey,
  ROUTES,
} from "./admin-helpers";
import { api, call, createSite, db, deliver, message, newPhone, postLink } from "./helpers";

describe("admin auth", () => {
  it.each(ROUTES)(
    "%s %s: 401 without the admin token, with a wrong one, or with an API key",
    async (method, path) => {
      const site = await createSite();
      for (const token of [null, "", "wrong-token", `${ADMIN_TOKEN}x`, site.apiKey]) {
        const message = await expectError(
          await admin(method, path, {}, token),
          401,
          "unauthorized",
        );
        expect(message).not.toContain(ADMIN_TOKEN);
      }
    },
  );

  it.each(ROUTES)("%s %s: 403 when the Worker has no admin token", async (method, path) => {
    for (const configured of [undefined, ""]) {
      const ctx = createExecutionContext();
      const res = await worker.fetch(
        adminRequest(method, path, {}),
        { ...env, CHATREF_ADMIN_TOKEN: configured as unknown as string },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      const message = await expectError(res, 403, "forbidden");
      expect(message).toMatch(/CHATREF_ADMIN_TOKEN/);
    }
  });

  it("the API routes do not take the admin token", async () => {
    await expectError(
      await call(
        new Request("https://chatref.test/api/v1/leads", {
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        }),
      ),
      401,
      "unauthorized",
    );
  });
});

describe("API keys", () => {
  it("creates keys shown once, lists them without secrets, revokes them at once", async () => {
    const { json, site } = await adminSite();
    const res = await admin("POST", `/api/v1/sites/${json.id}/keys`, { name: "Looker Studio" });
    expect(res.status).toBe(201);
    const key = (await res.json()) as NewKey;
    expect(key.key).toMatch(API_KEY_PATTERN);
    expect(key.key).not.toBe(json.api_key?.key);
    expect(key).toMatchObject({
      name: "Looker Studio",
      scope: "read",
      prefix: key.key.slice(0, 12),
      revoked_at: null,
    });

    const list = await admin("GET", `/api/v1/sites/${json.id}/keys`);
    expect(list.status).toBe(200);
    const listed = (await list.json()) as { data: ApiKeyJson[] };
    expect(listed.data.map((k) => k.name)).toEqual(["default", "Looker Studio"]);
    for (const k of listed.data)
      expect(Object.keys(k).sort()).toEqual([
        "created_at",
        "id",
        "name",
        "prefix",
        "revoked_at",
        "scope",
      ]);
    expect(listed.data.map((k) => k.scope)).toEqual(["full", "read"]);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(key.key);
    expect(text).not.toContain(await hashApiKey(key.key));

    // The new key reads its own site's leads, and only those.
    const other = await createSite();
    const mine = newPhone();
    const theirs = newPhone();
    await deliver(site, message({ from: mine, body: "hi" }));
    await deliver(other, message({ from: theirs, body: "hi" }));
    const leads = (await (await api(site, "/api/v1/leads", key.key)).json()) as {
      data: { contact: { wa_id: string } }[];
    };
    expect(leads.data.map((l) => l.contact.wa_id)).toEqual([mine]);

    const revoked = await admin("DELETE", `/api/v1/sites/${json.id}/keys/${key.id}`);
    expect(revoked.status).toBe(200);
    const revokedJson = (await revoked.json()) as ApiKeyJson;
    expect(Date.parse(revokedJson.revoked_at ?? "")).toBeGreaterThan(Date.now() - 60_000);
    await expectError(await api(site, "/api/v1/leads", key.key), 401, "unauthorized");
    // The site's other key still works; revoking again keeps the first time.
    expect((await api(site, "/api/v1/leads")).status).toBe(200);
    const again = await admin("DELETE", `/api/v1/sites/${json.id}/keys/${key.id}`);
    expect(((await again.json()) as ApiKeyJson).revoked_at).toBe(revokedJson.revoked_at);
    const after = (await (await admin("GET", `/api/v1/sites/${json.id}/keys`)).json()) as {
      data: ApiKeyJson[];
    };
    expect(after.data.find((k) => k.id === key.id)?.revoked_at).toBe(revokedJson.revoked_at);
  });

  it("a key's scope: read by default, full on request; a read key cannot write", async () => {
    const { json, site } = await adminSite();
    const make = async (body: object) => {
      const res = await admin("POST", `/api/v1/sites/${json.id}/keys`, body);
      expect(res.status).toBe(201);
      return (await res.json()) as NewKey;
    };
    const reader = await make({ name: "dashboard viewer" });
    const writer = await make({ name: "crm sync", scope: "full" });
    expect([reader.scope, writer.scope]).toEqual(["read", "full"]);
    const rows = await db().select().from(apiKeys).where(eq(apiKeys.siteId, json.id)).all();
    expect(Object.fromEntries(rows.map((r) => [r.name, r.scope]))).toEqual({
      default: "full",
      "dashboard viewer": "read",
      "crm sync": "full",
    });
    const link = (key: string) => postLink(site, { name: "Poster" }, key);
    const message = await expectError(await link(reader.key), 403, "forbidden");
    expect(message).toBe("this API key has scope read; POST /api/v1/links needs scope full");
    expect((await link(writer.key)).status).toBe(201);
    expect((await api(site, "/api/v1/links", reader.key)).status).toBe(200);
  });

  it("400 for a bad key name, 404 for an unknown site or another site's key", async () => {
    const a = await adminSite();
    const b = await adminSite();
    await expectInvalid("POST", `/api/v1/sites/${a.json.id}/keys`, [
      {},
      { name: "" },
      { name: "x".repeat(121) },
      { name: "ok", extra: 1 },
      { name: "ok", scope: "admin" },
      { name: "ok", scope: "" },
    ]);
    await expectNotFound("POST", "/api/v1/sites/site_nope/keys", { name: "x" });
    await expectNotFound("GET", "/api/v1/sites/site_nope/keys");
    const bKey = b.json.api_key as NewKey;
    // b's key cannot be revoked through site a, and keeps working.
    await expectNotFound("DELETE", `/api/v1/sites/${a.json.id}/keys/${bKey.id}`);
    expect((await api(b.site, "/api/v1/leads")).status).toBe(200);
    await expectNotFound("DELETE", `/api/v1/sites/${a.json.id}/keys/key_nope`);
  });
});
