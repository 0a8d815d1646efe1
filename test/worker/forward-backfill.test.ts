/**
 * Backfill (`POST /api/v1/destinations/:id/backfill`, worker/forward/backfill.ts) to a webhook
 * added after the leads: leads recorded before a destination existed reach it exactly once,
 * through the queue consumer and the cron sweep; a second call and leads already forwarded add
 * nothing; dry runs write nothing; erased contacts end up skipped with their reason.
 */

import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contacts, leads } from "../../worker/db/schema";
import { ERASED_REASON } from "../../worker/forward/backfill";
import { backfill, backfillOk, DAY, leadIds, outboxRows, since } from "./forward-backfill-helpers";
import { addHook, siteWithQueue } from "./forward-fixtures";
import { apiSend, createDestination, listDeliveries } from "./forward-helpers";
import { db, deliver, message, newPhone } from "./helpers";
import { makeDue, runCron, runQueue } from "./queue-helpers";
import { newSink, received, sinkUrl } from "./sink-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("backfill to a webhook added after the leads", () => {
  it("sends each earlier lead exactly once; a second call and the sweep add nothing", async () => {
    const { queue, site } = await siteWithQueue();
    for (let i = 0; i < 3; i++) await deliver(site, message({ from: newPhone(), body: `hi ${i}` }));
    // A lead before the range: it stays out.
    const oldPhone = newPhone();
    await deliver(site, message({ from: oldPhone, body: "long ago" }));
    const old = await db()
      .select({ id: leads.id })
      .from(leads)
      .innerJoin(contacts, eq(contacts.id, leads.contactId))
      .where(and(eq(leads.siteId, site.id), eq(contacts.waId, oldPhone)))
      .get();
    await db()
      .update(leads)
      .set({ createdAt: Date.now() - 30 * DAY })
      .where(eq(leads.id, old?.id ?? ""))
      .run();
    expect(queue.drain()).toEqual([]);

    const sink = newSink("backfill-hook");
    const hook = await createDestination(site, {
      kind: "webhook",
      name: "CRM",
      url: sinkUrl(sink),
    });
    const dry = await backfillOk(site, hook.id, { since: since(7 * DAY), dry_run: true });
    expect(dry).toMatchObject({
      destination_id: hook.id,
      kind: "webhook",
      dry_run: true,
      leads_in_range: 3,
      already_present: 0,
      queued: 3,
      outside_window: 0,
      erased: 0,
      enqueued: 0,
    });
    expect(await outboxRows(hook.id)).toEqual([]);
    expect(queue.drain()).toEqual([]);

    const out = await backfillOk(site, hook.id, { since: since(7 * DAY) });
    expect(out).toMatchObject({ leads_in_range: 3, queued: 3, already_present: 0, enqueued: 3 });
    const ids = queue.drain();
    expect(ids).toHaveLength(3);
    const rows = await outboxRows(hook.id);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const r of rows) expect(r).toMatchObject({ status: "pending", event: "lead.created" });
    expect(rows.map((r) => r.leadId)).not.toContain(old?.id);

    await runQueue(ids);
    const got = await received(sink);
    expect(got).toHaveLength(3);
    const inRange = (await leadIds(site)).filter((id) => id !== old?.id);
    expect(got.map((r) => r.headers["webhook-id"]).sort()).toEqual(
      inRange.map((id) => `${id}.created`),
    );
    // Signed like every webhook; the event time is the lead's creation, not the backfill's.
    const wh = new Webhook(hook.signing_secret ?? "");
    for (const r of got) {
      const event = wh.verify(r.body, {
        "webhook-id": r.headers["webhook-id"] ?? "",
        "webhook-timestamp": r.headers["webhook-timestamp"] ?? "",
        "webhook-signature": r.headers["webhook-signature"] ?? "",
      }) as { type: string; timestamp: string; data: { id: string; created_at: string } };
      expect(event.type).toBe("lead.created");
      expect(event.timestamp).toBe(event.data.created_at);
    }

    // Again: nothing new, nothing enqueued; the sweep and duplicate messages send nothing more.
    const again = await backfillOk(site, hook.id, { since: since(7 * DAY) });
    expect(again).toMatchObject({ leads_in_range: 3, queued: 0, already_present: 3, enqueued: 0 });
    expect(queue.drain()).toEqual([]);
    await makeDue(ids, 10 * 60_000);
    await runCron();
    await runQueue([...ids, ...queue.drain()]);
    expect(await received(sink)).toHaveLength(3);
    expect((await listDeliveries(site)).map((d) => d.status)).toEqual(["sent", "sent", "sent"]);
    // A wider range takes in the older lead, and only it.
    const wider = await backfillOk(site, hook.id, { since: since(40 * DAY) });
    expect(wider).toMatchObject({ leads_in_range: 4, queued: 1, already_present: 3 });
    await runQueue(queue.drain());
    expect((await received(sink)).map((r) => r.headers["webhook-id"])).toContain(
      `${old?.id}.created`,
    );
    expect(await received(sink)).toHaveLength(4);
  });

  it("does not duplicate a lead forwarded with the lead; disabled → 409 until enabled", async () => {
    const { queue, site } = await siteWithQueue();
    const sink = newSink("backfill-dup");
    const hook = await createDestination(site, {
      kind: "webhook",
      name: "CRM",
      url: sinkUrl(sink),
    });
    await deliver(site, message({ from: newPhone(), body: "live" }));
    await runQueue(queue.drain());
    expect(await received(sink)).toHaveLength(1);
    // While it is disabled a lead arrives: no row for it.
    await apiSend(site, "PATCH", `/api/v1/destinations/${hook.id}`, { disabled: true });
    await deliver(site, message({ from: newPhone(), body: "while disabled" }));
    expect(queue.drain()).toEqual([]);

    const refused = await backfill(site, hook.id, { since: since(DAY) });
    expect(refused.status).toBe(409);
    const error = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toBe("conflict");
    expect(error.error.message).toMatch(/disabled/);
    expect((await backfill(site, hook.id, { since: since(DAY), dry_run: true })).status).toBe(409);
    expect(await outboxRows(hook.id)).toHaveLength(1);

    await apiSend(site, "PATCH", `/api/v1/destinations/${hook.id}`, { disabled: false });
    const out = await backfillOk(site, hook.id, { since: since(DAY) });
    expect(out).toMatchObject({ leads_in_range: 2, already_present: 1, queued: 1 });
    await runQueue(queue.drain());
    const got = await received(sink);
    expect(got).toHaveLength(2);
    expect(new Set(got.map((r) => r.headers["webhook-id"])).size).toBe(2);
    expect((await outboxRows(hook.id)).every((r) => r.status === "sent")).toBe(true);
  });

  it("skips erased contacts with erasure's reason; counts only the range [since, until)", async () => {
    const { queue, site } = await siteWithQueue();
    const phone = newPhone();
    await deliver(site, message({ from: phone, body: "erase me" }));
    await deliver(site, message({ from: newPhone(), body: "keep me" }));
    const contact = await db()
      .select({ publicId: contacts.publicId })
      .from(contacts)
      .where(and(eq(contacts.siteId, site.id), eq(contacts.waId, phone)))
      .get();
    expect((await apiSend(site, "DELETE", `/api/v1/contacts/${contact?.publicId}`)).status).toBe(
      200,
    );
    const { sink, hook } = await addHook(site, "backfill-erased", "CRM");
    // A range that ended before the leads: nothing.
    const before = await backfillOk(site, hook.id, {
      since: since(2 * DAY),
      until: since(DAY),
    });
    expect(before).toMatchObject({ leads_in_range: 0, queued: 0 });
    // A date (midnight UTC) is accepted and echoed as an instant.
    const day = since(2 * DAY).slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    const out = await backfillOk(site, hook.id, { since: day, until: `${today}T23:59:59Z` });
    expect(out.since).toBe(`${day}T00:00:00.000Z`);
    expect(out).toMatchObject({ leads_in_range: 2, queued: 1, erased: 1, outside_window: 0 });
    await runQueue(queue.drain());
    expect(await received(sink)).toHaveLength(1);
    const log = await listDeliveries(site);
    expect(log.map((d) => [d.status, d.last_error]).sort()).toEqual([
      ["sent", null],
      ["skipped", ERASED_REASON],
    ]);
  });
});
