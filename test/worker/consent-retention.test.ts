import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mintRef } from "../../widget/protocol/ref-codec";
import {
  OUTBOX_FINAL_RETENTION_DAYS,
  OUTBOX_SENT_RETENTION_DAYS,
  runRetention,
} from "../../worker/consent/retention";
import {
  clicks,
  deliveries,
  destinations,
  leads,
  messages,
  type OutboxStatus,
  outbox,
  sites,
} from "../../worker/db/schema";
import worker from "../../worker/index";
import { click, createSite, db, deliver, message, newPhone } from "./helpers";

const DAY = 86_400_000;

describe("retention", () => {
  it("deletes exactly the old unmatched clicks and the old processed deliveries", async () => {
    const site = await createSite();
    const now = Date.now();
    const old = now - 91 * DAY;
    // A matched click made long ago stays (bound to a contact, referenced by the lead/touch).
    const matchedRef = await click(site, { utm_source: "kept" });
    const phone = newPhone();
    await deliver(site, message({ from: phone, body: `hi ${matchedRef}` }));
    const insertClick = (createdAt: number) =>
      db()
        .insert(clicks)
        .values({ siteId: site.id, ref: mintRef(), placement: "button", createdAt })
        .returning({ id: clicks.id })
        .get();
    const stale = await insertClick(old);
    const young = await insertClick(now - 89 * DAY);
    await db().update(clicks).set({ createdAt: old }).where(eq(clicks.ref, matchedRef)).run();
    // A second site keeping clicks for 365 days keeps its 91-day-old click.
    const keeper = await createSite();
    await db().update(sites).set({ clickRetentionDays: 365 }).where(eq(sites.id, keeper.id)).run();
    const kept = await db()
      .insert(clicks)
      .values({ siteId: keeper.id, ref: mintRef(), placement: "button", createdAt: old })
      .returning({ id: clicks.id })
      .get();

    // Deliveries: the processed one of the matched message (aged), one fresh, one unprocessed.
    const [msg] = await db().select().from(messages).where(eq(messages.siteId, site.id)).all();
    const deliveryId = msg?.deliveryId ?? "";
    await db()
      .update(deliveries)
      .set({ processedAt: now - 31 * DAY })
      .where(eq(deliveries.id, deliveryId))
      .run();
    const mk = (id: string, processedAt: number | null, failedAt: number | null = null) =>
      db()
        .insert(deliveries)
        .values({
          id,
          provider: "whatsapp",
          body: "{}",
          receivedAt: now - 40 * DAY,
          processedAt,
          failedAt,
        })
        .run();
    await mk(`dlv_fresh_${site.id}`, now - 29 * DAY);
    await mk(`dlv_unprocessed_${site.id}`, null);
    // Set aside by the sweep: kept as long as a processed one, then deleted.
    await mk(`dlv_failed_old_${site.id}`, null, now - 31 * DAY);
    await mk(`dlv_failed_new_${site.id}`, null, now - 29 * DAY);

    await runRetention(db(), { now });

    const ids = [stale.id, young.id, kept.id];
    const left = await db()
      .select({ id: clicks.id })
      .from(clicks)
      .where(inArray(clicks.id, ids))
      .all();
    expect(left.map((r) => r.id).sort()).toEqual([young.id, kept.id].sort());
    const matched = await db().select().from(clicks).where(eq(clicks.ref, matchedRef)).get();
    expect(matched).toBeDefined();

    const dl = await db()
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(
        inArray(deliveries.id, [
          deliveryId,
          `dlv_fresh_${site.id}`,
          `dlv_unprocessed_${site.id}`,
          `dlv_failed_old_${site.id}`,
          `dlv_failed_new_${site.id}`,
        ]),
      )
      .all();
    expect(dl.map((d) => d.id).sort()).toEqual(
      [`dlv_fresh_${site.id}`, `dlv_unprocessed_${site.id}`, `dlv_failed_new_${site.id}`].sort(),
    );
    // The message stays, unlinked from its deleted delivery.
    const after = await db()
      .select()
      .from(messages)
      .where(eq(messages.id, msg?.id ?? -1))
      .get();
    expect(after).toMatchObject({ deliveryId: null, body: `hi ${matchedRef}` });
  });
});

describe("outbox retention", () => {
  /** A site with one destination and one lead, and a way to add outbox rows to them. */
  async function outboxFixture() {
    const site = await createSite();
    const now = Date.now();
    const destinationId = `dst_${site.id}`;
    await db()
      .insert(destinations)
      .values({
        id: destinationId,
        siteId: site.id,
        kind: "webhook",
        name: "retention",
        events: "lead.created",
        config: {},
        secret: "sealed",
        secretHint: "aled",
        createdAt: now,
        updatedAt: now,
      })
      .run();
    await deliver(site, message({ from: newPhone(), body: "hi" }));
    const lead = await db().select().from(leads).where(eq(leads.siteId, site.id)).get();
    let n = 0;
    const add = async (status: OutboxStatus, at: { updatedAt: number; sentAt?: number }) => {
      const id = `obx_${site.id}_${n++}`;
      await db()
        .insert(outbox)
        .values({
          id,
          siteId: site.id,
          destinationId,
          leadId: lead?.id ?? "",
          event: "lead.created",
          eventId: id,
          status,
          attempts: 1,
          maxAttempts: 8,
          createdAt: at.updatedAt - DAY,
          updatedAt: at.updatedAt,
          sentAt: at.sentAt ?? null,
        })
        .run();
      return id;
    };
    const left = async (ids: string[]) =>
      (await db().select({ id: outbox.id }).from(outbox).where(inArray(outbox.id, ids)).all())
        .map((r) => r.id)
        .sort();
    // Anything already expired in this database goes first, so the counts below are exact.
    await runRetention(db(), { now, batch: 100_000 });
    return { now, add, left };
  }

  it("deletes sent rows after 30 days, dead and skipped after 90, never pending or retrying", async () => {
    const { now, add, left } = await outboxFixture();
    const sentCut = now - OUTBOX_SENT_RETENTION_DAYS * DAY;
    const finalCut = now - OUTBOX_FINAL_RETENTION_DAYS * DAY;
    const ancient = now - 400 * DAY;
    const gone = [
      await add("sent", { updatedAt: sentCut - 1, sentAt: sentCut - 1 }),
      await add("dead", { updatedAt: finalCut - 1 }),
      await add("skipped", { updatedAt: finalCut - 1 }),
    ];
    const kept = [
      // Exactly at the boundary.
      await add("sent", { updatedAt: sentCut, sentAt: sentCut }),
      await add("dead", { updatedAt: finalCut }),
      await add("skipped", { updatedAt: finalCut }),
      // Sent recently, whatever else is old; dead and skipped count from when they became final.
      await add("sent", { updatedAt: ancient, sentAt: sentCut + DAY }),
      await add("dead", { updatedAt: sentCut - DAY }),
      // Never: rows still to be delivered.
      await add("pending", { updatedAt: ancient }),
      await add("retrying", { updatedAt: ancient, sentAt: ancient }),
    ];
    expect(await runRetention(db(), { now })).toMatchObject({ outbox: 3 });
    expect(await left([...gone, ...kept])).toEqual([...kept].sort());
    expect(await runRetention(db(), { now })).toMatchObject({ outbox: 0 });
  });

  it("deletes at most `batch` outbox rows per run; the next run continues", async () => {
    const { now, add, left } = await outboxFixture();
    const old = now - 365 * DAY;
    const ids = [
      await add("sent", { updatedAt: old, sentAt: old }),
      await add("dead", { updatedAt: old }),
      await add("skipped", { updatedAt: old }),
    ];
    expect(await runRetention(db(), { now, batch: 2 })).toMatchObject({ outbox: 2 });
    expect(await left(ids)).toHaveLength(1);
    expect(await runRetention(db(), { now, batch: 2 })).toMatchObject({ outbox: 1 });
    expect(await left(ids)).toEqual([]);
  });
});

describe("retention in the cron", () => {
  async function runCron(scheduledTime: number) {
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ cron: "*/5 * * * *", scheduledTime }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
  }

  it("runs in the first run of each hour only", async () => {
    const site = await createSite();
    const old = Date.now() - 100 * DAY;
    const insert = () =>
      db()
        .insert(clicks)
        .values({ siteId: site.id, ref: mintRef(), placement: "button", createdAt: old })
        .returning({ id: clicks.id })
        .get();
    const a = await insert();
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    await runCron(hour + 5 * 60_000);
    expect(await db().select().from(clicks).where(eq(clicks.id, a.id)).get()).toBeDefined();
    await runCron(hour);
    expect(await db().select().from(clicks).where(eq(clicks.id, a.id)).get()).toBeUndefined();
  });
});
