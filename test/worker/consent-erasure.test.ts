import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { optinVersion } from "../../widget/protocol/optin-version";
import { auditLog, contacts, leads } from "../../worker/db/schema";
import { contactOf, deliverPreference, eventsOf, findEverywhere } from "./consent-helpers";
import { api, call, clickRequest, createSite, db, deliver, message, newPhone } from "./helpers";
import { messagesOf } from "./message-rows";

const req = (site: { apiKey: string }, path: string, method = "GET", key = site.apiKey) =>
  call(
    new Request(`https://chatref.test${path}`, {
      method,
      headers: { authorization: `Bearer ${key}` },
    }),
  );

describe("DELETE /api/v1/contacts/:id", () => {
  it("erases the phone number from every table and column, keeps anonymous counts, audits", {
    timeout: 60_000,
  }, async () => {
    const site = await createSite();
    const phone = newPhone();
    const text = "I agree to receive offers from Shop.";
    const { ref, request } = clickRequest(site, { utm_source: "google" }, undefined, {
      optin: { state: "granted", v: optinVersion(text), text },
    });
    await call(request);
    // Real wamids are base64 of a structure that holds the sender's number.
    const wamid = (n: number) => `wamid.${btoa(`\x18\x0b${phone}\x15\x02\x00${n}`)}`;
    await deliver(
      site,
      message({ from: phone, id: wamid(1), body: `My number is ${phone} (Ref: ${ref})` }),
    );
    await deliver(site, message({ from: phone, id: wamid(2), body: "STOP" }));
    await deliverPreference(site, phone, "resume", Math.floor(Date.now() / 1000));
    const before = await findEverywhere(phone);
    expect(await findEverywhere(wamid(1))).toEqual(
      expect.arrayContaining([
        "messages.provider_message_id",
        "leads.first_message_id",
        "touches.message_id",
      ]),
    );
    expect(await findEverywhere(wamid(2))).toEqual(
      expect.arrayContaining(["consent_events.dedupe_key", "consent_events.message_id"]),
    );
    expect(before).toEqual(
      expect.arrayContaining(["contacts.wa_id", "deliveries.body", "messages.body"]),
    );
    const contact = await contactOf(site, phone);
    const id = contact?.publicId ?? "";

    const other = await createSite();
    expect((await req(other, `/api/v1/contacts/${id}`, "DELETE")).status).toBe(404);

    const res = await req(site, `/api/v1/contacts/${id}`, "DELETE");
    expect(res.status).toBe(200);
    const json = (await res.json()) as { id: string; erased: { messages: number } };
    expect(json).toMatchObject({ id, erased: { messages: 2 } });

    expect(await findEverywhere(phone)).toEqual([]);
    expect(await findEverywhere(wamid(1))).toEqual([]);
    expect(await findEverywhere(wamid(2))).toEqual([]);
    // Anonymous counts stay: the contact, its lead, its message rows and consent events.
    const row = await db().select().from(contacts).where(eq(contacts.publicId, id)).get();
    expect(row).toMatchObject({ waId: null, userId: null, username: null, name: null });
    expect(row?.erasedAt).toBeGreaterThan(0);
    expect(
      await db()
        .select()
        .from(leads)
        .where(eq(leads.contactId, row?.id ?? -1))
        .all(),
    ).toHaveLength(1);
    const msgs = await messagesOf(row?.id);
    expect(msgs).toHaveLength(2);
    expect(msgs.every((m) => m.body === null)).toBe(true);
    expect(await eventsOf(row?.id ?? -1)).toHaveLength(3);
    const audit = await db().select().from(auditLog).where(eq(auditLog.target, id)).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      siteId: site.id,
      action: "contact.erase",
      actor: expect.stringMatching(/^key_/),
    });
    expect(audit[0]?.detail).toMatchObject({ messages: 2 });

    // The contact reads as erased; erasing again changes nothing and adds no audit row.
    const read = (await (await api(site, `/api/v1/contacts/${id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(read).toMatchObject({ wa_id: null, name: null });
    expect((await req(site, `/api/v1/contacts/${id}`, "DELETE")).status).toBe(200);
    expect(await db().select().from(auditLog).where(eq(auditLog.target, id)).all()).toHaveLength(1);
  });

  it("erases the visit's identifiers from the clicks of the lead; counts and dimensions stay", async () => {
    const site = await createSite();
    const phone = newPhone();
    const ids = {
      gclid: "gclid-erase-me-1",
      ga_client_id: "987654321.1700000000",
      fbp: "fb.1.1700000000000.55555",
      ym_uid: "1700000000123456789",
    };
    const landing = `https://shop.test/offer?utm_source=google&gclid=${ids.gclid}`;
    const { ref, request } = clickRequest(site, {
      utm_source: "google",
      utm_medium: "cpc",
      landing_url: landing,
      ...ids,
    });
    expect((await call(request)).status).toBe(201);
    await deliver(site, message({ from: phone, body: `Hi (Ref: ${ref})` }));
    const needles = Object.values(ids);
    expect((await findEverywhere(...needles)).length).toBeGreaterThan(3);
    const contact = await contactOf(site, phone);
    const res = await req(site, `/api/v1/contacts/${contact?.publicId}`, "DELETE");
    expect(res.status).toBe(200);
    expect(await findEverywhere(...needles)).toEqual([]);
    const stats = await api(site, "/api/v1/stats?group_by=source_medium");
    const body = (await stats.json()) as { kpis: { chat_clicks: number; conversations: number } };
    expect(body.kpis).toMatchObject({ chat_clicks: 1, conversations: 1 });
    const click = await env.DB.prepare(
      "select source, medium, landing_url from clicks where site_id = ?",
    )
      .bind(site.id)
      .first();
    expect(click).toEqual({
      source: "google",
      medium: "cpc",
      landing_url: "https://shop.test/offer",
    });
  });

  it("401 without a key, 404 for an unknown or malformed id", async () => {
    const site = await createSite();
    expect((await req(site, "/api/v1/contacts/ct_0000000000000000", "DELETE", "nope")).status).toBe(
      401,
    );
    const missing = await req(site, "/api/v1/contacts/ct_0000000000000000", "DELETE");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
    expect((await req(site, `/api/v1/contacts/${"x".repeat(500)}`)).status).toBe(404);
  });
});
