/**
 * Erasure wins over a redelivery: a provider that delivers an erased person's message again
 * (a retried webhook, after the erasure deleted the processed body) must not create them again.
 * The message's hashed id (consent/erased-messages.ts) recognises it (looked up for a message
 * sent more than FRESH_MS ago); a new message from the same number is a new conversation and is
 * recorded.
 */
import { describe, expect, it } from "vitest";
import { deliveries } from "../../worker/db/schema";
import { retryUnprocessedDeliveries } from "../../worker/inbound/retry-deliveries";
import { contactOf, findEverywhere } from "./consent-helpers";
import {
  call,
  click,
  createSite,
  db,
  deliver,
  envelope,
  listLeads,
  message,
  newPhone,
} from "./helpers";

const erase = (site: { apiKey: string }, id: string) =>
  call(
    new Request(`https://chatref.test/api/v1/contacts/${id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${site.apiKey}` },
    }),
  );

describe("a message delivered again after its sender was erased", () => {
  it("brings no one back; a new message from the number is a new contact", async () => {
    const site = await createSite();
    const phone = newPhone();
    const ref = await click(site, { utm_source: "google" });
    // Sent five minutes ago: a redelivery comes late (fresh messages are not looked up).
    const first = message({
      from: phone,
      id: `wamid.${btoa(`\x18\x0b${phone}\x15\x02\x001`)}`,
      body: `Hi ${ref}`,
      timestamp: Math.floor(Date.now() / 1000) - 300,
    });
    expect((await deliver(site, first)).status).toBe(200);
    expect(await listLeads(site)).toHaveLength(1);
    const contact = await contactOf(site, phone);
    expect((await erase(site, contact?.publicId ?? "")).status).toBe(200);
    expect(await findEverywhere(phone)).toEqual([]);

    // The same message again (the erasure deleted its processed body, so it is stored anew).
    expect((await deliver(site, first)).status).toBe(200);
    expect(await findEverywhere(phone)).toEqual([]);
    expect(await listLeads(site)).toHaveLength(1);

    // The same message kept for the retry sweep (stored, not processed): the sweep drops it too,
    // and takes the person out of the stored body.
    const hourAgo = Date.now() - 3_600_000;
    const body = JSON.stringify(envelope(site.phoneNumberId, [first]));
    await db()
      .insert(deliveries)
      .values({ id: "dlv_again_erased", provider: "whatsapp", body, receivedAt: hourAgo })
      .run();
    await retryUnprocessedDeliveries(db(), undefined);
    expect(await findEverywhere(phone)).toEqual([]);
    expect(await listLeads(site)).toHaveLength(1);

    // The person writes again: a new message, a new contact and lead.
    expect((await deliver(site, message({ from: phone, body: "Hello again" }))).status).toBe(200);
    expect(await contactOf(site, phone)).toBeDefined();
    expect(await listLeads(site)).toHaveLength(2);
  });
});
