/**
 * The set-up check and the operator's diagnostics (api/setup-route.ts) over the rejection log
 * (db/rejections.ts): refused beacons, unknown site keys and unknown webhook accounts show up
 * with what was sent and a fix; one site's key never reads another's; the admin routes refuse a
 * site key.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DiagnosticsJson, SetupJson } from "../../worker/api/setup-schema";
import { outbox } from "../../worker/db/schema";
import { admin } from "./admin-helpers";
import { createDestination } from "./forward-helpers";
import {
  api,
  apiOk,
  call,
  clickRequest,
  createSite,
  db,
  deliver,
  envelope,
  message,
  newPhone,
  type TestSite,
  webhookRequest,
} from "./helpers";
import { captureQueue } from "./queue-helpers";
import { sinkUrl } from "./sink-helpers";

let ips = 0;
/** A beacon of `site` from `origin` (and with `key` as data-site), from its own client address. */
function beacon(site: TestSite, origin: string, key = site.key) {
  const { request } = clickRequest(site, {}, undefined, { site: key });
  return new Request(request, {
    headers: {
      "content-type": "text/plain",
      origin,
      "cf-connecting-ip": `203.0.113.${(ips++ % 200) + 1}`,
    },
  });
}

async function diagnostics(): Promise<DiagnosticsJson> {
  const res = await admin("GET", "/api/v1/sites/diagnostics");
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as DiagnosticsJson;
}

describe("GET /api/v1/setup", () => {
  it("shows the beacons refused for the site's origin, counted, with the fix", async () => {
    const site = await createSite();
    for (let i = 0; i < 3; i++)
      expect((await call(beacon(site, "https://wrong.shop.test"))).status).toBe(403);
    expect((await call(beacon(site, site.origin))).status).toBe(201);
    const setup = await apiOk<SetupJson>(site, "/api/v1/setup");
    expect(setup.rejected_beacons).toEqual([
      {
        reason: "origin_not_allowed",
        origin: "https://wrong.shop.test",
        count: 3,
        last_at: expect.any(String),
        fix: `Add https://wrong.shop.test to allowed_origins if that page is yours: npx chatref sites update ${site.id} --origin ${site.origin} --origin https://wrong.shop.test`,
      },
    ]);
    expect(setup.beacon.at).not.toBeNull();
    expect(setup.beacon.fix).toBeNull();
    // The admin's view of the same site (npx chatref sites get) answers the same.
    const res = await admin("GET", `/api/v1/sites/${site.id}/setup`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as SetupJson).rejected_beacons[0]?.count).toBe(3);
  });

  it("names each missing step with its fix, and clears it once it happened", async () => {
    const site = await createSite();
    const empty = await apiOk<SetupJson>(site, "/api/v1/setup");
    expect(empty).toMatchObject({
      site_id: site.id,
      site_key: site.key,
      beacon: { at: null, fix: expect.stringContaining(`data-site="${site.key}"`) },
      webhook: {
        at: null,
        fix: expect.stringContaining("https://chatref.test/webhooks/whatsapp"),
      },
      lead: { at: null, fix: expect.stringContaining(`+${site.waNumber}`) },
      destinations: [],
      rejected_beacons: [],
    });
    expect((await deliver(site, message({ from: newPhone(), body: "hi" }))).status).toBe(200);
    const after = await apiOk<SetupJson>(site, "/api/v1/setup");
    expect(after.webhook).toEqual({ at: expect.any(String), fix: null });
    expect(after.lead).toEqual({ at: expect.any(String), fix: null });
  });

  it("names each destination's health from its latest outcome, with the fix", async () => {
    captureQueue();
    const site = await createSite();
    const hook = await createDestination(site, {
      kind: "webhook",
      name: "CRM",
      url: sinkUrl("setup"),
    });
    expect((await apiOk<SetupJson>(site, "/api/v1/setup")).destinations).toEqual([
      expect.objectContaining({ id: hook.id, status: "waiting", fix: null }),
    ]);
    await deliver(site, message({ from: newPhone(), body: "hi" }));
    const now = Date.now();
    await db()
      .update(outbox)
      .set({ status: "retrying", lastError: "HTTP 403 Forbidden", updatedAt: now })
      .where(eq(outbox.destinationId, hook.id))
      .run();
    const failing = (await apiOk<SetupJson>(site, "/api/v1/setup")).destinations[0];
    expect(failing).toMatchObject({
      status: "failing",
      last_error: { message: "HTTP 403 Forbidden" },
      fix: expect.stringContaining(`PATCH /api/v1/destinations/${hook.id}`),
    });
    await db()
      .update(outbox)
      .set({ status: "sent", sentAt: now + 1000, updatedAt: now + 1000 })
      .where(eq(outbox.destinationId, hook.id))
      .run();
    const ok = (await apiOk<SetupJson>(site, "/api/v1/setup")).destinations[0];
    expect(ok).toMatchObject({ status: "ok", fix: null });
  });

  it("a site's key never reads another site's rejections or set-up", async () => {
    const [a, b] = [await createSite(), await createSite()];
    expect((await call(beacon(a, "https://other.shop.test"))).status).toBe(403);
    const ofB = await apiOk<SetupJson>(b, "/api/v1/setup");
    expect(ofB.site_id).toBe(b.id);
    expect(ofB.rejected_beacons).toEqual([]);
    // The admin route for site A with B's key: refused, whatever the id.
    expect((await api(b, `/api/v1/sites/${a.id}/setup`)).status).toBe(401);
    expect((await api(b, "/api/v1/setup", "not-a-key")).status).toBe(401);
  });
});

describe("GET /api/v1/sites/diagnostics", () => {
  it("lists beacons for unknown site keys with the key and a count", async () => {
    const site = await createSite();
    const key = `nosuch-${Date.now().toString(36)}`;
    expect((await call(beacon(site, site.origin, key))).status).toBe(404);
    expect((await call(beacon(site, site.origin, key))).status).toBe(404);
    const row = (await diagnostics()).data.find((r) => r.detail === key);
    expect(row).toEqual({
      kind: "unknown_site",
      detail: key,
      count: 2,
      last_at: expect.any(String),
      fix: expect.stringContaining(`data-site="${key}"`),
    });
  });

  it("logs no more than the rate limiter lets through", { timeout: 60_000 }, async () => {
    const site = await createSite();
    const key = `flood-${Date.now().toString(36)}`;
    const { request } = clickRequest(site, {}, undefined, { site: key });
    // Miniflare's limiter windows are wall-clock minutes: keep the burst inside one.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 15_000) await new Promise((r) => setTimeout(r, left + 50));
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) {
      const res = await call(
        new Request(request.clone(), {
          headers: { "content-type": "text/plain", "cf-connecting-ip": "192.0.2.99" },
        }),
      );
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 404)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect((await diagnostics()).data.find((r) => r.detail === key)?.count).toBe(60);
  });

  it("lists signed webhooks for an unknown phone_number_id (still answered 200)", async () => {
    const unknown = `9${Date.now()}`;
    const body = JSON.stringify(envelope(unknown, [message({ from: newPhone(), body: "hi" })]));
    const res = await call(await webhookRequest(body));
    expect(res.status).toBe(200);
    const row = (await diagnostics()).data.find((r) => r.detail === unknown);
    expect(row).toMatchObject({
      kind: "unknown_account",
      count: 1,
      fix: expect.stringContaining(`--phone-number-id ${unknown}`),
    });
  });

  it("an unsigned webhook leaves no trace", async () => {
    const unknown = `8${Date.now()}`;
    const body = JSON.stringify(envelope(unknown, [message({ from: newPhone(), body: "hi" })]));
    expect((await call(await webhookRequest(body, "wrong-secret"))).status).toBe(401);
    expect((await diagnostics()).data.find((r) => r.detail === unknown)).toBeUndefined();
  });

  it("lists webhooks for an unknown Telegram bot", async () => {
    const botId = String(7_900_000_000 + Math.floor(Math.random() * 1e6));
    const res = await call(
      new Request(`https://chatref.test/webhooks/telegram/${botId}`, {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": "198.51.100.7" },
        body: "{}",
      }),
    );
    expect(res.status).toBe(404);
    const row = (await diagnostics()).data.find((r) => r.detail === `telegram:${botId}`);
    expect(row).toMatchObject({ kind: "unknown_account", count: 1 });
  });

  it("refuses a site key and a missing token", async () => {
    const site = await createSite();
    expect((await api(site, "/api/v1/sites/diagnostics")).status).toBe(401);
    expect((await admin("GET", "/api/v1/sites/diagnostics", undefined, null)).status).toBe(401);
  });

  it("does not list a site's own refused origins (those are the site's, in its setup)", async () => {
    const site = await createSite();
    expect((await call(beacon(site, "https://mine.shop.test"))).status).toBe(403);
    const data = (await diagnostics()).data;
    expect(data.find((r) => r.detail === "https://mine.shop.test")).toBeUndefined();
  });
});
