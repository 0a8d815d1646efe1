import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parseWhatsAppDelivery } from "../../worker/adapters/whatsapp/payload";
import { getDb } from "../../worker/db/client";
import { contacts, deliveries, leads } from "../../worker/db/schema";
import { INLINE_MESSAGES_MAX, ingestDelivery } from "../../worker/inbound/process-delivery";
import { call, createSite, db, envelope, message, newPhone, webhookRequest } from "./helpers";
import { messagesFrom } from "./message-rows";

/** A drizzle client whose D1 binding runs `batch` through `fn` (to count or fail batches). */
function withBatch(fn: (statements: D1PreparedStatement[]) => Promise<D1Result[]>) {
  const d1 = new Proxy(env.DB, {
    get: (target, key) => (key === "batch" ? fn : Reflect.get(target, key).bind(target)),
  });
  return getDb(d1);
}

function parsedFor(body: string) {
  const parsed = parseWhatsAppDelivery(JSON.parse(body));
  if (!parsed) throw new Error("not an envelope");
  return parsed;
}

async function leadCount(phones: string[]) {
  const rows = await db()
    .select({ id: contacts.id })
    .from(contacts)
    .where(inArray(contacts.waId, phones))
    .all();
  if (!rows.length) return 0;
  const ids = rows.map((r) => r.id);
  return (await db().select().from(leads).where(inArray(leads.contactId, ids)).all()).length;
}

/** A new site and the raw delivery of one "hi" from a new phone to it. */
async function hello() {
  const site = await createSite();
  const phone = newPhone();
  const body = JSON.stringify(envelope(site.phoneNumberId, [message({ from: phone, body: "hi" })]));
  return { phone, body };
}

describe("ingestDelivery", () => {
  it("stores the raw delivery and records its messages in one batch", async () => {
    const { phone, body } = await hello();
    let batches = 0;
    const counting = withBatch((statements) => {
      batches++;
      return env.DB.batch(statements);
    });
    const result = await ingestDelivery(
      counting,
      env.FORWARD_QUEUE,
      "whatsapp",
      body,
      parsedFor(body),
    );
    expect(result).toEqual({ outcome: "processed" });
    expect(batches).toBe(1);
    expect(await leadCount([phone])).toBe(1);
  });

  it("when the batch fails, keeps the raw delivery and processes it afterwards", async () => {
    const { phone, body } = await hello();
    let failures = 1;
    const flaky = withBatch((statements) =>
      failures-- > 0
        ? Promise.reject(new Error("D1_ERROR: storage caused object to be reset"))
        : env.DB.batch(statements),
    );
    const result = await ingestDelivery(
      flaky,
      env.FORWARD_QUEUE,
      "whatsapp",
      body,
      parsedFor(body),
    );
    expect(result.outcome).toBe("stored");
    const stored = await db().select().from(deliveries).where(eq(deliveries.body, body)).get();
    expect(stored?.body).toBe(body);
    expect(await leadCount([phone])).toBe(0);
    await result.later?.();
    expect(await leadCount([phone])).toBe(1);
    const after = await db().select().from(deliveries).where(eq(deliveries.body, body)).get();
    expect(after?.processedAt).not.toBeNull();
  });

  it(`a delivery with more than ${INLINE_MESSAGES_MAX} messages is stored first, then recorded in chunks`, async () => {
    const site = await createSite();
    const phones = Array.from({ length: 2 * INLINE_MESSAGES_MAX + 5 }, () => newPhone());
    const body = JSON.stringify(
      envelope(
        site.phoneNumberId,
        phones.map((p) => message({ from: p, body: "hello" })),
      ),
    );
    const result = await ingestDelivery(db(), env.FORWARD_QUEUE, "whatsapp", body, parsedFor(body));
    expect(result.outcome).toBe("stored");
    await result.later?.();
    expect(await leadCount(phones)).toBe(new Set(phones).size);
    const row = await db().select().from(deliveries).where(eq(deliveries.body, body)).get();
    expect(row?.processedAt).not.toBeNull();
  });
});

describe("replays", () => {
  it("a byte-identical signed body posted twice is stored once; its messages once; both 200", async () => {
    const site = await createSite();
    const phone = newPhone();
    const body = JSON.stringify(
      envelope(site.phoneNumberId, [message({ from: phone, body: "hi, replay me" })]),
    );
    for (let i = 0; i < 2; i++) expect((await call(await webhookRequest(body))).status).toBe(200);
    expect(
      await db().select().from(deliveries).where(eq(deliveries.body, body)).all(),
    ).toHaveLength(1);
    const recorded = await messagesFrom(phone);
    expect(recorded).toHaveLength(1);
    expect(await leadCount([phone])).toBe(1);
    // One changed byte is another delivery.
    const other = body.replace("replay me", "replay m3");
    expect((await call(await webhookRequest(other))).status).toBe(200);
    expect(
      await db().select().from(deliveries).where(eq(deliveries.body, other)).all(),
    ).toHaveLength(1);
  });

  it("a replay of a delivery stored alone (unprocessed) is not stored again", async () => {
    const site = await createSite();
    const phones = Array.from({ length: INLINE_MESSAGES_MAX + 1 }, () => newPhone());
    const body = JSON.stringify(
      envelope(
        site.phoneNumberId,
        phones.map((from) => message({ from, body: "hi" })),
      ),
    );
    // Too large for one batch: stored first; the replay's insert finds it.
    const first = await ingestDelivery(db(), undefined, "whatsapp", body, parsedFor(body));
    const second = await ingestDelivery(db(), undefined, "whatsapp", body, parsedFor(body));
    expect(first.outcome).toBe("stored");
    expect(second).toEqual({ outcome: "stored" });
    await first.later?.();
    const rows = await db().select().from(deliveries).where(eq(deliveries.body, body)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.processedAt).not.toBeNull();
    expect(await leadCount(phones)).toBe(phones.length);
  });
});
