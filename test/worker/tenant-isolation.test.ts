/**
 * Tenant isolation on every API route at once: site A's lead, link, destination, delivery and
 * contact are invisible to site B's key — each id route answers 404 and no list or stats answer
 * mentions any of A's ids or its contact's phone number.
 */
import { describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { app } from "../../worker/index";
import { apiSend, captureQueue, createDestination, sinkUrl } from "./forward-helpers";
import { api, click, createSite, deliver, message, newPhone } from "./helpers";

describe("tenant isolation, every route", () => {
  it("site B's key reaches none of site A's data", async () => {
    captureQueue();
    const a = await createSite();
    const b = await createSite();
    const dest = await createDestination(a, {
      kind: "webhook",
      name: "A hook",
      url: sinkUrl("iso"),
    });
    const ref = await click(a, { utm_source: "google", utm_medium: "cpc" });
    const phone = newPhone();
    await deliver(a, message({ from: phone, body: formatRef(ref) }));
    const link = (await (
      await apiSend(a, "POST", "/api/v1/links", { name: "A poster", utm_source: "poster" })
    ).json()) as { id: string };
    const lead = ((await (await api(a, "/api/v1/leads")).json()) as { data: { id: string }[] })
      .data[0];
    const delivery = (
      (await (await api(a, "/api/v1/deliveries")).json()) as { data: { id: string }[] }
    ).data[0];
    // The lead JSON names its contact's public id.
    const contactId = (
      (await (await api(a, `/api/v1/leads/${lead?.id}`)).json()) as { contact: { id: string } }
    ).contact.id;
    expect(contactId).toMatch(/^ct_[0-9a-f]{16}$/);
    expect(lead && delivery && link.id && dest.id).toBeTruthy();

    const ids = [lead?.id, link.id, dest.id, delivery?.id, contactId, phone, ref].filter(
      Boolean,
    ) as string[];
    const foreign: [string, string][] = [
      ["GET", `/api/v1/leads/${lead?.id}`],
      ["GET", `/api/v1/links/${link.id}`],
      ["GET", `/api/v1/links/${link.id}/qr.svg`],
      ["GET", `/api/v1/links/${link.id}/qr.png`],
      ["PATCH", `/api/v1/links/${link.id}`],
      ["GET", `/api/v1/destinations/${dest.id}`],
      ["PATCH", `/api/v1/destinations/${dest.id}`],
      ["POST", `/api/v1/destinations/${dest.id}/backfill`],
      ["GET", `/api/v1/deliveries/${delivery?.id}`],
      ["POST", `/api/v1/deliveries/${delivery?.id}/retry`],
    ];
    foreign.push(
      ["GET", `/api/v1/contacts/${contactId}`],
      ["DELETE", `/api/v1/contacts/${contactId}`],
      ["GET", `/api/v1/leads/${lead?.id}/events`],
      ["POST", `/api/v1/leads/${lead?.id}/events`],
      ["POST", `/api/v1/contacts/${contactId}/events`],
      ["POST", "/api/v1/events"],
    );
    for (const [method, path] of foreign) {
      const body =
        method === "PATCH"
          ? { name: "taken over" }
          : path.endsWith("/backfill")
            ? { since: new Date(Date.now() - 86_400_000).toISOString() }
            : path.endsWith("/events") && method === "POST"
              ? // The lead is named in the body of POST /api/v1/events.
                { type: "qualified", ...(path === "/api/v1/events" ? { lead_id: lead?.id } : {}) }
              : undefined;
      const res = await apiSend(b, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const lists = [
      "/api/v1/leads",
      "/api/v1/leads?updated_since=2020-01-01",
      "/api/v1/links",
      "/api/v1/destinations",
      "/api/v1/deliveries",
      "/api/v1/deliveries/summary",
      "/api/v1/consents",
      "/api/v1/consents/unverified",
      "/api/v1/stats?group_by=channel,source_medium,campaign,landing_page,placement,link",
      // Counts only (no ids); realtime-route.test.ts checks B's counts leave out A's clicks.
      "/api/v1/stats/realtime",
      `/api/v1/contacts?wa_id=${phone}`,
      "/api/v1/whoami",
      "/api/v1/setup",
    ];
    for (const path of lists) {
      const res = await api(b, path);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      for (const id of ids) expect(text, `${path} leaks ${id}`).not.toContain(id);
    }
    // Every API route in the app is one of the above (or admin-only, or public).
    const apiRoutes = app.routes
      .filter(
        (r) =>
          r.method !== "ALL" &&
          r.path.startsWith("/api/v1/") &&
          !r.path.startsWith("/api/v1/sites"),
      )
      .map((r) => `${r.method} ${r.path}`);
    const covered = new Set(
      [...foreign.map(([m, p]) => `${m} ${p}`), ...lists.map((p) => `GET ${p.split("?")[0]}`)].map(
        (r) =>
          r.replace(/(leads|links|destinations|deliveries|contacts)\/(?!summary$)[^/]+/, "$1/:id"),
      ),
    );
    const uncovered = apiRoutes.filter(
      (r) =>
        !covered.has(r) &&
        !/^POST \/api\/v1\/(links|destinations)$/.test(r) &&
        r !== "GET /api/v1/openapi.json",
    );
    expect(uncovered).toEqual([]);
  });
});
