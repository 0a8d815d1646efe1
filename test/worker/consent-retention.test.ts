import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mintRef } from "../../widget/protocol/ref-codec";
import { runRetention } from "../../worker/consent/retention";
import { clicks, deliveries, messages, sites } from "../../worker/db/schema";
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
    const mk = (id: string, processedAt: number | null) =>
      db()
        .insert(deliveries)
        .values({ id, provider: "whatsapp", body: "{}", receivedAt: now - 40 * DAY, processedAt })
        .run();
    await mk(`dlv_fresh_${site.id}`, now - 29 * DAY);
    await mk(`dlv_unprocessed_${site.id}`, null);

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
        inArray(deliveries.id, [deliveryId, `dlv_fresh_${site.id}`, `dlv_unprocessed_${site.id}`]),
      )
      .all();
    expect(dl.map((d) => d.id).sort()).toEqual(
      [`dlv_fresh_${site.id}`, `dlv_unprocessed_${site.id}`].sort(),
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
