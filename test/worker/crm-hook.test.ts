/**
 * The CRM hook (`POST /webhooks/crm/<key>`): an API key of scope `events` in the URL records sale
 * events for its site and opens nothing else; no other key works in the URL.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { admin } from "./admin-helpers";
import { apiSend } from "./forward-helpers";
import { api, call } from "./helpers";
import { count, siteWithLead } from "./lead-events-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

async function newKey(siteId: string, scope: string): Promise<string> {
  const res = await admin("POST", `/api/v1/sites/${siteId}/keys`, { name: "crm", scope });
  expect(res.status).toBe(201);
  return ((await res.json()) as { key: string }).key;
}

const hook = (key: string, body: object) =>
  call(
    new Request(`https://chatref.test/webhooks/crm/${key}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

describe("the CRM hook", () => {
  it("records a stage change by phone, once, for the key's site", async () => {
    const { site, lead, phone } = await siteWithLead();
    const key = await newKey(site.id, "events");
    const body = { wa_id: phone, type: "qualified", external_id: "deal-9" };
    const first = await hook(key, body);
    expect(first.status).toBe(201);
    const again = await hook(key, body);
    expect(again.status).toBe(200);
    const answer = (await again.json()) as { event: { lead_id: string }; recorded: boolean };
    expect(answer).toMatchObject({ event: { lead_id: lead.id }, recorded: false });
    expect(await count("lead_events", "lead_id = ?", lead.id)).toBe(1);
  });

  it("takes only an events key: a full or read key in the URL, or a revoked one, is a 404", async () => {
    const { site, lead } = await siteWithLead();
    const body = { lead_id: lead.id, type: "lost" };
    expect((await hook(site.apiKey, body)).status).toBe(404);
    expect((await hook(await newKey(site.id, "read"), body)).status).toBe(404);
    const key = await newKey(site.id, "events");
    const list = await admin("GET", `/api/v1/sites/${site.id}/keys`);
    const row = ((await list.json()) as { data: { id: string; scope: string }[] }).data.find(
      (k) => k.scope === "events",
    );
    const revoked = await admin("DELETE", `/api/v1/sites/${site.id}/keys/${row?.id}`);
    expect(revoked.status).toBe(200);
    expect((await hook(key, body)).status).toBe(404);
    expect((await hook("crk_NOTAKEY", body)).status).toBe(404);
    expect(await count("lead_events", "lead_id = ?", lead.id)).toBe(0);
  });

  it("an events key opens nothing in the API, not even a GET", async () => {
    const { site, lead } = await siteWithLead();
    const key = await newKey(site.id, "events");
    const read = await api(site, "/api/v1/leads", key);
    expect(read.status).toBe(403);
    const write = await apiSend(
      site,
      "POST",
      "/api/v1/events",
      { lead_id: lead.id, type: "lost" },
      key,
    );
    expect(write.status).toBe(403);
    expect(await count("lead_events", "lead_id = ?", lead.id)).toBe(0);
  });

  it("never reaches another site's lead", async () => {
    const { lead } = await siteWithLead();
    const other = await siteWithLead();
    const key = await newKey(other.site.id, "events");
    const res = await hook(key, { lead_id: lead.id, type: "qualified" });
    expect(res.status).toBe(404);
    expect(await count("lead_events", "lead_id = ?", lead.id)).toBe(0);
  });
});
