/**
 * One person is one contact (worker/identity/): WhatsApp BSUIDs, phones and usernames in every
 * order, and merges of contacts a payload proves to be one person. Meta's own BSUID payloads in
 * test/fixtures/.
 */

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, contactMerges, messages, touches } from "../../worker/db/schema";
import statusBsuid from "../fixtures/whatsapp-status-delivered-bsuid.json?raw";
import statusBsuidPhone from "../fixtures/whatsapp-status-delivered-bsuid-phone.json?raw";
import textBsuid from "../fixtures/whatsapp-text-message-bsuid.json?raw";
import { api, call, createSite, db, newPhone, webhookRequest } from "./helpers";
import {
  envelopeOf,
  newUserId,
  onePersonTwoContacts,
  type Person,
  peopleOf,
  post,
  say,
} from "./identity-helpers";

const forSite = (raw: string, phoneNumberId: string) =>
  raw.replace(/"phone_number_id": "\d+"/, `"phone_number_id": "${phoneNumberId}"`);

const permutations = <T>(xs: T[]): T[][] =>
  xs.length <= 1
    ? [xs]
    : xs.flatMap((x, i) =>
        permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]),
      );

describe("WhatsApp identities: one person, one contact", () => {
  it("Meta's username payload (phone withheld) makes a contact by BSUID; the lead shows no phone", async () => {
    const site = await createSite();
    const res = await call(await webhookRequest(forSite(textBsuid, site.phoneNumberId)));
    expect(res.status).toBe(200);
    const { contacts, leads, identities } = await peopleOf(site);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      waId: null,
      userId: "US.13491208655302741918",
      parentUserId: "US.ENT.11815799212886844830",
      username: "realsheenanelson",
      name: "Sheena Nelson",
    });
    expect(leads).toHaveLength(1);
    expect(identities.map((i) => [i.kind, i.value])).toEqual([
      ["wa_user", "US.13491208655302741918"],
    ]);
    const lead = (await (await api(site, "/api/v1/leads")).json()) as {
      data: { contact: Record<string, unknown> }[];
    };
    expect(lead.data[0]?.contact).toMatchObject({
      wa_id: null,
      user_id: "US.13491208655302741918",
      username: "realsheenanelson",
    });
    // Statuses with recipient_user_id (with and without the phone) parse and create nothing.
    for (const raw of [statusBsuid, statusBsuidPhone])
      expect((await call(await webhookRequest(forSite(raw, site.phoneNumberId)))).status).toBe(200);
    expect((await peopleOf(site)).contacts).toHaveLength(1);
  });

  it("every order of phone-only, BSUID-only and phone+BSUID messages converges to one contact and one lead", async () => {
    const kinds = ["phone", "bsuid", "both"] as const;
    for (const order of permutations([...kinds])) {
      const site = await createSite();
      const phone = newPhone();
      const userId = newUserId();
      const as: Record<(typeof kinds)[number], Person> = {
        phone: { phone },
        bsuid: { userId, username: "pablo" },
        both: { phone, userId },
      };
      const t0 = Math.floor(Date.now() / 1000) - 600;
      for (const [i, kind] of order.entries())
        await say(site, as[kind], { timestamp: t0 + i * 60, body: `message ${i}` });
      const { contacts, leads, identities } = await peopleOf(site);
      expect(contacts, order.join(" → ")).toHaveLength(1);
      expect(leads, order.join(" → ")).toHaveLength(1);
      expect(contacts[0]).toMatchObject({ waId: phone, userId, username: "pablo" });
      expect(identities.map((i) => i.contactId)).toEqual([contacts[0]?.id, contacts[0]?.id]);
      const msgs = await db().select().from(messages).where(eq(messages.siteId, site.id)).all();
      expect(msgs.map((m) => m.contactId)).toEqual([
        contacts[0]?.id,
        contacts[0]?.id,
        contacts[0]?.id,
      ]);
      // The lead is the first message's.
      expect(leads[0]?.firstMessageAt).toBe(t0 * 1000);
    }
  });

  it("a contact first seen by BSUID gains its phone later: no new contact, no new lead", async () => {
    const site = await createSite();
    const userId = newUserId();
    const phone = newPhone();
    await say(site, { userId, username: "sheena" });
    const before = await peopleOf(site);
    await say(site, { userId, phone, username: "sheena" });
    await say(site, { phone }); // a payload from before BSUIDs finds it by the phone
    const after = await peopleOf(site);
    expect(after.contacts).toHaveLength(1);
    expect(after.contacts[0]).toMatchObject({ id: before.contacts[0]?.id, waId: phone, userId });
    expect(after.leads).toEqual(before.leads);
    const found = (await (await api(site, `/api/v1/contacts?wa_id=${phone}`)).json()) as {
      data: { id: string; user_id: string }[];
    };
    expect(found.data).toEqual([expect.objectContaining({ user_id: userId })]);
    const byBsuid = (await (await api(site, `/api/v1/contacts?user_id=${userId}`)).json()) as {
      data: { id: string }[];
    };
    expect(byBsuid.data[0]?.id).toBe(found.data[0]?.id);
    const none = (await (await api(site, `/api/v1/contacts?wa_id=${newPhone()}`)).json()) as {
      data: unknown[];
    };
    expect(none.data).toEqual([]);
    expect((await api(site, "/api/v1/contacts?wa_id=1&user_id=US.1")).status).toBe(400);
  });

  it("a phone whose contact has another BSUID was recycled: the new person is a new contact", async () => {
    const site = await createSite();
    const phone = newPhone();
    await say(site, { phone, userId: newUserId() });
    await say(site, { phone, userId: newUserId() });
    const { contacts, leads } = await peopleOf(site);
    expect(contacts).toHaveLength(2);
    expect(leads).toHaveLength(2);
  });

  it("merges two contacts a payload proves one person: the earlier lead and its first touch win, everything moves", async () => {
    const site = await createSite();
    const { phone, userId, t0 } = await onePersonTwoContacts(site);
    await say(site, { userId, username: "u" }, { timestamp: t0 + 120, body: "STOP" });
    const split = await peopleOf(site);
    expect(split.contacts).toHaveLength(2);
    expect(split.leads).toHaveLength(2);
    const first = split.leads.find((l) => l.firstMessageAt === t0 * 1000);
    const stopped = split.contacts.find((c) => c.userId === userId);
    expect(stopped?.marketingStatus).toBe("opted_out");

    await say(site, { phone, userId, username: "u" }, { timestamp: t0 + 180, body: "thanks" });
    const merged = await peopleOf(site);
    expect(merged.contacts).toHaveLength(1);
    expect(merged.leads).toHaveLength(1);
    const [contact] = merged.contacts;
    const [lead] = merged.leads;
    expect(lead).toMatchObject({ id: first?.id, attribution: "ref", firstMessageAt: t0 * 1000 });
    expect(contact).toMatchObject({
      waId: phone,
      userId,
      username: "u",
      marketingStatus: "opted_out",
    });
    const msgs = await db().select().from(messages).where(eq(messages.siteId, site.id)).all();
    expect(msgs).toHaveLength(4);
    expect(new Set(msgs.map((m) => m.contactId))).toEqual(new Set([contact?.id]));
    const ts = await db()
      .select()
      .from(touches)
      .where(eq(touches.leadId, lead?.id ?? ""))
      .all();
    expect(ts).toHaveLength(2); // both refs: first touch google, last touch newsletter
    const json = (await (await api(site, `/api/v1/leads/${lead?.id}?include=touches`)).json()) as {
      touch: { utm_source: string };
      touches: unknown[];
    };
    expect(json.touch.utm_source).toBe("google");
    // Audited, and the merge forgot the identifiers that proved it.
    const merges = await db()
      .select()
      .from(contactMerges)
      .where(eq(contactMerges.siteId, site.id))
      .all();
    expect(merges).toEqual([
      expect.objectContaining({
        reason: "message",
        valueA: null,
        valueB: null,
        winnerPublicId: contact?.publicId,
        completedAt: expect.any(Number),
      }),
    ]);
    const audit = await db().select().from(auditLog).where(eq(auditLog.siteId, site.id)).all();
    expect(audit).toEqual([
      expect.objectContaining({ action: "contact.merge", target: contact?.publicId }),
    ]);
    // The stats count one conversation, whichever touch model.
    for (const touch of ["first", "last"]) {
      const stats = (await (await api(site, `/api/v1/stats?touch=${touch}`)).json()) as {
        kpis: { conversations: number };
      };
      expect(stats.kpis.conversations, touch).toBe(1);
    }
    // Running the merge again changes nothing.
    await say(site, { phone, userId }, { timestamp: t0 + 240, body: "again" });
    expect((await peopleOf(site)).leads).toEqual(
      merged.leads.map((l) => ({ ...l, updatedAt: expect.any(Number) })),
    );
  });

  it("ten concurrent duplicate deliveries of a username user's message → one contact, one lead", async () => {
    const site = await createSite();
    const p = { userId: newUserId(), username: "dup" };
    const id = "wamid.username-dup";
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(
          envelopeOf(
            site,
            {
              contacts: [{ profile: { name: "D", username: "dup" }, user_id: p.userId }],
              messages: [
                {
                  from_user_id: p.userId,
                  id,
                  timestamp: "1760000000",
                  type: "text",
                  text: { body: "hi" },
                },
              ],
            },
            `10229012934039${i}`,
          ),
        ),
      ),
    );
    const { contacts, leads, identities } = await peopleOf(site);
    expect(contacts).toHaveLength(1);
    expect(leads).toHaveLength(1);
    expect(identities).toHaveLength(1);
  });
});
