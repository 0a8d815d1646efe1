/**
 * Backfill to GA4 and Meta (their time windows, skipped with their reasons and counted in the
 * answer), a range large enough to take several statements, and the 400/404/409 answers.
 */

import { env } from "cloudflare:workers";
import { and, eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { outbox, sites } from "../../worker/db/schema";
import { BACKFILL_CHUNK, BACKFILL_ENQUEUE_MAX } from "../../worker/forward/backfill";
import { GA4_TOO_OLD } from "../../worker/forward/ga4";
import { META_TOO_OLD } from "../../worker/forward/meta-capi";
import { SWEEP_BATCH } from "../../worker/forward/sweep";
import { backfill, backfillOk, DAY, outboxRows, since } from "./forward-backfill-helpers";
import { addHook, siteWithHook, siteWithQueue } from "./forward-fixtures";
import { apiSend, createDestination, listDeliveries } from "./forward-helpers";
import { api, click, createSite, db, deliver, message, newPhone } from "./helpers";
import { captureQueue, runCron, runQueue } from "./queue-helpers";
import { newSink, received, sinkUrl } from "./sink-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("backfill to GA4 and Meta: their time windows", () => {
  it("writes leads outside the window as skipped with the reason, and counts them up front", async () => {
    const { queue, site } = await siteWithQueue();
    await db().update(sites).set({ wabaId: "102290129340398" }).where(eq(sites.id, site.id)).run();
    const now = Math.floor(Date.now() / 1000);
    const day = 24 * 3600;
    const touch = { utm_source: "google", ga_client_id: "111.222", fbp: "fb.1.1.1" };
    // Recorded now, first messages sent 1 h, 4 days and 8 days ago.
    for (const ago of [3600, 4 * day, 8 * day]) {
      const ref = await click(site, touch);
      await deliver(
        site,
        message({ from: newPhone(), body: formatRef(ref), timestamp: now - ago }),
      );
    }
    expect(queue.drain()).toEqual([]);
    const sinks = { ga4: newSink("backfill-ga4"), meta: newSink("backfill-meta") };
    const ga4 = await createDestination(site, {
      kind: "ga4",
      name: "GA4",
      measurement_id: "G-BACKFILL1",
      api_secret: "backfill-ga4-secret",
      endpoint: sinkUrl(sinks.ga4),
    });
    const meta = await createDestination(site, {
      kind: "meta_capi",
      name: "Meta",
      dataset_id: "123456789",
      access_token: "backfill-meta-token",
      endpoint: sinkUrl(sinks.meta),
    });

    const dryGa4 = await backfillOk(site, ga4.id, { since: since(DAY), dry_run: true });
    expect(dryGa4).toMatchObject({ leads_in_range: 3, queued: 1, outside_window: 2 });
    const dryMeta = await backfillOk(site, meta.id, { since: since(DAY), dry_run: true });
    expect(dryMeta).toMatchObject({ leads_in_range: 3, queued: 2, outside_window: 1 });
    expect(await listDeliveries(site)).toEqual([]);

    const outGa4 = await backfillOk(site, ga4.id, { since: since(DAY) });
    expect(outGa4).toMatchObject({ kind: "ga4", queued: 1, outside_window: 2, enqueued: 1 });
    const outMeta = await backfillOk(site, meta.id, { since: since(DAY) });
    expect(outMeta).toMatchObject({ kind: "meta_capi", queued: 2, outside_window: 1, enqueued: 2 });
    const ids = queue.drain();
    expect(ids).toHaveLength(3);
    // The log shows the skips at once, before any attempt.
    const skippedNow = await listDeliveries(site, "status=skipped");
    expect(skippedNow).toHaveLength(3);
    for (const d of skippedNow) {
      expect(d).toMatchObject({ attempts: 0, next_attempt_at: null, response_status: null });
      expect(d.last_error).toBe(d.destination.kind === "ga4" ? GA4_TOO_OLD : META_TOO_OLD);
    }
    await runQueue(ids);
    expect(await received(sinks.ga4)).toHaveLength(1);
    expect(await received(sinks.meta)).toHaveLength(2);
    const log = await listDeliveries(site);
    const count = (kind: string, status: string) =>
      log.filter((d) => d.destination.kind === kind && d.status === status).length;
    expect([count("ga4", "sent"), count("ga4", "skipped")]).toEqual([1, outGa4.outside_window]);
    expect([count("meta_capi", "sent"), count("meta_capi", "skipped")]).toEqual([
      2,
      outMeta.outside_window,
    ]);

    // The delivery-time check agrees: a skipped row retried by hand is skipped again, same reason.
    const skipped = log.find((d) => d.destination.kind === "ga4" && d.status === "skipped");
    expect((await apiSend(site, "POST", `/api/v1/deliveries/${skipped?.id}/retry`)).status).toBe(
      202,
    );
    await runQueue(queue.drain());
    const [retried] = await listDeliveries(
      site,
      `lead_id=${skipped?.lead_id}&destination_id=${ga4.id}`,
    );
    expect(retried).toMatchObject({ status: "skipped", last_error: GA4_TOO_OLD });
    expect(await received(sinks.ga4)).toHaveLength(1);
    // Idempotent here too.
    expect(await backfillOk(site, ga4.id, { since: since(DAY) })).toMatchObject({
      queued: 0,
      outside_window: 0,
      already_present: 3,
    });
  });
});

describe("a range of many leads", () => {
  it("goes in chunks, enqueues a bounded number, and leaves the rest to the sweep", async () => {
    const { queue, site } = await siteWithQueue();
    const total = 2 * BACKFILL_CHUNK + 7;
    const t0 = Date.now() - 3 * DAY;
    // Contacts and leads written directly (a lead per contact), created one ms apart, some sharing
    // a created_at so the keyset's id tiebreak matters.
    await env.DB.prepare(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < ?2)
       insert into contacts (site_id, wa_id, first_seen_at, last_inbound_at)
       select ?1, '1555' || (1000000 + i), ?3, ?3 from n`,
    )
      .bind(site.id, total, t0)
      .run();
    await env.DB.prepare(
      `insert into leads (id, site_id, contact_id, attribution, first_message_id, first_message_at,
         created_at, updated_at)
       select 'lead_bulk_' || ?1 || '_' || c.id, ?1, c.id, 'none', 'm' || c.id, ?2,
         ?2 + (c.id - f.id) / 3, ?2 + (c.id - f.id) / 3
       from contacts c, (select min(id) as id from contacts where site_id = ?1) f
       where c.site_id = ?1`,
    )
      .bind(site.id, t0)
      .run();
    const { hook } = await addHook(site, "backfill-bulk", "CRM");
    // Some already there (as if forwarded with the lead): they stay as they are.
    const firstOut = await backfillOk(site, hook.id, {
      since: new Date(t0).toISOString(),
      until: new Date(t0 + 1000).toISOString(),
    });
    const present = firstOut.queued;
    expect(present).toBeGreaterThan(0);
    queue.drain();

    const dry = await backfillOk(site, hook.id, { since: since(4 * DAY), dry_run: true });
    expect(dry).toMatchObject({ leads_in_range: total, already_present: present });
    const out = await backfillOk(site, hook.id, { since: since(4 * DAY) });
    expect(out).toMatchObject({
      leads_in_range: total,
      already_present: present,
      queued: total - present,
      enqueued: BACKFILL_ENQUEUE_MAX,
    });
    const enqueued = queue.drain();
    expect(enqueued).toHaveLength(BACKFILL_ENQUEUE_MAX);
    // One row per lead, none twice.
    const rows = await outboxRows(hook.id);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.leadId)).size).toBe(total);
    expect(rows.every((r) => r.status === "pending")).toBe(true);

    // The rest are pending and due: once overdue, the cron sweep enqueues them, SWEEP_BATCH a run.
    const enqueuedIds = new Set(enqueued);
    const notEnqueued = rows.map((r) => r.id).filter((id) => !enqueuedIds.has(id));
    await db()
      .update(outbox)
      .set({ nextAttemptAt: Date.now() - 10 * 60_000 })
      .where(eq(outbox.destinationId, hook.id))
      .run();
    await runCron();
    const swept = queue.drain();
    expect(swept).toHaveLength(SWEEP_BATCH);
    const rowIds = new Set(rows.map((r) => r.id));
    expect(swept.every((id) => rowIds.has(id))).toBe(true);
    expect(notEnqueued.length).toBe(total - BACKFILL_ENQUEUE_MAX);

    const again = await backfillOk(site, hook.id, { since: since(4 * DAY) });
    expect(again).toMatchObject({ leads_in_range: total, already_present: total, queued: 0 });
    expect(queue.drain()).toEqual([]);
    const pending = await db()
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.destinationId, hook.id), inArray(outbox.status, ["pending"])))
      .all();
    expect(pending).toHaveLength(total);
  });
});

describe("backfill requests", () => {
  it("validates the body and range; another site's key is a 404; lead.updated-only is a 409", async () => {
    captureQueue();
    const { site, hook } = await siteWithHook("backfill-val", "CRM");
    const other = await createSite();
    for (const body of [
      {},
      { since: "yesterday" },
      { since: since(DAY), until: since(2 * DAY) },
      { since: since(DAY), until: since(DAY) },
      { since: since(401 * DAY) },
      { since: since(DAY), dry_run: "yes" },
      { since: since(DAY), extra: 1 },
      "not json",
    ]) {
      const res = await backfill(site, hook.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: expect.any(String) } });
    }
    // Up to 400 days is fine.
    expect((await backfill(site, hook.id, { since: since(399 * DAY) })).status).toBe(202);

    for (const body of [{ since: since(DAY) }, { since: since(DAY), dry_run: true }, {}]) {
      const res = await backfill(site, hook.id, body, other.apiKey);
      expect(res.status).toBe(404);
    }
    expect((await backfill(site, "dst_missing", { since: since(DAY) })).status).toBe(404);
    expect((await backfill(site, hook.id, { since: since(DAY) }, "bad-key")).status).toBe(401);

    const updatesOnly = await createDestination(site, {
      kind: "webhook",
      name: "updates",
      url: sinkUrl(newSink("backfill-upd")),
      events: ["lead.updated"],
    });
    const res = await backfill(site, updatesOnly.id, { since: since(DAY) });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /lead\.created/,
    );
    // The lead list is untouched by all of this.
    expect((await api(site, "/api/v1/deliveries")).status).toBe(200);
    expect(await listDeliveries(site)).toEqual([]);
  });
});
