/**
 * The outbox: rows written in the lead's own D1 batch, idempotent under duplicate and concurrent
 * deliveries, lead.updated when a late-delivered earlier message takes over the first touch,
 * disabled destinations; the delivery log API (filters, 400/401/404, tenant isolation); and one
 * lead going through the real local queue (producer → consumer) configured in wrangler.toml.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { leads, outbox } from "../../worker/db/schema";
import { MAX_ATTEMPTS } from "../../worker/forward/outbox-insert";
import { envelope, message } from "../support/whatsapp-envelope";
import { apiSend, createDestination, listDeliveries } from "./forward-helpers";
import { call, click, createSite, db, deliver, newPhone, webhookRequest } from "./helpers";
import { captureQueue, runQueue } from "./queue-helpers";
import { newSink, received, sinkUrl } from "./sink-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

async function siteWithHook() {
  const site = await createSite();
  const sink = newSink("outbox");
  const hook = await createDestination(site, { kind: "webhook", name: "CRM", url: sinkUrl(sink) });
  return { site, sink, hook };
}

describe("outbox rows", () => {
  it("are written with the lead, once per destination, whatever the duplicates", async () => {
    const queue = captureQueue();
    const { site } = await siteWithHook();
    await createDestination(site, {
      kind: "ga4",
      name: "GA4",
      measurement_id: "G-OUTBOX1",
      api_secret: "outbox-ga4-secret",
    });
    const msg = message({ from: newPhone(), body: "hello" });
    const body = JSON.stringify(envelope(site.phoneNumberId, [msg]));
    await call(await webhookRequest(body));
    const first = queue.drain();
    expect(first).toHaveLength(2);
    // Meta redelivers the same message, twice at once and once later: nothing new.
    await Promise.all([call(await webhookRequest(body)), call(await webhookRequest(body))]);
    await call(await webhookRequest(body));
    expect(queue.drain()).toEqual([]);
    // A later message of the same contact is not a new lead: no new rows either.
    await deliver(site, message({ from: msg.from, body: "another question" }));
    expect(queue.drain()).toEqual([]);
    const rows = await db().select().from(outbox).where(eq(outbox.siteId, site.id)).all();
    expect(rows.map((r) => r.id).sort()).toEqual([...first].sort());
    const lead = await db().select().from(leads).where(eq(leads.siteId, site.id)).get();
    expect(rows.every((r) => r.leadId === lead?.id && r.eventId === `${lead?.id}.created`)).toBe(
      true,
    );
    expect(rows.every((r) => r.maxAttempts === MAX_ATTEMPTS && r.nextAttemptAt !== null)).toBe(
      true,
    );
  });

  it("a late-delivered earlier message updates the lead: lead.updated goes to webhooks only", async () => {
    const queue = captureQueue();
    const { site, sink } = await siteWithHook();
    await createDestination(site, {
      kind: "ga4",
      name: "GA4",
      measurement_id: "G-OUTBOX2",
      api_secret: "outbox-ga4-secret",
      endpoint: sinkUrl(newSink("ga4-updated")),
    });
    const phone = newPhone();
    const now = Math.floor(Date.now() / 1000);
    await deliver(site, message({ from: phone, body: "second message", timestamp: now - 10 }));
    const created = queue.drain();
    expect(created).toHaveLength(2);
    await runQueue(created);
    const ref = await click(site, { utm_source: "google", ga_client_id: "9.9" });
    await deliver(site, message({ from: phone, body: formatRef(ref), timestamp: now - 60 }));
    const updated = queue.drain();
    expect(updated).toHaveLength(1);
    await runQueue(updated);
    const events = (await received(sink)).map((r) => JSON.parse(r.body)) as {
      type: string;
      data: { id: string; attribution: string; ref: string | null };
    }[];
    expect(events.map((e) => [e.type, e.data.attribution])).toEqual([
      ["lead.created", "none"],
      ["lead.updated", "ref"],
    ]);
    expect(events[1]?.data.ref).toBe(ref);
    const rows = await listDeliveries(site);
    const update = rows.find((r) => r.event === "lead.updated");
    expect(update?.event_id).toBe(`${events[0]?.data.id}.updated.${(now - 60) * 1000}`);
    expect(update?.destination.kind).toBe("webhook");
    // The same earlier message delivered again changes nothing.
    await deliver(site, message({ from: phone, body: formatRef(ref), timestamp: now - 60 }));
    expect(queue.drain()).toEqual([]);
  });

  it("a disabled destination gets no new rows, and its waiting rows are skipped with the reason", async () => {
    const queue = captureQueue();
    const { site, sink, hook } = await siteWithHook();
    await deliver(site, message({ from: newPhone(), body: "hi" }));
    const waiting = queue.drain();
    await apiSend(site, "PATCH", `/api/v1/destinations/${hook.id}`, { disabled: true });
    await deliver(site, message({ from: newPhone(), body: "hi" }));
    expect(queue.drain()).toEqual([]);
    await runQueue(waiting);
    expect(await received(sink)).toEqual([]);
    const [row] = await listDeliveries(site);
    expect(row).toMatchObject({ status: "skipped", last_error: "the destination is disabled" });
    // Re-enabled and retried by hand, it is delivered.
    await apiSend(site, "PATCH", `/api/v1/destinations/${hook.id}`, { disabled: false });
    expect((await apiSend(site, "POST", `/api/v1/deliveries/${row?.id}/retry`)).status).toBe(202);
    expect(await listDeliveries(site)).toMatchObject([{ status: "pending" }]);
    await runQueue(queue.drain());
    expect((await received(sink)).length).toBe(1);
  });
});

describe("GET /api/v1/deliveries", () => {
  it("filters by status, destination and lead; 400 on bad queries; 401 without a key", async () => {
    const queue = captureQueue();
    const { site, hook } = await siteWithHook();
    const ga4 = await createDestination(site, {
      kind: "ga4",
      name: "GA4",
      measurement_id: "G-LOG12345",
      api_secret: "log-ga4-secret-0000",
    });
    await deliver(site, message({ from: newPhone(), body: "one" }));
    await deliver(site, message({ from: newPhone(), body: "two" }));
    await runQueue(queue.drain());
    const all = await listDeliveries(site);
    expect(all).toHaveLength(4);
    expect(await listDeliveries(site, `destination_id=${hook.id}`)).toHaveLength(2);
    expect((await listDeliveries(site, `destination_id=${ga4.id}`)).map((r) => r.status)).toEqual([
      "skipped",
      "skipped",
    ]);
    expect(await listDeliveries(site, "status=sent")).toHaveLength(2);
    const leadId = all[0]?.lead_id ?? "";
    const forLead = await listDeliveries(site, `lead_id=${leadId}`);
    expect(forLead).toHaveLength(2);
    expect(forLead.every((r) => r.lead_id === leadId)).toBe(true);
    // Pages, newest first.
    const page = (await (await apiSend(site, "GET", "/api/v1/deliveries?limit=3")).json()) as {
      data: { id: string }[];
      next_cursor: string;
    };
    expect(page.data).toHaveLength(3);
    const rest = (await (
      await apiSend(site, "GET", `/api/v1/deliveries?limit=3&cursor=${page.next_cursor}`)
    ).json()) as { data: { id: string }[]; next_cursor: null };
    expect([...page.data, ...rest.data].map((r) => r.id)).toEqual(all.map((r) => r.id));
    expect(rest.next_cursor).toBeNull();

    for (const q of [
      "status=lost",
      "limit=0",
      "limit=201",
      "cursor=nope",
      `lead_id=${"x".repeat(65)}`,
      "foo=1",
    ]) {
      const res = await apiSend(site, "GET", `/api/v1/deliveries?${q}`);
      expect(res.status, q).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: expect.any(String) } });
    }
    for (const [method, path] of [
      ["GET", "/api/v1/deliveries"],
      ["GET", `/api/v1/deliveries/${leadId}`],
      ["POST", `/api/v1/deliveries/${all[0]?.id}/retry`],
    ] as const) {
      expect((await apiSend(site, method, path, undefined, "bad-key")).status).toBe(401);
    }
  });

  it("isolates tenants: another site's deliveries are invisible and a 404", async () => {
    const queue = captureQueue();
    const { site } = await siteWithHook();
    const other = await createSite();
    await deliver(site, message({ from: newPhone(), body: "mine" }));
    const [id = ""] = queue.drain();
    expect(await listDeliveries(other)).toEqual([]);
    expect((await apiSend(other, "GET", `/api/v1/deliveries/${id}`)).status).toBe(404);
    const retry = await apiSend(other, "POST", `/api/v1/deliveries/${id}/retry`);
    expect(retry.status).toBe(404);
    expect(await retry.json()).toMatchObject({ error: { code: "not_found" } });
    expect(queue.drain()).toEqual([]);
    expect((await apiSend(site, "GET", `/api/v1/deliveries/${id}`)).status).toBe(200);
    expect((await apiSend(site, "GET", "/api/v1/deliveries/fwd_nope")).status).toBe(404);
    expect((await apiSend(site, "POST", "/api/v1/deliveries/fwd_nope/retry")).status).toBe(404);
  });
});

describe("the real local queue", () => {
  it("carries a new lead from the webhook to the destination (producer → consumer)", async () => {
    const { site, sink } = await siteWithHook();
    await deliver(site, message({ from: newPhone(), body: "through the queue" }));
    const deadline = Date.now() + 20_000;
    let got = await received(sink);
    while (!got.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      got = await received(sink);
    }
    expect(got).toHaveLength(1);
    let rows = await listDeliveries(site);
    while (rows[0]?.status !== "sent" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await listDeliveries(site);
    }
    expect(rows).toMatchObject([{ status: "sent", attempts: 1, response_status: 200 }]);
  }, 30_000);
});
