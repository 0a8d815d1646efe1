import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts, deliveries, leads } from "../../worker/db/schema";
import { RETRY_AFTER_MS } from "../../worker/inbound/retry-deliveries";
import worker from "../../worker/index";
import { createSite, db, envelope, message, newPhone } from "./helpers";

async function runCron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "*/5 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe("cron: deliveries whose processing never finished", () => {
  it("are processed by the sweep; fresh ones are left alone", async () => {
    const site = await createSite();
    const stalePhone = newPhone();
    const freshPhone = newPhone();
    const now = Date.now();
    const insert = (phone: string, receivedAt: number) =>
      db()
        .insert(deliveries)
        .values({
          id: `dlv_test_${phone}`,
          provider: "whatsapp",
          body: JSON.stringify(
            envelope(site.phoneNumberId, [message({ from: phone, body: "hi" })]),
          ),
          receivedAt,
        })
        .returning()
        .get();
    const stale = await insert(stalePhone, now - RETRY_AFTER_MS - 1000);
    const fresh = await insert(freshPhone, now);
    await runCron();
    const leadFor = async (phone: string) => {
      const c = await db().select().from(contacts).where(eq(contacts.waId, phone)).get();
      return c ? db().select().from(leads).where(eq(leads.contactId, c.id)).get() : undefined;
    };
    expect(await leadFor(stalePhone)).toMatchObject({ siteId: site.id, attribution: "none" });
    expect(await leadFor(freshPhone)).toBeUndefined();
    const rows = await db().select().from(deliveries).all();
    expect(rows.find((r) => r.id === stale.id)?.processedAt).not.toBeNull();
    expect(rows.find((r) => r.id === fresh.id)?.processedAt).toBeNull();
  });
});
