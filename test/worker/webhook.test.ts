import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts, deliveries, leads, messages } from "../../worker/db/schema";
import statusFailed from "../fixtures/whatsapp-status-failed.json?raw";
import statusSent from "../fixtures/whatsapp-status-sent.json?raw";
import textMessage from "../fixtures/whatsapp-text-message.json?raw";
import { call, createSite, db, envelope, message, newPhone, webhookRequest } from "./helpers";
import { messagesFrom } from "./message-rows";

describe("GET /webhooks/whatsapp (verify handshake)", () => {
  const url = (token: string) =>
    `https://chatref.test/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${token}`;

  it("answers the challenge for the right token", async () => {
    const res = await call(new Request(url("test-verify-token")));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("1158201444");
  });

  it("403 for a wrong token", async () => {
    const res = await call(new Request(url("wrong")));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("403 for a prefix, an extension, an empty or a missing token (compared whole)", async () => {
    for (const token of ["test-verify-toke", "test-verify-tokenx", "", "TEST-VERIFY-TOKEN"]) {
      expect((await call(new Request(url(token)))).status, token).toBe(403);
    }
    const missing = "https://chatref.test/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1";
    expect((await call(new Request(missing))).status).toBe(403);
  });
});

describe("POST /webhooks/whatsapp", () => {
  const deliveryCount = async () =>
    (await db().select({ n: count() }).from(deliveries).get())?.n ?? 0;

  it("accepts a correctly signed delivery and stores the raw bytes", async () => {
    const site = await createSite();
    const body = JSON.stringify(
      envelope(site.phoneNumberId, [message({ from: newPhone(), body: "hello" })]),
    );
    const res = await call(await webhookRequest(body));
    expect(res.status).toBe(200);
    const stored = await db().select().from(deliveries).orderBy(deliveries.id).all();
    const row = stored.at(-1);
    expect(row?.body).toBe(body);
    expect(row?.processedAt).not.toBeNull();
  });

  it.each([
    ["missing", ""],
    ["wrong secret", "other-secret"],
    ["malformed", "sha256=xyz"],
  ])("401 and nothing stored when the signature is %s", async (_, secretOrHeader) => {
    const site = await createSite();
    const body = JSON.stringify(
      envelope(site.phoneNumberId, [message({ from: newPhone(), body: "hi" })]),
    );
    const before = await deliveryCount();
    const req =
      secretOrHeader === "other-secret"
        ? await webhookRequest(body, "other-secret")
        : await webhookRequest(body, undefined, secretOrHeader);
    const res = await call(req);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
    expect(await deliveryCount()).toBe(before);
  });

  it("rejects a body whose bytes differ from the signed ones", async () => {
    const site = await createSite();
    const signed = JSON.stringify(
      envelope(site.phoneNumberId, [message({ from: newPhone(), body: "Привет" })]),
    );
    const good = await webhookRequest(signed);
    const tampered = new Request(good, { body: signed.replace("Привет", "Пока!!") });
    expect((await call(tampered)).status).toBe(401);
  });

  it("malformed JSON with a valid signature → 400 and nothing written", async () => {
    const before = await deliveryCount();
    const res = await call(
      await webhookRequest('{"object": "whatsapp_business_account", "entry": ['),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_json" } });
    expect(await deliveryCount()).toBe(before);
  });

  it("valid JSON that is not an envelope → 400 and nothing written", async () => {
    const before = await deliveryCount();
    const res = await call(await webhookRequest('{"hello": "world"}'));
    expect(res.status).toBe(400);
    expect(await deliveryCount()).toBe(before);
  });

  it("processes the official text-message fixture signed over its raw bytes", async () => {
    const raw = textMessage;
    const phoneNumberId = JSON.parse(raw).entry[0].changes[0].value.metadata
      .phone_number_id as string;
    const { sites } = await import("../../worker/db/schema");
    await db()
      .insert(sites)
      .values({
        id: "site_fixture",
        key: "fixture",
        name: "Fixture",
        waNumber: "15550783881",
        phoneNumberId,
        createdAt: Date.now(),
      })
      .onConflictDoNothing()
      .run();
    const res = await call(await webhookRequest(raw));
    expect(res.status).toBe(200);
    const wamid = JSON.parse(raw).entry[0].changes[0].value.messages[0].id as string;
    const row = await db()
      .select()
      .from(messages)
      .where(eq(messages.providerMessageId, wamid))
      .get();
    expect(row).toMatchObject({ siteId: "site_fixture", type: "text" });
    expect(row?.body).toBe(JSON.parse(raw).entry[0].changes[0].value.messages[0].text.body);
  });

  it("accepts status-only deliveries (official fixtures) without creating anything", async () => {
    for (const raw of [statusSent, statusFailed]) {
      const res = await call(await webhookRequest(raw));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ received: true, messages: 0, statuses: 1 });
    }
  });

  it("handles a batch: many entries, changes, messages and contacts", async () => {
    const a = await createSite();
    const b = await createSite();
    const phones = [newPhone(), newPhone(), newPhone()];
    const e1 = envelope(a.phoneNumberId, [
      message({ from: phones[0] as string, body: "one" }),
      message({ from: phones[1] as string, body: "two" }),
    ]);
    const e2 = envelope(b.phoneNumberId, [message({ from: phones[2] as string, body: "three" })]);
    const body = {
      object: e1.object,
      entry: [
        ...e1.entry,
        { id: "2", changes: [...(e2.entry[0]?.changes ?? []), ...(e1.entry[0]?.changes ?? [])] },
      ],
    };
    const res = await call(await webhookRequest(JSON.stringify(body)));
    expect(res.status).toBe(200);
    const leadsA = await db().select().from(leads).where(eq(leads.siteId, a.id)).all();
    const leadsB = await db().select().from(leads).where(eq(leads.siteId, b.id)).all();
    expect(leadsA).toHaveLength(2);
    expect(leadsB).toHaveLength(1);
    const named = await db()
      .select()
      .from(contacts)
      .where(eq(contacts.waId, phones[2] as string))
      .get();
    expect(named?.name).toBe(`Name ${phones[2]}`);
  });

  it("accepts unknown message types and odd items without failing the batch", async () => {
    const site = await createSite();
    const phone = newPhone();
    const body = envelope(site.phoneNumberId, [
      message({ from: phone, type: "hologram", extra: { hologram: { shape: "cube" } } }),
      { nonsense: true } as unknown as ReturnType<typeof message>,
      message({ from: phone, type: "image", extra: { image: { id: "1", caption: "look" } } }),
    ]);
    const res = await call(await webhookRequest(JSON.stringify(body)));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ messages: 2 });
    const rows = await messagesFrom(phone);
    expect(rows.map((r) => r.type).sort()).toEqual(["hologram", "image"]);
    expect(rows.find((r) => r.type === "image")?.body).toBe("look");
  });

  it("de-duplicates on the message id: ten concurrent deliveries → one message, one lead", async () => {
    const site = await createSite();
    const phone = newPhone();
    const body = JSON.stringify(
      envelope(site.phoneNumberId, [
        message({ from: phone, id: `wamid.dup-${phone}`, body: "hi" }),
      ]),
    );
    const responses = await Promise.all(
      Array.from({ length: 10 }, async () => call(await webhookRequest(body))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const contact = await db().select().from(contacts).where(eq(contacts.waId, phone)).all();
    expect(contact).toHaveLength(1);
    expect(
      await db()
        .select()
        .from(messages)
        .where(eq(messages.providerMessageId, `wamid.dup-${phone}`))
        .all(),
    ).toHaveLength(1);
    expect(
      await db()
        .select()
        .from(leads)
        .where(eq(leads.contactId, contact[0]?.id ?? -1))
        .all(),
    ).toHaveLength(1);
    // Byte-identical bodies are one delivery (replays are stored once), marked processed.
    const raw = await db().select().from(deliveries).where(eq(deliveries.body, body)).all();
    expect(raw).toHaveLength(1);
    expect(raw.every((r) => r.processedAt !== null)).toBe(true);
  });

  it("ignores deliveries for numbers no site owns, but keeps them", async () => {
    const body = JSON.stringify(
      envelope("999999999999999", [message({ from: newPhone(), body: "hi" })]),
    );
    const before = await deliveryCount();
    expect((await call(await webhookRequest(body))).status).toBe(200);
    expect(await deliveryCount()).toBe(before + 1);
  });
});
