/**
 * Sale events (`POST /api/v1/leads/{id}/events` and its siblings): recorded once per (lead, type,
 * external id) even under concurrent identical requests, forwarded once to the webhooks that ask
 * for them, found by contact, phone or BSUID, refused for erased contacts.
 */
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiSend, createDestination, type DestinationOut } from "./forward-helpers";
import { apiOk, createSite } from "./helpers";
import { type Answer, count, send, siteWithLead } from "./lead-events-helpers";
import { runQueue } from "./queue-helpers";
import { received } from "./sink-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("recording a sale event", () => {
  it("answers 201 once and the first result to every repeat, even ten at once", async () => {
    const { site, lead, queue } = await siteWithLead();
    const body = { type: "purchase", value: 49.9, currency: "eur", external_id: "order-1" };
    const path = `/api/v1/leads/${lead.id}/events`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(site, path, body)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(9);
    expect(answers.filter((a) => a.body.recorded)).toHaveLength(1);
    const ids = new Set(answers.map((a) => a.body.event.id));
    expect(ids.size).toBe(1);
    expect(answers[0]?.body.event).toMatchObject({
      lead_id: lead.id,
      type: "purchase",
      external_id: "order-1",
      value: 49.9,
      currency: "EUR",
    });
    expect(await count("lead_events", "lead_id = ?", lead.id)).toBe(1);
    // One outbox row for the webhook, enqueued once.
    expect(await count("outbox", "lead_id = ? and event = 'lead.purchase'", lead.id)).toBe(1);
    expect(queue.drain()).toHaveLength(1);
    // A different value with the same ids changes nothing: the first result stands.
    const again = await send(site, path, { ...body, value: 10 });
    expect(again.status).toBe(200);
    expect(again.body.event.value).toBe(49.9);
  });

  it("keeps repeat orders apart by external id, and one qualified without one", async () => {
    const { site, lead } = await siteWithLead();
    const path = `/api/v1/leads/${lead.id}/events`;
    const a = await send(site, path, {
      type: "purchase",
      value: 20,
      currency: "USD",
      external_id: "o-1",
    });
    const b = await send(site, path, {
      type: "purchase",
      value: 35,
      currency: "USD",
      external_id: "o-2",
    });
    const q1 = await send(site, path, { type: "qualified" });
    const q2 = await send(site, path, { type: "qualified" });
    expect([a.status, b.status, q1.status, q2.status]).toEqual([201, 201, 201, 200]);
    expect(q1.body.event.external_id).toBe("qualified");
    const list = await apiOk<{ data: Answer["event"][] }>(site, `${path}`);
    expect(list.data.map((e) => [e.type, e.value])).toEqual([
      ["purchase", 20],
      ["purchase", 35],
      ["qualified", null],
    ]);
  });

  it("forwards the event to a webhook that asked for it, signed, with the lead and the event", async () => {
    const { site, sink, hook, lead, queue } = await siteWithLead();
    const occurred = "2026-11-30T10:00:00.000Z";
    const res = await send(site, `/api/v1/leads/${lead.id}/events`, {
      type: "purchase",
      value: 1234.56,
      currency: "BRL",
      external_id: "pedido-77",
      occurred_at: occurred,
    });
    expect(res.status).toBe(201);
    await runQueue(queue.drain());
    const [req, ...more] = await received(sink);
    expect(more).toEqual([]);
    const secret = (hook as DestinationOut).signing_secret ?? "";
    const verified = new Webhook(secret).verify(req?.body ?? "", req?.headers ?? {}) as {
      type: string;
      timestamp: string;
      data: { id: string; event: Answer["event"] };
    };
    expect(verified.type).toBe("lead.purchase");
    expect(verified.timestamp).toBe(occurred);
    expect(verified.data.id).toBe(lead.id);
    expect(verified.data.event).toMatchObject({
      id: res.body.event.id,
      type: "purchase",
      value: 1234.56,
      currency: "BRL",
      external_id: "pedido-77",
    });
    expect(req?.headers["webhook-id"]).toBe(res.body.event.id);
  });

  it("sends nothing to destinations that do not take the event", async () => {
    const { site, lead, queue } = await siteWithLead(["lead.created", "lead.updated"]);
    await createDestination(site, {
      kind: "ga4",
      name: "ga",
      measurement_id: "G-SALES1234",
      api_secret: "ga4-secret-sales",
    });
    const res = await send(site, `/api/v1/leads/${lead.id}/events`, { type: "lost" });
    expect(res.status).toBe(201);
    expect(
      await count(
        "outbox",
        "lead_id = ? and event like 'lead.%' and event not in ('lead.created', 'lead.updated')",
        lead.id,
      ),
    ).toBe(0);
    expect(queue.drain()).toEqual([]);
  });
});

describe("finding the lead", () => {
  it("by contact id, by phone and by the lead id in the body: the same lead", async () => {
    const { site, lead, phone } = await siteWithLead();
    const byContact = await send(site, `/api/v1/contacts/${lead.contact.id}/events`, {
      type: "qualified",
    });
    expect(byContact.status).toBe(201);
    expect(byContact.body.event.lead_id).toBe(lead.id);
    const byPhone = await send(site, "/api/v1/events", { wa_id: `+${phone}`, type: "qualified" });
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.event.id).toBe(byContact.body.event.id);
    const byLead = await send(site, "/api/v1/events", { lead_id: lead.id, type: "lost" });
    expect(byLead.status).toBe(201);
    const unknown = await send(site, "/api/v1/events", { wa_id: "15550000000", type: "lost" });
    expect(unknown.status).toBe(404);
    const two = await send(site, "/api/v1/events", {
      lead_id: lead.id,
      wa_id: phone,
      type: "lost",
    });
    expect(two.status).toBe(400);
  });

  it("never reaches another site's lead", async () => {
    const { lead } = await siteWithLead();
    const other = await createSite();
    const res = await send(other, `/api/v1/leads/${lead.id}/events`, { type: "qualified" });
    expect(res.status).toBe(404);
    const byContact = await send(other, `/api/v1/contacts/${lead.contact.id}/events`, {
      type: "qualified",
    });
    expect(byContact.status).toBe(404);
    expect(await count("lead_events", "lead_id = ?", lead.id)).toBe(0);
  });
});

describe("what is refused", () => {
  it("money without its currency, a future time, an unknown type", async () => {
    const { site, lead } = await siteWithLead();
    const path = `/api/v1/leads/${lead.id}/events`;
    const noCurrency = await send(site, path, { type: "purchase", value: 5 });
    expect(noCurrency.status).toBe(400);
    expect(noCurrency.body.error?.message).toContain("currency");
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await send(site, path, { type: "purchase", occurred_at: future })).status).toBe(400);
    expect((await send(site, path, { type: "sold" })).status).toBe(400);
    expect(await count("lead_events", "lead_id = ?", lead.id)).toBe(0);
  });

  it("an erased contact's lead: 409, and the CRM's ids of earlier events are gone", async () => {
    const { site, lead } = await siteWithLead();
    const path = `/api/v1/leads/${lead.id}/events`;
    await send(site, path, { type: "purchase", value: 9, currency: "USD", external_id: "crm-42" });
    const erased = await apiSend(site, "DELETE", `/api/v1/contacts/${lead.contact.id}`);
    expect(erased.status).toBe(200);
    const after = await send(site, path, { type: "qualified" });
    expect(after.status).toBe(409);
    const again = await send(site, path, {
      type: "purchase",
      value: 9,
      currency: "USD",
      external_id: "crm-42",
    });
    expect(again.status).toBe(409);
    expect(await count("lead_events", "external_id = 'crm-42'")).toBe(0);
    expect(await count("lead_events", "lead_id = ?", lead.id)).toBe(1);
  });
});
