/**
 * Erasure finds a person in raw bodies by their ids, not by their username (consent/erase.ts): a
 * username is a word anyone may write, and another person's message that says it must neither be
 * stripped from a waiting delivery nor have its processed delivery deleted.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts, deliveries, messages } from "../../worker/db/schema";
import { retryUnprocessedDeliveries } from "../../worker/inbound/retry-deliveries";
import { findEverywhere } from "./consent-helpers";
import { apiSend } from "./forward-helpers";
import { createSite, db, newPhone } from "./helpers";
import { messageFrom, newUserId, say } from "./identity-helpers";

describe("erasure and a username that is also a word", () => {
  it("leaves another person's message saying it, processed or waiting", async () => {
    const site = await createSite();
    const erased = { userId: newUserId(), username: "hola" };
    const other = { phone: newPhone(), userId: newUserId() };
    await say(site, erased, { body: "Buenos días" });
    await say(site, other, { body: "hola" });
    const waiting = messageFrom(site, other, { body: "hola", id: `wamid.wait${other.phone}` });
    await db()
      .insert(deliveries)
      .values({
        id: "dlv_username_word",
        provider: "whatsapp",
        body: JSON.stringify(waiting),
        bodySha256: "sha-username-word",
        receivedAt: Date.now() - 3_600_000,
      })
      .run();
    const person = await db()
      .select()
      .from(contacts)
      .where(eq(contacts.userId, erased.userId))
      .get();
    const res = await apiSend(site, "DELETE", `/api/v1/contacts/${person?.publicId}`);
    expect(res.status).toBe(200);
    expect(await findEverywhere(erased.userId)).toEqual([]);
    const kept = await db().select().from(deliveries).all();
    expect(kept.filter((d) => d.body.includes(other.userId))).toHaveLength(2);
    await retryUnprocessedDeliveries(db(), undefined);
    const said = await db().select().from(messages).where(eq(messages.siteId, site.id)).all();
    expect(said.filter((m) => m.body === "hola")).toHaveLength(2);
  });
});
