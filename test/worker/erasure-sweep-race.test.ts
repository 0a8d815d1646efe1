/**
 * Erasure wins over the retry sweep (inbound/retry-deliveries.ts): a delivery the sweep picked up
 * is processed from its body as stored when its turn comes, so an erasure that stripped the
 * person from it meanwhile (consent/erase.ts) is not undone by the copy the sweep read earlier.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { redactDeliveryBody } from "../../worker/adapters/whatsapp/redact";
import { contacts, deliveries } from "../../worker/db/schema";
import { retryUnprocessedDeliveries } from "../../worker/inbound/retry-deliveries";
import { createSite, db, envelope, message, newPhone } from "./helpers";

afterEach(() => env.DB.prepare("drop trigger if exists erase_during_sweep").run());

describe("the retry sweep and an erasure running meanwhile", () => {
  it("processes a waiting delivery as the erasure left it, adding no one back", async () => {
    const site = await createSite();
    const [other, erased] = [newPhone(), newPhone()];
    const body = (phone: string) =>
      JSON.stringify(envelope(site.phoneNumberId, [message({ from: phone, body: "hi" })]));
    const hourAgo = Date.now() - 3_600_000;
    await db()
      .insert(deliveries)
      .values([
        { id: "dlv_race_first", provider: "whatsapp", body: body(other), receivedAt: hourAgo },
        {
          id: "dlv_race_erased",
          provider: "whatsapp",
          body: body(erased),
          receivedAt: hourAgo + 1,
        },
      ])
      .run();
    // While the sweep processes the first delivery, the person of the second is erased: the
    // erasure strips them from the waiting body (as consent/erase.ts does).
    const stripped = redactDeliveryBody(body(erased), [erased]) ?? "";
    expect(stripped).not.toContain(erased);
    await env.DB.prepare(
      `create trigger erase_during_sweep after update of processed_at on deliveries
       when new.id = 'dlv_race_first' and new.processed_at is not null
       begin update deliveries set body = '${stripped.replaceAll("'", "''")}' where id = 'dlv_race_erased'; end`,
    ).run();
    await retryUnprocessedDeliveries(db(), undefined);
    const people = await db().select().from(contacts).where(eq(contacts.siteId, site.id)).all();
    expect(people.map((c) => c.waId)).toEqual([other]);
    const rows = await db()
      .select()
      .from(deliveries)
      .where(eq(deliveries.id, "dlv_race_erased"))
      .all();
    expect(rows[0]?.processedAt).not.toBeNull();
  });
});
