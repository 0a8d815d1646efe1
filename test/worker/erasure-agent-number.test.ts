/**
 * Erasure of a person who wrote to one of the site's further Cloud API numbers (an agent's,
 * connected as a `whatsapp` connection): their deliveries are stored under the bare provider
 * `whatsapp` and name that number's id, not the site's own, yet they are the site's and must be
 * found (consent/erase.ts) — deleted once processed, stripped while waiting for the sweep.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts, deliveries } from "../../worker/db/schema";
import { retryUnprocessedDeliveries } from "../../worker/inbound/retry-deliveries";
import { envelope, message } from "../support/whatsapp-envelope";
import { connectCloudNumber, writeTo } from "./agent-helpers";
import { findEverywhere } from "./consent-helpers";
import { apiSend } from "./forward-helpers";
import { createSite, db } from "./helpers";

describe("erasure on a site's further Cloud API number", () => {
  it("deletes the processed deliveries and strips a waiting one, which then adds no one", async () => {
    const site = await createSite();
    const agent = await connectCloudNumber(site);
    const phone = await writeTo(agent, "Hello, Mirela here");
    // A later message of the same person, stored but not processed yet (its `waitUntil` died).
    const waiting = envelope(
      agent.phoneNumberId,
      [message({ from: phone, body: "Mirela again", id: `wamid.wait${agent.phoneNumberId}` })],
      [],
      { [phone]: "Mirela" },
      agent.number,
    );
    await db()
      .insert(deliveries)
      .values({
        id: `dlv_agent_wait_${agent.phoneNumberId}`,
        provider: "whatsapp",
        body: JSON.stringify(waiting),
        bodySha256: `sha-agent-${agent.phoneNumberId}`,
        receivedAt: Date.now() - 3_600_000,
      })
      .run();
    const [person] = await db().select().from(contacts).where(eq(contacts.siteId, site.id)).all();
    const erased = await apiSend(site, "DELETE", `/api/v1/contacts/${person?.publicId}`);
    expect(erased.status).toBe(200);
    expect(await findEverywhere(phone, "Mirela")).toEqual([]);
    await retryUnprocessedDeliveries(db(), undefined);
    const people = await db().select().from(contacts).where(eq(contacts.siteId, site.id)).all();
    expect(people).toHaveLength(1);
    expect(people[0]?.erasedAt).not.toBeNull();
    expect(await findEverywhere(phone, "Mirela")).toEqual([]);
  });
});
