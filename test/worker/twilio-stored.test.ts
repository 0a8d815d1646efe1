/**
 * A stored Twilio form (deliveries.body: JSON of the form, adapters/twilio/message.ts): the cron
 * sweep parses it again through the Twilio adapter, and erasure strips a waiting one so the
 * sweep cannot bring the person back.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { storeTwilioForm } from "../../worker/adapters/twilio/message";
import { contacts, deliveries, messages } from "../../worker/db/schema";
import { retryUnprocessedDeliveries } from "../../worker/inbound/retry-deliveries";
import { apiSend } from "./forward-helpers";
import { api, click, db, leadRowsOf, newPhone } from "./helpers";
import {
  sendTwilio,
  siteWithTwilio,
  storedFor,
  type TestTwilio,
  twilioForm,
} from "./twilio-helpers";

/** Stores `form` as a delivery the inline processing never finished. */
async function storeWaiting(conn: TestTwilio, form: Record<string, string>, id: string) {
  await db()
    .insert(deliveries)
    .values({
      id,
      provider: `twilio:${conn.to}`,
      body: storeTwilioForm(form),
      bodySha256: `sha-${id}`,
      receivedAt: Date.now() - 3_600_000,
    })
    .run();
}

describe("stored Twilio forms", () => {
  it("the cron sweep processes a stored form through the Twilio adapter", async () => {
    const { site, conn } = await siteWithTwilio();
    const ref = await click(site, { utm_source: "sweep" });
    const form = twilioForm(conn, newPhone(), `Hello ${ref}`);
    await storeWaiting(conn, form, `dlv_tw_${conn.connectionId}`);
    await retryUnprocessedDeliveries(db(), undefined);
    const [row] = await storedFor(conn.to);
    expect(row?.processedAt).not.toBeNull();
    expect(row?.error).toBeNull();
    const found = await leadRowsOf(site.id);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ attribution: "ref", chatApp: "whatsapp", provider: "twilio" });
    const [msg] = await db().select().from(messages).where(eq(messages.siteId, site.id)).all();
    expect(msg?.providerMessageId).toBe(form.MessageSid);
  });

  it("erasure deletes processed forms and strips a waiting one, which then adds no one", async () => {
    const { site, conn } = await siteWithTwilio();
    const waId = newPhone();
    const first = twilioForm(conn, waId, "Hi, Zlata here", { ProfileName: "Zlata" });
    expect((await sendTwilio(conn, first)).status).toBe(200);
    const page = (await (await api(site, "/api/v1/leads")).json()) as {
      data: { contact: { id: string } }[];
    };
    const contactId = page.data[0]?.contact.id as string;
    const later = twilioForm(conn, waId, "Zlata again", { ProfileName: "Zlata" });
    await storeWaiting(conn, later, `dlv_twwait_${conn.connectionId}`);
    const erased = await apiSend(site, "DELETE", `/api/v1/contacts/${contactId}`);
    expect(erased.status).toBe(200);
    const left = await storedFor(conn.to);
    expect(left).toHaveLength(1);
    for (const row of left) {
      expect(row.body).not.toContain(waId);
      expect(row.body).not.toContain("Zlata");
    }
    await retryUnprocessedDeliveries(db(), undefined);
    const people = await db().select().from(contacts).where(eq(contacts.siteId, site.id)).all();
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ waId: null, name: null });
    expect(people[0]?.erasedAt).not.toBeNull();
    const texts = await db().select().from(messages).where(eq(messages.siteId, site.id)).all();
    expect(texts.every((m) => m.body === null)).toBe(true);
    expect(await leadRowsOf(site.id)).toHaveLength(1);
  });
});
