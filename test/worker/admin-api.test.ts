/** Site and key administration (/api/v1/sites), behind the admin token. */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hashApiKey } from "../../worker/api/api-key-auth";
import { API_KEY_PATTERN, type ApiKeyJson, type SiteJson } from "../../worker/api/site-json";
import { apiKeys } from "../../worker/db/schema";
import worker from "../../worker/index";
import {
  api,
  call,
  clickRequest,
  createSite,
  db,
  deliver,
  message,
  newPhone,
  type TestSite,
} from "./helpers";

const ADMIN_TOKEN = "test-admin-token";
type NewKey = ApiKeyJson & { key: string };
type CreatedSite = SiteJson & { api_key: NewKey | null };

let counter = 0;
/** A site body with its own key, phone_number_id and origin. */
function siteBody(extra: object = {}) {
  const u = `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    key: `shop-${u}`,
    name: `Shop ${u}`,
    wa_number: "15550002222",
    phone_number_id: `2${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    allowed_origins: [`https://${u}.shop.test`],
    ...extra,
  };
}

/** An admin API request with the admin token (or `token`; no Authorization when null). */
function adminRequest(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = ADMIN_TOKEN,
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return new Request(`https://chatref.test${path}`, {
    method,
    headers,
    body:
      body === undefined || method === "GET"
        ? undefined
        : typeof body === "string"
          ? body
          : JSON.stringify(body),
  });
}

const admin = (...args: Parameters<typeof adminRequest>) => call(adminRequest(...args));

/** Creates a site through `POST /api/v1/sites`; `site` works with the other helpers. */
async function adminSite(extra: object = {}): Promise<{ json: CreatedSite; site: TestSite }> {
  const res = await admin("POST", "/api/v1/sites", siteBody(extra));
  expect(res.status).toBe(201);
  const json = (await res.json()) as CreatedSite;
  const site: TestSite = {
    id: json.id,
    key: json.key,
    phoneNumberId: json.phone_number_id,
    waNumber: json.wa_number,
    apiKey: json.api_key?.key ?? "",
    origin: json.allowed_origins[0] ?? "",
  };
  return { json, site };
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error.message;
}

const ROUTES: [string, string][] = [
  ["POST", "/api/v1/sites"],
  ["GET", "/api/v1/sites"],
  ["GET", "/api/v1/sites/site_x"],
  ["PATCH", "/api/v1/sites/site_x"],
  ["POST", "/api/v1/sites/site_x/keys"],
  ["GET", "/api/v1/sites/site_x/keys"],
  ["DELETE", "/api/v1/sites/site_x/keys/key_x"],
];

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

describe("POST /api/v1/sites", () => {
  it("creates the site and a first key shown once, stored as its hash", async () => {
    const body = siteBody({
      allowed_origins: ["https://Shop.Example", "https://*.example.com", "http://localhost:*", "*"],
      waba_id: "100000000000009",
    });
    const res = await admin("POST", "/api/v1/sites", body);
    expect(res.status).toBe(201);
    const json = (await res.json()) as CreatedSite;
    expect(json).toMatchObject({
      key: body.key,
      name: body.name,
      wa_number: "15550002222",
      phone_number_id: body.phone_number_id,
      allowed_origins: ["https://shop.example", "https://*.example.com", "http://localhost:*", "*"],
      waba_id: "100000000000009",
    });
    expect(json.id).toMatch(/^site_/);
    expect(Date.parse(json.created_at)).toBeGreaterThan(Date.now() - 60_000);
    const key = json.api_key as NewKey;
    expect(key.key).toMatch(API_KEY_PATTERN);
    expect(key).toMatchObject({
      name: "default",
      scope: "full",
      prefix: key.key.slice(0, 12),
      revoked_at: null,
    });
    const row = await db().select().from(apiKeys).where(eq(apiKeys.id, key.id)).get();
    expect(row).toMatchObject({ siteId: json.id, keyHash: await hashApiKey(key.key) });
    expect(JSON.stringify(row)).not.toContain(key.key);
    // The read API accepts the new key at once.
    expect((await api({ apiKey: key.key } as TestSite, "/api/v1/leads")).status).toBe(200);
    // Later reads never show the key again.
    const again = await (await admin("GET", `/api/v1/sites/${json.id}`)).json();
    expect(again).toEqual({ ...json, api_key: undefined });
  });

  it("with_key: false creates no key", async () => {
    const res = await admin("POST", "/api/v1/sites", siteBody({ with_key: false }));
    expect(res.status).toBe(201);
    const json = (await res.json()) as CreatedSite;
    expect(json.api_key).toBeNull();
    const keys = (await (await admin("GET", `/api/v1/sites/${json.id}/keys`)).json()) as {
      data: unknown[];
    };
    expect(keys.data).toEqual([]);
  });

  it.each([
    [{ key: "" }],
    [{ key: "Upper" }],
    [{ key: "a".repeat(65) }],
    [{ key: "has space" }],
    [{ name: "" }],
    [{ name: "x".repeat(121) }],
    [{ wa_number: "+15550001111" }],
    [{ wa_number: "123456" }],
    [{ wa_number: "1".repeat(16) }],
    [{ phone_number_id: "abc" }],
    [{ phone_number_id: "1".repeat(33) }],
    [{ allowed_origins: "https://shop.example" }],
    [{ allowed_origins: ["https://shop.example/"] }],
    [{ allowed_origins: ["https://shop.example/path"] }],
    [{ allowed_origins: ["ftp://shop.example"] }],
    [{ allowed_origins: ["shop.example"] }],
    [{ allowed_origins: ["https://shop.*.example"] }],
    [{ allowed_origins: ["https://*"] }],
    [{ allowed_origins: ["https://shop.example:99999"] }],
    [{ allowed_origins: [`https://${"a".repeat(300)}.example`] }],
    [{ allowed_origins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example`) }],
    [{ with_key: "yes" }],
    [{ surprise: true }],
  ])("400 validation_failed for %j", async (patch) => {
    const res = await admin("POST", "/api/v1/sites", siteBody(patch));
    await expectError(res, 400, "validation_failed");
  });

  it("400 for a missing field, invalid JSON; 413 for a huge body", async () => {
    const { name: _, ...noName } = siteBody();
    await expectError(await admin("POST", "/api/v1/sites", noName), 400, "validation_failed");
    await expectError(await admin("POST", "/api/v1/sites", "{nope"), 400, "invalid_json");
    await expectError(
      await admin("POST", "/api/v1/sites", siteBody({ name: "x".repeat(40_000) })),
      413,
      "payload_too_large",
    );
  });

  it("409 conflict on a taken key or phone_number_id, and nothing is written", async () => {
    const { json } = await adminSite();
    const sameKey = siteBody({ key: json.key });
    expect(
      await expectError(await admin("POST", "/api/v1/sites", sameKey), 409, "conflict"),
    ).toMatch(/key/);
    const samePhone = siteBody({ phone_number_id: json.phone_number_id });
    expect(
      await expectError(await admin("POST", "/api/v1/sites", samePhone), 409, "conflict"),
    ).toMatch(/phone_number_id/);
    // Neither failed create left a site (or a key for one) behind.
    const list = (await (await admin("GET", "/api/v1/sites?limit=500")).json()) as {
      data: SiteJson[];
    };
    expect(list.data.filter((s) => s.key === samePhone.key)).toEqual([]);
    expect(list.data.filter((s) => s.key === json.key)).toHaveLength(1);
  });
});

describe("GET /api/v1/sites", () => {
  it("lists sites with a cursor, and reads one; 404 for an unknown id", async () => {
    const a = await adminSite();
    const b = await adminSite();
    const seen: SiteJson[] = [];
    let cursor: string | null = "";
    for (let pages = 0; cursor !== null && pages < 1000; pages++) {
      const res = await admin("GET", `/api/v1/sites?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { data: SiteJson[]; next_cursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data);
      cursor = page.next_cursor;
    }
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    expect(seen.find((s) => s.id === a.json.id)).toEqual({ ...a.json, api_key: undefined });
    expect(seen.find((s) => s.id === b.json.id)?.key).toBe(b.json.key);
    expect(JSON.stringify(seen)).not.toContain("crk_");

    const one = await admin("GET", `/api/v1/sites/${b.json.id}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as SiteJson).key).toBe(b.json.key);
    await expectError(await admin("GET", "/api/v1/sites/site_nope"), 404, "not_found");
    await expectError(await admin("GET", "/api/v1/sites?limit=0"), 400, "validation_failed");
    await expectError(await admin("GET", "/api/v1/sites?what=1"), 400, "validation_failed");
  });
});

describe("PATCH /api/v1/sites/:id", () => {
  it("updates name, number, origins and waba_id; new origins apply at once", async () => {
    const { json, site } = await adminSite();
    // The click caches the site in this isolate.
    expect((await call(clickRequest(site, { utm_source: "a" }).request)).status).toBe(201);
    const res = await admin("PATCH", `/api/v1/sites/${json.id}`, {
      name: "Renamed",
      wa_number: "4915112345678",
      allowed_origins: ["https://new.shop.test"],
      waba_id: "42",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ...json,
      api_key: undefined,
      name: "Renamed",
      wa_number: "4915112345678",
      allowed_origins: ["https://new.shop.test"],
      waba_id: "42",
    });
    expect((await call(clickRequest(site, { utm_source: "a" }).request)).status).toBe(403);
    const moved = { ...site, origin: "https://new.shop.test" };
    expect((await call(clickRequest(moved, { utm_source: "a" }).request)).status).toBe(201);

    const cleared = await admin("PATCH", `/api/v1/sites/${json.id}`, { waba_id: null });
    expect(((await cleared.json()) as SiteJson).waba_id).toBeNull();
  });

  it("400 for an empty or invalid update, 404 for an unknown site", async () => {
    const { json } = await adminSite();
    for (const body of [
      {},
      { key: "other" },
      { phone_number_id: "1" },
      { wa_number: "12" },
      { allowed_origins: ["x"] },
    ])
      await expectError(
        await admin("PATCH", `/api/v1/sites/${json.id}`, body),
        400,
        "validation_failed",
      );
    await expectError(
      await admin("PATCH", "/api/v1/sites/site_nope", { name: "x" }),
      404,
      "not_found",
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
    const link = (key: string) =>
      call(
        new Request("https://chatref.test/api/v1/links", {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({ name: "Poster" }),
        }),
      );
    const message = await expectError(await link(reader.key), 403, "forbidden");
    expect(message).toBe("this API key has scope read; POST /api/v1/links needs scope full");
    expect((await link(writer.key)).status).toBe(201);
    expect((await api(site, "/api/v1/links", reader.key)).status).toBe(200);
  });

  it("400 for a bad key name, 404 for an unknown site or another site's key", async () => {
    const a = await adminSite();
    const b = await adminSite();
    for (const body of [
      {},
      { name: "" },
      { name: "x".repeat(121) },
      { name: "ok", extra: 1 },
      { name: "ok", scope: "admin" },
      { name: "ok", scope: "" },
    ])
      await expectError(
        await admin("POST", `/api/v1/sites/${a.json.id}/keys`, body),
        400,
        "validation_failed",
      );
    await expectError(
      await admin("POST", "/api/v1/sites/site_nope/keys", { name: "x" }),
      404,
      "not_found",
    );
    await expectError(await admin("GET", "/api/v1/sites/site_nope/keys"), 404, "not_found");
    const bKey = b.json.api_key as NewKey;
    // b's key cannot be revoked through site a, and keeps working.
    await expectError(
      await admin("DELETE", `/api/v1/sites/${a.json.id}/keys/${bKey.id}`),
      404,
      "not_found",
    );
    expect((await api(b.site, "/api/v1/leads")).status).toBe(200);
    await expectError(
      await admin("DELETE", `/api/v1/sites/${a.json.id}/keys/key_nope`),
      404,
      "not_found",
    );
  });
});
