/**
 * Messenger / Instagram deliveries after they arrived: erasing a contact strips its items from a
 * delivery still waiting (consent/erase.ts finds it by the page's connection; stored-formats.ts
 * redacts it), and the cron sweep parses a stored body again (inbound/retry-deliveries.ts).
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parseMetaMessaging } from "../../worker/adapters/meta-messaging/messaging";
import { redactMetaMessaging } from "../../worker/adapters/meta-messaging/redact";
import { contactIdentities, contacts, deliveries } from "../../worker/db/schema";
import { retryUnprocessedDeliveries } from "../../worker/inbound/retry-deliveries";
import { apiSend } from "./forward-helpers";
import { click, createSite, db } from "./helpers";
import {
  connectAccount,
  leadsOf,
  type MetaApp,
  metaBody,
  newSender,
  postbackItem,
  sendMeta,
  storedOf,
  textItem,
} from "./meta-messaging-helpers";

/** Stores `body` as a delivery of the account that waits for the sweep. */
async function storeWaiting(app: MetaApp, account: string, body: unknown, tag: string) {
  await db()
    .insert(deliveries)
    .values({
      id: `dlv_wait_${tag}_${account}`,
      provider: `${app}:${account}`,
      body: JSON.stringify(body),
      bodySha256: `wait-${tag}-${account}`,
      receivedAt: Date.now() - 3_600_000,
    })
    .run();
}

describe("Messenger / Instagram deliveries later", () => {
  it("erasing a Messenger contact strips it from a waiting delivery, which then adds only the others", async () => {
    const site = await createSite();
    const page = await connectAccount(site, "messenger");
    const gone = newSender();
    const other = newSender();
    await sendMeta("messenger", metaBody("messenger", page, textItem(gone, page, "I am Zlata")));
    const [lead] = await leadsOf(site);
    await storeWaiting(
      "messenger",
      page,
      metaBody("messenger", page, textItem(gone, page, "Zlata again"), textItem(other, page, "hi")),
      "erase",
    );
    const erased = await apiSend(site, "DELETE", `/api/v1/contacts/${lead?.contact.id}`);
    expect(erased.status).toBe(200);
    const left = await storedOf("messenger", page);
    expect(left).toHaveLength(1);
    expect(left[0]?.body).not.toContain(gone);
    expect(left[0]?.body).not.toContain("Zlata");
    expect(left[0]?.body).toContain(other);
    await retryUnprocessedDeliveries(db(), undefined);
    const people = await db().select().from(contacts).where(eq(contacts.siteId, site.id)).all();
    expect(people).toHaveLength(2);
    expect(people.filter((p) => p.erasedAt !== null)).toHaveLength(1);
    const ids = await db()
      .select()
      .from(contactIdentities)
      .where(eq(contactIdentities.siteId, site.id))
      .all();
    expect(ids.map((i) => i.value)).toEqual([other]);
  });

  it("the cron sweep parses a stored Instagram body and attributes its ref", async () => {
    const site = await createSite();
    const account = await connectAccount(site, "instagram");
    const ref = await click(site, { utm_source: "ig", utm_medium: "social" });
    const sender = newSender();
    await storeWaiting(
      "instagram",
      account,
      metaBody("instagram", account, postbackItem(sender, account, ref)),
      "retry",
    );
    await retryUnprocessedDeliveries(db(), undefined);
    expect(await leadsOf(site)).toMatchObject([
      { channel: "instagram", ref, attribution: "ref", touch: { utm_source: "ig" } },
    ]);
    const [row] = await storedOf("instagram", account);
    expect(row?.processedAt).not.toBeNull();
    expect(row?.error ?? null).toBeNull();
  });

  it("redaction keeps the envelope parseable and leaves other bodies unchanged", () => {
    const body = JSON.stringify(metaBody("instagram", "1", textItem("42", "1", "x")));
    expect(redactMetaMessaging(body, ["43"])).toBeNull();
    const redacted = redactMetaMessaging(body, ["42"]) ?? "";
    expect(redacted).not.toContain('"42"');
    expect(JSON.parse(redacted)).toMatchObject({ object: "instagram", entry: [{ messaging: [] }] });
    expect(parseMetaMessaging(JSON.parse(redacted), "instagram")).toEqual({
      messages: [],
      statuses: 0,
      skipped: 0,
    });
  });
});
