/**
 * Sale events to GA4 and Meta (issue 14): GA4's recommended events (`qualify_lead`, `purchase`
 * and `refund` with `transaction_id`, `close_unconvert_lead`) and Meta's `QualifiedLead` /
 * `Purchase`, each with the event's own value, currency and time, only to destinations that ask
 * for them, and skipped past each platform's window.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { GA4_EVENT_TOO_OLD } from "../../worker/forward/ga4";
import { leadFrom } from "./destination-test-kit";
import { apiSend, createDestination, listDeliveries } from "./forward-helpers";
import { json, siteWithDestinations } from "./forward-shapes-helpers";
import { apiOk } from "./helpers";
import { send } from "./lead-events-helpers";
import { runQueue } from "./queue-helpers";
import { received } from "./sink-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const SALES = ["lead.created", "lead.qualified", "lead.purchase"];

/** Each kind's settings and credentials in a create body. */
const CREDENTIALS = {
  meta_capi: { dataset_id: "123", access_token: "meta-token-0000" },
  tiktok: { pixel_code: "CABCDEFGHIJ1234567", access_token: "tiktok-token-0000" },
  yandex_metrica: { counter_id: "44147844", oauth_token: "y0_AgAAAAATestOAuthToken0001" },
  ga4: { measurement_id: "G-EVENTS123", api_secret: "ga4-secret-events" },
};

/** A site whose GA4 and Meta destinations take the sale events, and a forwarded website lead. */
async function forwardedLead() {
  const { site, sinks, ga4, meta } = await siteWithDestinations();
  for (const [d, events] of [
    [ga4, [...SALES, "lead.refund", "lead.lost"]],
    [meta, SALES],
  ] as const) {
    const res = await apiSend(site, "PATCH", `/api/v1/destinations/${d.id}`, { events });
    expect(res.status, await res.clone().text()).toBe(200);
  }
  const lead = await leadFrom(site, {
    utm_source: "google",
    utm_medium: "cpc",
    utm_campaign: "beans",
    ga_client_id: "1234567890.1700000000",
    fbp: "fb.1.1700000000000.42",
  });
  await runQueue(lead.ids);
  const leads = await apiOk<{ data: { id: string }[] }>(site, "/api/v1/leads");
  return { site, sinks, lead, leadId: leads.data[0]?.id ?? "" };
}

/** Records a sale event and runs what it enqueued; returns the event's id. */
async function saleForwarded(f: Awaited<ReturnType<typeof forwardedLead>>, body: object) {
  const res = await send(f.site, `/api/v1/leads/${f.leadId}/events`, body);
  expect(res.status).toBe(201);
  await runQueue(f.lead.queue.drain());
  return res.body.event.id;
}

const lastJson = async (sink: string) => json((await received(sink)).at(-1)?.body ?? "{}");

describe("sale events to GA4 and Meta", () => {
  it("a purchase: GA4 `purchase` with transaction_id, Meta `Purchase` with custom_data", async () => {
    const f = await forwardedLead();
    const occurred = new Date(Date.now() - 3600_000);
    const id = await saleForwarded(f, {
      type: "purchase",
      value: 129.5,
      currency: "BRL",
      external_id: "pedido-9",
      occurred_at: occurred.toISOString(),
    });
    const ga = (await lastJson(f.sinks.ga4)) as {
      client_id: string;
      timestamp_micros: number;
      events: { name: string; params: Record<string, unknown> }[];
    };
    expect(ga.client_id).toBe("1234567890.1700000000");
    expect(ga.timestamp_micros).toBe(occurred.getTime() * 1000);
    expect(ga.events.map((e) => e.name)).toEqual(["campaign_details", "purchase"]);
    expect(ga.events[1]?.params).toEqual({
      currency: "BRL",
      value: 129.5,
      transaction_id: "pedido-9",
    });
    const meta = (await lastJson(f.sinks.meta)) as { data: Record<string, unknown>[] };
    expect(meta.data[0]).toMatchObject({
      event_name: "Purchase",
      event_id: id,
      event_time: Math.floor(occurred.getTime() / 1000),
      action_source: "chat",
      custom_data: { currency: "BRL", value: 129.5 },
    });
    expect(meta.data[0]?.user_data).toMatchObject({ fbp: "fb.1.1700000000000.42" });
  });

  it("qualified, refund, lost: GA4's names; Meta gets QualifiedLead and nothing else", async () => {
    const f = await forwardedLead();
    await saleForwarded(f, { type: "qualified" });
    let ga = (await lastJson(f.sinks.ga4)) as { events: { name: string; params: object }[] };
    expect(ga.events.at(-1)).toEqual({ name: "qualify_lead", params: {} });
    const meta = (await lastJson(f.sinks.meta)) as { data: Record<string, unknown>[] };
    expect(meta.data[0]?.event_name).toBe("QualifiedLead");
    expect(meta.data[0]).not.toHaveProperty("custom_data");
    const metaBefore = (await received(f.sinks.meta)).length;
    await saleForwarded(f, { type: "refund", value: 10, currency: "USD", external_id: "o-1" });
    ga = (await lastJson(f.sinks.ga4)) as { events: { name: string; params: object }[] };
    expect(ga.events.at(-1)).toEqual({
      name: "refund",
      params: { currency: "USD", value: 10, transaction_id: "o-1" },
    });
    await saleForwarded(f, { type: "lost" });
    ga = (await lastJson(f.sinks.ga4)) as { events: { name: string; params: object }[] };
    expect(ga.events.at(-1)?.name).toBe("close_unconvert_lead");
    expect((await received(f.sinks.meta)).length).toBe(metaBefore);
  });

  it("an event older than 72 h is skipped by GA4 with the reason, sent to Meta (7 days)", async () => {
    const f = await forwardedLead();
    const old = new Date(Date.now() - 4 * 24 * 3600_000).toISOString();
    await saleForwarded(f, { type: "purchase", value: 5, currency: "USD", occurred_at: old });
    const log = await listDeliveries(f.site);
    const sale = log.filter((d) => d.event === "lead.purchase");
    expect(sale.map((d) => [d.destination.kind, d.status, d.last_error]).sort()).toEqual([
      ["ga4", "skipped", GA4_EVENT_TOO_OLD],
      ["meta_capi", "sent", null],
    ]);
  });

  it("each kind takes the sale events it can report: Meta no refund, TikTok no qualified, Metrica no lost deal", async () => {
    const { site } = await siteWithDestinations();
    for (const [kind, name, events] of [
      ["meta_capi", "m", ["lead.created", "lead.refund"]],
      ["tiktok", "t", ["lead.qualified"]],
      ["yandex_metrica", "y", ["lead.purchase", "lead.lost"]],
    ] as const) {
      const body = { kind, name, ...CREDENTIALS[kind], events };
      const res = await apiSend(site, "POST", "/api/v1/destinations", body);
      expect(res.status, kind).toBe(400);
    }
    const ga4 = await createDestination(site, {
      kind: "ga4",
      name: "g",
      ...CREDENTIALS.ga4,
      events: ["lead.purchase", "lead.created"],
    });
    expect(ga4.events).toEqual(["lead.created", "lead.purchase"]);
  });
});
