/**
 * Site administration (/api/v1/sites), behind the admin token: creating, listing and updating
 * sites.
 */

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hashApiKey } from "../../worker/api/api-key-auth";
import { API_KEY_PATTERN, type SiteJson } from "../../worker/api/site-json";
import { apiKeys } from "../../worker/db/schema";
import {
  admin,
  adminSite,
  type CreatedSite,
  expectError,
  expectInvalid,
  expectNotFound,
  type NewKey,
  siteBody,
} from "./admin-helpers";
import { api, call, clickRequest, db, type TestSite } from "./helpers";

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
    // (A `+`, a trailing slash or a path are accepted and normalised: forgiving-input.test.ts.)
    [{ wa_number: "123456" }],
    [{ wa_number: "1".repeat(16) }],
    [{ phone_number_id: "abc" }],
    [{ phone_number_id: "1".repeat(33) }],
    [{ allowed_origins: "https://shop.example" }],
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
    await expectNotFound("GET", "/api/v1/sites/site_nope");
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
    await expectInvalid("PATCH", `/api/v1/sites/${json.id}`, [
      {},
      { key: "other" },
      { phone_number_id: "1" },
      { wa_number: "12" },
      { allowed_origins: ["x"] },
    ]);
    await expectNotFound("PATCH", "/api/v1/sites/site_nope", { name: "x" });
  });
});
