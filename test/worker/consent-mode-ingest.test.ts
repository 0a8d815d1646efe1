/**
 * Consent Mode at the edges: the click beacon's `consent` (and `ym_uid`) stored as sent, anything
 * else refused with a 400 and nothing written; the lead JSON's `consent` per type with its
 * source; a site's and a destination's `consent_default` set and cleared through the API.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mintRef } from "../../widget/protocol/ref-codec";
import { clicks, destinations, sites } from "../../worker/db/schema";
import { admin, siteBody } from "./admin-helpers";
import { consentLead, setSiteDefault } from "./consent-mode-helpers";
import { apiSend, createWebhook } from "./forward-helpers";
import { apiOk, call, clickRequest, createSite, db, type TestSite } from "./helpers";

const storedClick = (ref: string) => db().select().from(clicks).where(eq(clicks.ref, ref)).get();

/** The API's JSON of the site's only lead. */
async function onlyLead(site: TestSite) {
  const page = await apiOk<{ data: { consent: unknown }[] }>(site, "/api/v1/leads");
  expect(page.data).toHaveLength(1);
  return page.data[0];
}

describe("POST /v1/clicks: the visitor's consent", () => {
  it("stores the types the page set, as sent, and the _ym_uid as ym_uid", async () => {
    const site = await createSite();
    const consent = { ad_user_data: "denied", ad_personalization: "denied", ad_storage: "granted" };
    const { ref, request } = clickRequest(
      site,
      { utm_source: "yandex", ym_uid: "1732000000123456789" },
      mintRef(),
      { consent },
    );
    const res = await call(request);
    expect(res.status, await res.clone().text()).toBe(201);
    const row = await storedClick(ref);
    expect(row?.consent).toEqual(consent);
    expect(row?.ymUid).toBe("1732000000123456789");
    // The raw column is one JSON object (not JSON text inside JSON).
    const raw = await env.DB.prepare("select consent from clicks where ref = ?").bind(ref).first();
    expect(JSON.parse(String(raw?.consent))).toEqual(consent);
  });

  it("no consent, or an empty one: the column stays null", async () => {
    const site = await createSite();
    for (const extra of [{}, { consent: {} }]) {
      const { ref, request } = clickRequest(site, { utm_source: "x" }, mintRef(), extra);
      expect((await call(request)).status).toBe(201);
      expect((await storedClick(ref))?.consent).toBeNull();
    }
  });

  it("refuses any other value or type with a 400 and writes nothing", async () => {
    const site = await createSite();
    const bad = [
      { ad_user_data: "yes" },
      { ad_user_data: "GRANTED" },
      { ad_user_data: true },
      { functionality_storage: "granted" },
      { ad_user_data: "granted", extra: "denied" },
      "denied",
      ["granted"],
      null,
    ];
    for (const consent of bad) {
      const { ref, request } = clickRequest(site, { utm_source: "x" }, mintRef(), { consent });
      const res = await call(request);
      expect(res.status, JSON.stringify(consent)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "validation_failed",
      );
      expect(await storedClick(ref)).toBeUndefined();
    }
  });
});

describe("the lead JSON's consent", () => {
  it("a type the click carried is the click's; the others are the site's default", async () => {
    const site = await createSite();
    await consentLead(site, { utm_source: "google" }, { ad_user_data: "denied" });
    const lead = await onlyLead(site);
    expect(lead?.consent).toEqual({
      ad_storage: { state: "granted", source: "site" },
      analytics_storage: { state: "granted", source: "site" },
      ad_user_data: { state: "denied", source: "click" },
      ad_personalization: { state: "granted", source: "site" },
    });
  });

  it("a site whose default is denied: every type the click did not set is denied", async () => {
    const site = await createSite();
    await setSiteDefault(site, "denied");
    await consentLead(site, { utm_source: "google" }, { ad_personalization: "granted" });
    const lead = await onlyLead(site);
    expect(lead?.consent).toMatchObject({
      ad_user_data: { state: "denied", source: "site" },
      ad_personalization: { state: "granted", source: "click" },
    });
  });
});

describe("consent_default through the API", () => {
  it("a site: granted by default, PATCHed to denied, anything else a 400", async () => {
    const site = await createSite();
    const shown = await admin("GET", `/api/v1/sites/${site.id}`);
    expect(((await shown.json()) as { consent_default: string }).consent_default).toBe("granted");
    const patched = await admin("PATCH", `/api/v1/sites/${site.id}`, {
      consent_default: "denied",
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ consent_default: "denied" });
    const stored = await db().select().from(sites).where(eq(sites.id, site.id)).get();
    expect(stored?.consentDefault).toBe("denied");
    for (const value of ["DENIED", null, "maybe"]) {
      const res = await admin("PATCH", `/api/v1/sites/${site.id}`, { consent_default: value });
      expect(res.status, String(value)).toBe(400);
    }
    expect(
      (await db().select().from(sites).where(eq(sites.id, site.id)).get())?.consentDefault,
    ).toBe("denied");
  });

  it("a new site takes consent_default at creation", async () => {
    const res = await admin(
      "POST",
      "/api/v1/sites",
      siteBody({ consent_default: "denied", with_key: false }),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ consent_default: "denied" });
  });

  it("a destination: set at creation, PATCHed, cleared with null; a bad value is a 400", async () => {
    const site = await createSite();
    const more = { consent_default: "denied" };
    const dest = await createWebhook(site, "CRM", "https://crm.example.com/in", more);
    expect((dest as { consent_default?: unknown }).consent_default).toBe("denied");
    expect(dest.config).not.toHaveProperty("consent_default");
    const column = async () =>
      (await db().select().from(destinations).where(eq(destinations.id, dest.id)).get())
        ?.consentDefault;
    expect(await column()).toBe("denied");
    const path = `/api/v1/destinations/${dest.id}`;
    const granted = await apiSend(site, "PATCH", path, { consent_default: "granted" });
    expect(granted.status).toBe(200);
    expect(await granted.json()).toMatchObject({ consent_default: "granted" });
    expect(await column()).toBe("granted");
    const bad = await apiSend(site, "PATCH", path, { consent_default: "no" });
    expect(bad.status).toBe(400);
    expect(await column()).toBe("granted");
    const cleared = await apiSend(site, "PATCH", path, { consent_default: null });
    expect(cleared.status).toBe(200);
    expect(await cleared.json()).toMatchObject({ consent_default: null });
    expect(await column()).toBeNull();
    const badCreate = await apiSend(site, "POST", "/api/v1/destinations", {
      kind: "webhook",
      name: "CRM",
      url: "https://crm.example.com/in",
      consent_default: "GRANTED",
    });
    expect(badCreate.status).toBe(400);
  });
});
