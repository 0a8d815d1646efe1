/**
 * Identity changes keep one contact (worker/identity/identity-change.ts); consent and erasure for
 * username users; erased senders.
 */

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { findEverywhere } from "./consent-helpers";
import { api, call, createSite, db, newPhone } from "./helpers";
import { envelopeOf, newUserId, peopleOf, post, say, systemMessage } from "./identity-helpers";

describe("identity changes keep one contact", () => {
  it("user_changed_user_id: the new BSUID finds the same contact, the old one stays an alias", async () => {
    const site = await createSite();
    const [oldId, newId] = [newUserId(), newUserId()];
    await say(site, { userId: oldId, username: "x" });
    await post(
      systemMessage(
        site,
        { userId: oldId },
        {
          body: "User A changed their user id",
          type: "user_changed_user_id",
          user_id: newId,
          previous_user_id: oldId,
        },
      ),
    );
    await say(site, { userId: newId, username: "x" });
    await say(site, { userId: oldId });
    const { contacts, leads, identities } = await peopleOf(site);
    expect(contacts).toHaveLength(1);
    expect(leads).toHaveLength(1);
    expect(contacts[0]?.userId).toBe(newId);
    expect(identities.map((i) => i.value).sort()).toEqual([newId, oldId].sort());
    const read = (await (await api(site, `/api/v1/contacts/${contacts[0]?.publicId}`)).json()) as {
      user_id: string;
      aliases: { kind: string; value: string }[];
    };
    expect(read.user_id).toBe(newId);
    expect(read.aliases).toEqual([{ kind: "wa_user", value: oldId }]);
  });

  it("user_changed_number moves the contact to the new phone and BSUID and drops the old phone", async () => {
    const site = await createSite();
    const [oldPhone, newPhoneNo] = [newPhone(), newPhone()];
    const [oldId, newId] = [newUserId(), newUserId()];
    await say(site, { phone: oldPhone, userId: oldId });
    await post(
      systemMessage(
        site,
        { phone: oldPhone, userId: oldId },
        {
          body: "User A changed from old to new",
          type: "user_changed_number",
          wa_id: newPhoneNo,
          user_id: newId,
          previous_user_id: oldId,
        },
      ),
    );
    await say(site, { phone: newPhoneNo, userId: newId });
    const { contacts, leads, identities } = await peopleOf(site);
    expect(contacts).toHaveLength(1);
    expect(leads).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ waId: newPhoneNo, userId: newId });
    expect(identities.map((i) => i.value).sort()).toEqual([newPhoneNo, newId, oldId].sort());
  });

  it("the older user_id_update field, and a message from the new id arriving first, still end in one contact", async () => {
    const site = await createSite();
    const [oldId, newId] = [newUserId(), newUserId()];
    const t0 = Math.floor(Date.now() / 1000) - 600;
    await say(site, { userId: oldId }, { timestamp: t0 });
    await say(site, { userId: newId }, { timestamp: t0 + 60 }); // arrives before the change
    expect((await peopleOf(site)).contacts).toHaveLength(2);
    const update = envelopeOf(site, {
      user_id_update: [
        {
          detail: "changed",
          user_id: { previous: oldId, current: newId },
          timestamp: String(t0 + 30),
        },
      ],
    });
    await post(update);
    await post(update); // a duplicate changes nothing
    const { contacts, leads } = await peopleOf(site);
    expect(contacts).toHaveLength(1);
    expect(leads).toHaveLength(1);
    expect(leads[0]?.firstMessageAt).toBe(t0 * 1000);
  });
});

describe("consent and erasure for username users", () => {
  it("STOP and user_preferences from a username user opt the right contact out", async () => {
    const site = await createSite();
    const a = { userId: newUserId(), username: "a" };
    const b = { userId: newUserId(), username: "b" };
    await say(site, a, { body: "hello" });
    await say(site, b, { body: "hello" });
    await say(site, a, { body: "STOP" });
    let people = await peopleOf(site);
    expect(people.contacts.find((c) => c.userId === a.userId)?.marketingStatus).toBe("opted_out");
    expect(people.contacts.find((c) => c.userId === b.userId)?.marketingStatus).toBeNull();
    await post(
      envelopeOf(site, {
        contacts: [{ profile: { name: "B" }, user_id: b.userId }],
        user_preferences: [
          {
            user_id: b.userId,
            detail: "User requested to stop marketing messages",
            category: "marketing_messages",
            value: "stop",
            timestamp: Math.floor(Date.now() / 1000),
          },
        ],
      }),
    );
    people = await peopleOf(site);
    expect(people.contacts).toHaveLength(2);
    expect(people.contacts.find((c) => c.userId === b.userId)?.marketingStatus).toBe("opted_out");
  });

  it("erasure leaves no BSUID, parent BSUID, username or phone in any table, nor in a delivery not yet processed", {
    timeout: 60_000,
  }, async () => {
    const site = await createSite();
    const p = {
      phone: newPhone(),
      userId: newUserId(),
      parentUserId: "US.ENT.99887766554433",
      username: "erase_me",
    };
    const oldId = newUserId();
    await say(site, { ...p, userId: oldId });
    await post(
      envelopeOf(site, {
        user_id_update: [
          { user_id: { previous: oldId, current: p.userId }, timestamp: "1760000000" },
        ],
      }),
    );
    await say(site, p, { body: "hello" });
    // A delivery stored but not processed yet, carrying the person and someone else.
    const other = { userId: newUserId(), username: "stays" };
    const pending = envelopeOf(site, {
      contacts: [
        { profile: { name: "E", username: p.username }, wa_id: p.phone, user_id: p.userId },
        { profile: { name: "S", username: other.username }, user_id: other.userId },
      ],
      messages: [
        {
          from: p.phone,
          from_user_id: p.userId,
          id: "wamid.pending-1",
          timestamp: "1760000100",
          type: "text",
          text: { body: "later" },
        },
        {
          from_user_id: other.userId,
          id: "wamid.pending-2",
          timestamp: "1760000100",
          type: "text",
          text: { body: "me too" },
        },
      ],
    });
    await env.DB.prepare(
      "insert into deliveries (id, provider, body, received_at) values ('dlv_pending_erase', 'whatsapp', ?1, ?2)",
    )
      .bind(JSON.stringify(pending), Date.now())
      .run();
    const { contacts } = await peopleOf(site);
    const res = await call(
      new Request(`https://chatref.test/api/v1/contacts/${contacts[0]?.publicId}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${site.apiKey}` },
      }),
    );
    expect(res.status).toBe(200);
    const ids = [p.phone, p.userId, oldId, p.parentUserId, p.username];
    expect(await findEverywhere(...ids)).toEqual([]);
    // The pending delivery processes without the erased person: nobody comes back.
    const { retryUnprocessedDeliveries } = await import("../../worker/inbound/retry-deliveries");
    await retryUnprocessedDeliveries(db(), undefined, Date.now() + 3 * 60_000);
    const after = await peopleOf(site);
    expect(after.contacts.map((c) => c.username).sort()).toEqual([null, "stays"]);
    expect(await findEverywhere(...ids)).toEqual([]);
  });
});

describe("erased senders", () => {
  it("a message from an `erased` sender (blanked by an older erasure) is never processed", async () => {
    const site = await createSite();
    for (const [i, from] of ["erased", "erased:ct_0123456789abcdef"].entries()) {
      const body = JSON.stringify(
        envelopeOf(site, {
          contacts: [{ profile: { name: "x" }, wa_id: from }],
          messages: [
            {
              from,
              id: `wamid.erased${i}`,
              timestamp: "1760000000",
              type: "text",
              text: { body: "hi" },
            },
          ],
        }),
      );
      await post(JSON.parse(body));
    }
    const { contacts, leads } = await peopleOf(site);
    expect(contacts).toEqual([]);
    expect(leads).toEqual([]);
  });
});
