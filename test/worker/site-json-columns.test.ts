/**
 * The sites' and audit log's JSON columns (db/schema/json-text.ts): stored as plain JSON text,
 * read typed, and read tolerantly, so one malformed old row never makes a site unreadable.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../worker/db/schema";
import { clearSiteCache } from "../../worker/db/sites";
import { admin, adminSite } from "./admin-helpers";
import { call, clickRequest, db } from "./helpers";

const stored = (id: string) =>
  env.DB.prepare("select allowed_origins, consent_keywords from sites where id = ?")
    .bind(id)
    .first<{ allowed_origins: string; consent_keywords: string | null }>();

describe("JSON columns", () => {
  it("writes plain JSON text and reads it back as values", async () => {
    const { json } = await adminSite({ allowed_origins: ["https://a.shop.test"] });
    const keywords = { opt_out: ["basta"], opt_in: ["vamos"] };
    const res = await admin("PATCH", `/api/v1/sites/${json.id}`, { consent_keywords: keywords });
    expect(res.status).toBe(200);
    expect(await stored(json.id)).toEqual({
      allowed_origins: '["https://a.shop.test"]',
      consent_keywords: '{"opt_out":["basta"],"opt_in":["vamos"]}',
    });
    const read = (await (await admin("GET", `/api/v1/sites/${json.id}`)).json()) as {
      allowed_origins: unknown;
      consent_keywords: unknown;
    };
    expect(read.allowed_origins).toEqual(["https://a.shop.test"]);
    expect(read.consent_keywords).toEqual(keywords);
  });

  it("keeps a site with malformed stored JSON readable, its origins none", async () => {
    const { json, site } = await adminSite();
    await env.DB.prepare(
      "update sites set allowed_origins = '{broken', consent_keywords = '[no' where id = ?",
    )
      .bind(json.id)
      .run();
    clearSiteCache();
    const res = await admin("GET", `/api/v1/sites/${json.id}`);
    expect(res.status).toBe(200);
    const read = (await res.json()) as { allowed_origins: unknown; consent_keywords: unknown };
    expect(read.allowed_origins).toEqual([]);
    expect(read.consent_keywords).toBeNull();
    // No origin is allowed any more: the beacon is refused, not a 500.
    expect((await call(clickRequest(site, {}).request)).status).toBe(403);
  });

  it("reads only the well-formed parts of old keyword settings", async () => {
    const { json } = await adminSite();
    await env.DB.prepare(
      `update sites set consent_keywords = '{"opt_out":["basta",7],"opt_in":"x"}' where id = ?`,
    )
      .bind(json.id)
      .run();
    const read = (await (await admin("GET", `/api/v1/sites/${json.id}`)).json()) as {
      consent_keywords: unknown;
    };
    expect(read.consent_keywords).toEqual({ opt_out: ["basta"], opt_in: [] });
  });

  it("reads audit details as objects, a malformed one as null", async () => {
    const { json } = await adminSite();
    await env.DB.prepare(
      `insert into audit_log (site_id, action, target, detail, at) values
        (?1, 'contact.merge', 'c1', json_object('merged', 'c2', 'reason', 'phone'), 1),
        (?1, 'contact.erase', 'c3', '{bad', 2)`,
    )
      .bind(json.id)
      .run();
    const rows = await db()
      .select({ target: auditLog.target, detail: auditLog.detail })
      .from(auditLog)
      .where(eq(auditLog.siteId, json.id))
      .orderBy(auditLog.at)
      .all();
    expect(rows).toEqual([
      { target: "c1", detail: { merged: "c2", reason: "phone" } },
      { target: "c3", detail: null },
    ]);
  });
});
