/**
 * WhatsApp through Twilio (worker/inbound/twilio-route.ts, adapters/twilio/): the signature is
 * Twilio's published algorithm; a forged, re-targeted or altered form is refused and nothing is
 * stored; a ref in the text attributes the lead; a Click-to-WhatsApp referral attributes it to
 * the ad; a MessageSid delivered twice makes one message.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { twilioSignature } from "../../worker/adapters/twilio/signature";
import { channelConnections, messages } from "../../worker/db/schema";
import { clearSiteCache } from "../../worker/db/sites";
import {
  call,
  click,
  createSite,
  db,
  leadRowsOf,
  listLeads,
  newPhone,
  onlyLead,
  type TestSite,
} from "./helpers";
import { postConnection } from "./telegram-helpers";
import {
  newSid,
  sendTwilio,
  siteWithTwilio,
  storedFor,
  TWILIO_URL,
  twilioForm,
} from "./twilio-helpers";

interface Lead {
  channel: string;
  provider: string;
  ref: string | null;
  attribution: string;
  contact: { wa_id: string | null; name: string | null };
  touch: Record<string, string | null>;
  ctwa?: Record<string, string | null>;
}

const leadsOf = (site: TestSite) => listLeads<Lead>(site);

describe("Twilio's signature", () => {
  const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  const params = (caller: string): [string, string][] => [
    ["CallSid", "CA1234567890ABCDE"],
    ["Caller", caller],
    ["Digits", "1234"],
    ["From", caller],
    ["To", "+18005551212"],
  ];

  it("matches the example of Twilio's webhook security page (auth token 12345)", async () => {
    expect(await twilioSignature("12345", url, params("+14158675310"))).toBe(
      "GvWf1cFY/Q7PnoempGyD5oXAezc=",
    );
    // The same page's earlier revision, with other caller digits.
    expect(await twilioSignature("12345", url, params("+12349013030"))).toBe(
      "0/KCTR6DLpKmkAf8muzZqo1nDgQ=",
    );
  });

  it("sorts the parameters by name, and any change alters it", async () => {
    const sorted = await twilioSignature("12345", url, params("+14158675310"));
    expect(await twilioSignature("12345", url, params("+14158675310").reverse())).toBe(sorted);
    const changed = params("+14158675310").map(([k, v]): [string, string] =>
      k === "Digits" ? [k, "9999"] : [k, v],
    );
    expect(await twilioSignature("12345", url, changed)).not.toBe(sorted);
    expect(
      await twilioSignature("12345", url.replace("bar=2", "bar=3"), params("+14158675310")),
    ).not.toBe(sorted);
  });
});

describe("Twilio WhatsApp webhook", () => {
  it("connects a number: the auth token is sealed and never shown; one webhook path", async () => {
    const site = await createSite();
    const digits = newPhone();
    const res = await postConnection(site.id, {
      channel: "whatsapp",
      provider: "twilio",
      number: `+${digits}`,
      auth_token: "secret-auth-token-1234",
    });
    expect(res.status).toBe(201);
    const json = (await res.json()) as Record<string, unknown>;
    expect(json).toMatchObject({
      channel: "whatsapp",
      provider: "twilio",
      account_id: `whatsapp:+${digits}`,
      webhook_path: "/webhooks/twilio",
      secret_token: null,
    });
    const row = await db()
      .select()
      .from(channelConnections)
      .where(eq(channelConnections.id, json.id as string))
      .get();
    expect(row?.secret).not.toContain("secret-auth-token");
    const bad = { channel: "whatsapp", provider: "twilio", number: "12345" };
    expect((await postConnection(site.id, bad)).status).toBe(400);
  });

  it("a signed message with a ref attributes the lead to the visit; answers empty TwiML", async () => {
    const { site, conn } = await siteWithTwilio();
    const ref = await click(site, {
      utm_source: "google",
      utm_medium: "cpc",
      utm_campaign: "fall",
    });
    const waId = newPhone();
    const res = await sendTwilio(
      conn,
      twilioForm(conn, waId, `Hi! I'd like to order (ref ${ref})`),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/xml");
    expect(await res.text()).toContain("<Response/>");
    expect(await onlyLead<Lead>(site)).toMatchObject({
      channel: "whatsapp",
      provider: "twilio",
      ref,
      attribution: "ref",
      contact: { wa_id: waId, name: "Ana" },
      touch: { utm_source: "google", utm_medium: "cpc", utm_campaign: "fall" },
    });
    const stored = await storedFor(conn.to);
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0]?.body ?? "{}")).toMatchObject({ wa_id: waId });
  });

  it("refuses a missing, wrong, re-targeted or altered signature and stores nothing", async () => {
    const { site, conn } = await siteWithTwilio();
    const waId = newPhone();
    const form = () => twilioForm(conn, waId, "hello");
    const refused = [
      await sendTwilio(conn, form(), { token: null }),
      await sendTwilio(conn, form(), { token: "another-accounts-token" }),
      await sendTwilio(conn, form(), { signedUrl: `${TWILIO_URL}?x=1` }),
      await sendTwilio(conn, form(), { signedUrl: TWILIO_URL.replace("https:", "http:") }),
      await sendTwilio(conn, form(), { url: `${TWILIO_URL}?x=1`, signedUrl: TWILIO_URL }),
      await sendTwilio(conn, form(), { tamper: { Body: "hello, altered" } }),
      await sendTwilio(conn, form(), { tamper: { ProfileName: "Mallory" } }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect(await storedFor(conn.to)).toHaveLength(0);
    expect(await leadRowsOf(site.id)).toHaveLength(0);
  });

  it("fails closed when the connection's token cannot be opened", async () => {
    const { conn } = await siteWithTwilio();
    await db()
      .update(channelConnections)
      .set({ secret: "sealed.v1.garbage" })
      .where(eq(channelConnections.id, conn.connectionId))
      .run();
    clearSiteCache();
    const res = await sendTwilio(conn, twilioForm(conn, newPhone(), "hello"));
    expect(res.status).toBe(403);
    expect(await storedFor(conn.to)).toHaveLength(0);
  });

  it("the same MessageSid delivered twice is one message and one lead; a replay is stored once", async () => {
    const { site, conn } = await siteWithTwilio();
    const waId = newPhone();
    const form = twilioForm(conn, waId, "hello");
    expect((await sendTwilio(conn, form)).status).toBe(200);
    expect((await sendTwilio(conn, form)).status).toBe(200);
    // A replayed (byte-identical, signed) form is stored once.
    expect(await storedFor(conn.to)).toHaveLength(1);
    expect((await sendTwilio(conn, { ...form, NumSegments: "2" })).status).toBe(200);
    const rows = await db().select().from(messages).where(eq(messages.siteId, site.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: "twilio", providerMessageId: form.MessageSid });
    expect(await leadRowsOf(site.id)).toHaveLength(1);
  });

  it("a Click-to-WhatsApp referral attributes the lead to the ad", async () => {
    const { site, conn } = await siteWithTwilio();
    const form = twilioForm(conn, newPhone(), "Is this still available?", {
      ReferralCtwaClid:
        "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0",
      ReferralSourceId: "120211234567890123",
      ReferralSourceType: "ad",
      ReferralSourceUrl: "https://fb.me/3cr4Wqqkk",
      ReferralHeadline: "Summer sale",
      ReferralBody: "Lamps 30% off",
      ReferralNumMedia: "0",
    });
    expect((await sendTwilio(conn, form)).status).toBe(200);
    const [lead] = await leadsOf(site);
    expect(lead).toMatchObject({
      provider: "twilio",
      attribution: "ctwa",
      ref: null,
      ctwa: {
        source_id: "120211234567890123",
        source_type: "ad",
        headline: "Summer sale",
        ctwa_clid: form.ReferralCtwaClid,
      },
    });
  });

  it("answers 4xx to malformed forms and unknown numbers, storing nothing", async () => {
    const { conn } = await siteWithTwilio();
    const waId = newPhone();
    const noSid = twilioForm(conn, waId, "hi", { MessageSid: "not-a-sid" });
    expect((await sendTwilio(conn, noSid)).status).toBe(400);
    const { To: _, ...noTo } = twilioForm(conn, waId, "hi");
    expect((await sendTwilio(conn, noTo)).status).toBe(400);
    const sms = twilioForm(conn, waId, "hi", { To: conn.to.replace("whatsapp:", "") });
    expect((await sendTwilio(conn, sms)).status).toBe(400);
    const json = await call(
      new Request(TWILIO_URL, {
        method: "POST",
        headers: { "content-type": "application/json", "x-twilio-signature": "x" },
        body: JSON.stringify({ MessageSid: newSid(), To: conn.to, From: `whatsapp:+${waId}` }),
      }),
    );
    expect(json.status).toBe(400);
    const stranger = { ...conn, to: `whatsapp:+${newPhone()}` };
    const unknown = await sendTwilio(stranger, twilioForm(stranger, waId, "hi"));
    expect(unknown.status).toBe(404);
    expect(await storedFor(stranger.to)).toHaveLength(0);
    expect(await storedFor(conn.to)).toHaveLength(0);
  });
});
