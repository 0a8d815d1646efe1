/**
 * Messenger and Instagram webhooks (inbound/meta-messaging-route.ts,
 * adapters/meta-messaging/messaging.ts): `X-Hub-Signature-256` checked with the Meta app secret
 * before anything is stored; `referral.ref` from Get Started (`messaging_postbacks`) and
 * `messaging_referrals` attributes the lead to the visit; an ad referral to the ad; duplicates,
 * echoes and malformed bodies.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contactIdentities, messages } from "../../worker/db/schema";
import { APP_SECRET, api, click, createSite, db, onlyLead } from "./helpers";
import {
  callWith,
  connectAccount,
  leadsOf,
  META_SECRET,
  type MetaApp,
  type MetaLead,
  metaBody,
  metaRequest,
  newSender,
  postbackItem,
  referralItem,
  sendItems,
  sendMeta,
  siteWithAccount,
  storedOf,
  textItem,
} from "./meta-messaging-helpers";

const KIND = { messenger: "fb_psid", instagram: "ig_sid" } as const;

describe.each(["messenger", "instagram"] as MetaApp[])("%s webhooks", (app) => {
  it("Get Started from a ?ref= link attributes the lead to the visit; later messages join it", async () => {
    const { site, account } = await siteWithAccount(app);
    const ref = await click(site, { utm_source: "fb", utm_medium: "social", utm_campaign: "may" });
    const sender = newSender();
    const res = await sendItems(app, account, postbackItem(sender, account, ref));
    expect(await res.json()).toMatchObject({ received: true, outcome: "processed", messages: 1 });
    await sendItems(app, account, textItem(sender, account, "Is it in stock?"));
    expect(await onlyLead<MetaLead>(site)).toMatchObject({
      channel: app,
      provider: app,
      ref,
      attribution: "ref",
      contact: { wa_id: null },
      touch: { utm_source: "fb", utm_medium: "social", utm_campaign: "may" },
    });
    const ids = await db()
      .select()
      .from(contactIdentities)
      .where(and(eq(contactIdentities.siteId, site.id), eq(contactIdentities.kind, KIND[app])))
      .all();
    expect(ids.map((i) => i.value)).toEqual([sender]);
    const rows = await db().select().from(messages).where(eq(messages.siteId, site.id)).all();
    expect(rows).toHaveLength(2);
    expect(rows.every((m) => m.provider === app && m.providerMessageId.startsWith(`${account}:`)));
    expect(await storedOf(app, account)).toHaveLength(2);
  });

  it("messaging_referrals (a ?ref= link opened in an existing thread) attributes the lead", async () => {
    const { site, account } = await siteWithAccount(app);
    const ref = await click(site, { utm_source: "newsletter", utm_medium: "email" });
    const sender = newSender();
    const item = referralItem(sender, account, { ref, source: "SHORTLINK" });
    await sendItems(app, account, item);
    expect(await leadsOf(site)).toMatchObject([
      { ref, attribution: "ref", touch: { utm_source: "newsletter", utm_medium: "email" } },
    ]);
  });

  it("the ref arrives with the first message of an m.me / ig.me link (message.referral)", async () => {
    const { site, account } = await siteWithAccount(app);
    const ref = await click(site, { utm_source: "ig", utm_campaign: "bio" });
    const sender = newSender();
    const item = textItem(sender, account, "Hi!", {
      referral: { ref, source: "SHORTLINK", type: "OPEN_THREAD" },
    });
    await sendItems(app, account, item);
    expect(await leadsOf(site)).toMatchObject([
      { ref, attribution: "ref", touch: { utm_source: "ig", utm_campaign: "bio" } },
    ]);
  });

  it("an ad referral (source ADS, ad_id) attributes the lead to the ad", async () => {
    const { site, account } = await siteWithAccount(app);
    const item = referralItem(newSender(), account, {
      source: "ADS",
      ad_id: "6045246247433",
      ads_context_data: { ad_title: "Spring sale" },
    });
    await sendItems(app, account, item);
    const leads = await leadsOf(site);
    expect(leads).toMatchObject([
      {
        channel: app,
        attribution: "ctwa",
        ref: null,
        ctwa: { source_id: "6045246247433", source_type: "ad", headline: "Spring sale" },
      },
    ]);
    // The 24 h messaging window opens; WhatsApp's 72 h free entry point does not.
    const contact = await (await api(site, `/api/v1/contacts/${leads[0]?.contact.id}`)).json();
    expect(contact).toMatchObject({
      windows: { customer_service: { open: true }, free_entry: { open: false } },
    });
  });

  it("duplicates (a replayed body, the same mid again) make one lead and one message", async () => {
    const { site, account } = await siteWithAccount(app);
    const sender = newSender();
    const item = textItem(sender, account, "hello");
    const body = metaBody(app, account, item);
    await sendMeta(app, body);
    await sendMeta(app, body);
    // The same message in another body (a retry Meta batched differently).
    await sendMeta(app, { ...metaBody(app, account, item), extra: 1 });
    expect(await leadsOf(site)).toHaveLength(1);
    const rows = await db().select().from(messages).where(eq(messages.siteId, site.id)).all();
    expect(rows).toHaveLength(1);
    expect(await storedOf(app, account)).toHaveLength(2);
  });

  it("echoes (the business's own messages) and reads are no one's lead", async () => {
    const { site, account } = await siteWithAccount(app);
    const sender = newSender();
    const echo = { ...textItem(account, sender, "Thanks!"), recipient: { id: sender } };
    (echo.message as Record<string, unknown>).is_echo = true;
    const read = { sender: { id: sender }, recipient: { id: account }, timestamp: 1, read: {} };
    const res = await sendItems(app, account, echo, read);
    expect(await res.json()).toMatchObject({ messages: 0, statuses: 1 });
    expect(await leadsOf(site)).toHaveLength(0);
    expect(await storedOf(app, account)).toHaveLength(1);
  });

  it("a wrong, missing or WhatsApp-secret signature is refused and nothing is stored", async () => {
    const { site, account } = await siteWithAccount(app);
    const body = metaBody(app, account, textItem(newSender(), account, "hi"));
    for (const request of [
      await metaRequest(app, body, "not-the-secret"),
      await metaRequest(app, body, APP_SECRET),
      await metaRequest(app, body, undefined, ""),
      await metaRequest(app, body, undefined, `sha256=${"0".repeat(64)}`),
    ]) {
      const res = await callWith(request);
      expect(res.status).toBe(401);
    }
    // Signed over other bytes than those sent.
    const signed = await metaRequest(app, body);
    const tampered = new Request(signed, { body: JSON.stringify({ ...body, x: 1 }) });
    expect((await callWith(tampered)).status).toBe(401);
    expect(await storedOf(app, account)).toHaveLength(0);
    expect(await leadsOf(site)).toHaveLength(0);
  });

  it("without META_APP_SECRET the WhatsApp app secret verifies; with neither, nothing is accepted", async () => {
    const { account } = await siteWithAccount(app);
    const body = metaBody(app, account, textItem(newSender(), account, "hi"));
    const fallback = await callWith(await metaRequest(app, body, APP_SECRET), {
      META_APP_SECRET: undefined,
    });
    expect(fallback.status).toBe(200);
    const other = metaBody(app, account, textItem(newSender(), account, "hello"));
    for (const secret of [META_SECRET, APP_SECRET, "anything"]) {
      const closed = await callWith(await metaRequest(app, other, secret), {
        META_APP_SECRET: "",
        WHATSAPP_APP_SECRET: "",
      });
      expect(closed.status).toBe(401);
    }
    expect(await storedOf(app, account)).toHaveLength(1);
  });

  it("malformed bodies are a 4xx and nothing is stored", async () => {
    const { account } = await siteWithAccount(app);
    const other: MetaApp = app === "messenger" ? "instagram" : "messenger";
    for (const body of [
      "{not json",
      JSON.stringify([1, 2]),
      JSON.stringify({ object: "whatsapp_business_account", entry: [] }),
      JSON.stringify(metaBody(other, account, textItem(newSender(), account, "x"))),
      JSON.stringify({ object: metaBody(app, account).object, entry: [{ id: "not-digits" }] }),
    ]) {
      const res = await callWith(await metaRequest(app, body));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(await storedOf(app, account)).toHaveLength(0);
  });

  it("a body naming two accounts is stored once per account", async () => {
    const site = await createSite();
    const a = await connectAccount(site, app);
    const b = await connectAccount(site, app);
    const body = {
      object: metaBody(app, a).object,
      entry: [
        { id: a, time: 1, messaging: [textItem(newSender(), a, "to a")] },
        { id: b, time: 1, messaging: [textItem(newSender(), b, "to b")] },
      ],
    };
    await sendMeta(app, body);
    const [atA, atB] = [await storedOf(app, a), await storedOf(app, b)];
    expect(atA).toHaveLength(1);
    expect(atB).toHaveLength(1);
    expect(atA[0]?.body).toContain("to a");
    expect(atA[0]?.body).not.toContain("to b");
    expect(await leadsOf(site)).toHaveLength(2);
  });

  it("the contact shows its page- or Instagram-scoped id, not as an alias", async () => {
    const { site, account } = await siteWithAccount(app);
    const sender = newSender();
    await sendItems(app, account, textItem(sender, account, "hi"));
    const [lead] = await leadsOf(site);
    const res = await api(site, `/api/v1/contacts/${lead?.contact.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      messenger_id: app === "messenger" ? sender : null,
      instagram_id: app === "instagram" ? sender : null,
      telegram_id: null,
      wa_id: null,
      aliases: [],
    });
  });

  it("answers Meta's verify-token handshake", async () => {
    const ok = await callWith(
      new Request(
        `https://chatref.test/webhooks/${app}?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=42`,
      ),
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("42");
    const bad = await callWith(
      new Request(
        `https://chatref.test/webhooks/${app}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=42`,
      ),
    );
    expect(bad.status).toBe(403);
  });
});
