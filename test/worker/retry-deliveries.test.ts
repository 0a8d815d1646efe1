import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts, deliveries, leads } from "../../worker/db/schema";
import {
  MAX_DELIVERY_ATTEMPTS,
  RETRY_AFTER_MS,
  RETRY_BATCH,
  retryUnprocessedDeliveries,
} from "../../worker/inbound/retry-deliveries";
import worker from "../../worker/index";
import { createSite, db, envelope, message, newPhone, type TestSite } from "./helpers";

async function runCron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "*/5 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

let n = 0;
/** Stores an unprocessed delivery directly, as if its processing never finished. */
function storeRaw(
  body: string,
  receivedAt: number,
  extra: Partial<typeof deliveries.$inferInsert> = {},
) {
  return db()
    .insert(deliveries)
    .values({
      id: `dlv_test_${Date.now()}_${n++}`,
      provider: "whatsapp",
      body,
      receivedAt,
      ...extra,
    })
    .returning()
    .get();
}

/** Stores `count` unprocessed deliveries in one statement; returns their ids. */
async function storeMany(
  count: number,
  row: (i: number) => [body: string, receivedAt: number],
  extra: Partial<typeof deliveries.$inferInsert> = {},
) {
  const values = Array.from({ length: count }, (_, i) => {
    const [body, receivedAt] = row(i);
    return {
      id: `dlv_test_${Date.now()}_${n++}`,
      provider: "whatsapp",
      body,
      receivedAt,
      ...extra,
    };
  });
  // D1 binds at most 100 parameters per statement: insert in slices.
  for (let i = 0; i < values.length; i += 10)
    await db()
      .insert(deliveries)
      .values(values.slice(i, i + 10))
      .run();
  return values.map((v) => v.id);
}

const goodBody = (site: TestSite, phone: string) =>
  JSON.stringify(envelope(site.phoneNumberId, [message({ from: phone, body: "hi" })]));

async function leadFor(phone: string) {
  const c = await db().select().from(contacts).where(eq(contacts.waId, phone)).get();
  return c ? db().select().from(leads).where(eq(leads.contactId, c.id)).get() : undefined;
}

const rowsOf = (ids: string[]) =>
  db().select().from(deliveries).where(inArray(deliveries.id, ids)).all();

describe("cron: deliveries whose processing never finished", { timeout: 30_000 }, () => {
  it("are processed by the sweep; fresh ones are left alone", async () => {
    const site = await createSite();
    const stalePhone = newPhone();
    const freshPhone = newPhone();
    const now = Date.now();
    const stale = await storeRaw(goodBody(site, stalePhone), now - RETRY_AFTER_MS - 1000);
    const fresh = await storeRaw(goodBody(site, freshPhone), now);
    await runCron();
    expect(await leadFor(stalePhone)).toMatchObject({ siteId: site.id, attribution: "none" });
    expect(await leadFor(freshPhone)).toBeUndefined();
    const rows = await rowsOf([stale.id, fresh.id]);
    expect(rows.find((r) => r.id === stale.id)).toMatchObject({ attempts: 1, error: null });
    expect(rows.find((r) => r.id === stale.id)?.processedAt).not.toBeNull();
    expect(rows.find((r) => r.id === fresh.id)?.processedAt).toBeNull();
  });

  it("50 poison deliveries never stall it: the newer good one is processed at once, the poison set aside", async () => {
    const site = await createSite();
    let now = Date.now();
    const old = now - RETRY_AFTER_MS - 60_000;
    // Bodies that throw in processing: not JSON, and JSON that is no delivery.
    const poison = await storeMany(50, (i) => [
      i % 2 ? `{"entry": [${i}` : `{"not":"a delivery","i":${i}}`,
      old + i,
    ]);
    const phone = newPhone();
    const good = await storeRaw(goodBody(site, phone), old + 1000);
    expect(await retryUnprocessedDeliveries(db(), undefined, now)).toBe(1);
    expect(await leadFor(phone)).toMatchObject({ siteId: site.id });
    expect((await rowsOf([good.id]))[0]?.processedAt).not.toBeNull();
    let rows = await rowsOf(poison);
    expect(rows).toHaveLength(50);
    for (const row of rows) {
      expect(row).toMatchObject({ attempts: 1, processedAt: null, failedAt: null });
      expect(row.error).toBeTruthy();
      expect(row.nextAttemptAt).toBeGreaterThan(now);
    }
    // Not due yet: the next sweep at the same time leaves them alone.
    await retryUnprocessedDeliveries(db(), undefined, now);
    expect((await rowsOf(poison)).every((r) => r.attempts === 1)).toBe(true);
    // Each later sweep, once they are due, counts one more attempt; the last one sets them aside.
    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      now = Math.max(...(await rowsOf(poison)).map((r) => r.nextAttemptAt ?? 0));
      await retryUnprocessedDeliveries(db(), undefined, now);
      rows = await rowsOf(poison);
      expect(rows.every((r) => r.attempts === attempt)).toBe(true);
    }
    for (const row of rows) expect(row.failedAt).toBe(now);
    // Set aside: never tried again, and still in the table with its error.
    await retryUnprocessedDeliveries(db(), undefined, now + 86_400_000);
    rows = await rowsOf(poison);
    expect(rows.every((r) => r.attempts === MAX_DELIVERY_ATTEMPTS && r.error)).toBe(true);
  });

  it("a full batch of retried poison rows does not go ahead of a fresh delivery", async () => {
    const site = await createSite();
    const now = Date.now();
    const old = now - RETRY_AFTER_MS - 60_000;
    await storeMany(RETRY_BATCH, (i) => ["not json", old + i], { attempts: 1, nextAttemptAt: now });
    const phone = newPhone();
    await storeRaw(goodBody(site, phone), old + RETRY_BATCH);
    expect(await retryUnprocessedDeliveries(db(), undefined, now)).toBe(1);
    expect(await leadFor(phone)).toMatchObject({ siteId: site.id });
  });

  it("a delivery whose last claimed attempt never reported back is set aside", async () => {
    const now = Date.now();
    const row = await storeRaw("{}", now - RETRY_AFTER_MS - 60_000, {
      attempts: MAX_DELIVERY_ATTEMPTS,
      nextAttemptAt: now - 1,
    });
    await retryUnprocessedDeliveries(db(), undefined, now);
    expect((await rowsOf([row.id]))[0]).toMatchObject({
      failedAt: now,
      error: "processing never finished",
      attempts: MAX_DELIVERY_ATTEMPTS,
    });
  });
});
