import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { optinVersion } from "../../widget/protocol/optin-version";
import { sites } from "../../worker/db/schema";
import { clearSiteCache } from "../../worker/db/sites";
import { envelope, message } from "../support/whatsapp-envelope";
import {
  buttonExtra,
  contactOf,
  deliverPreference,
  eventsOf,
  interactiveExtra,
  registerText,
  sec,
  tickedClick,
} from "./consent-helpers";
import {
  api,
  call,
  clickRequest,
  createSite,
  db,
  deliver,
  newPhone,
  webhookRequest,
} from "./helpers";

const OPTIN_TEXT = "I agree to receive order updates and offers from Shop on WhatsApp.";

describe("consent ledger: each source with its evidence", () => {
  it("widget opt-in becomes an event once the ref is matched (text version, text, page, ref)", async () => {
    const site = await createSite();
    expect((await registerText(site, OPTIN_TEXT)).status).toBe(201);
    const { ref } = await tickedClick(site, OPTIN_TEXT, { utm_source: "google" });
    const phone = newPhone();
    // Not matched yet: no contact, no event.
    expect(await contactOf(site, phone)).toBeUndefined();
    await deliver(site, message({ from: phone, body: `Hello (Ref: ${ref})` }));
    const contact = await contactOf(site, phone);
    expect(contact?.marketingStatus).toBe("opted_in");
    const events = await eventsOf(contact?.id ?? -1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      status: "opted_in",
      source: "widget",
      textVersion: expect.stringMatching(
        new RegExp(`^${optinVersion(OPTIN_TEXT)}\\.[0-9a-f]{16}$`),
      ),
      pageUrl: `${site.origin}/`,
      ref,
    });
    const res = await api(site, `/api/v1/contacts/${contact?.publicId}`);
    expect(res.status).toBe(200);
    const json = (await res.json()) as {
      marketing: { status: string };
      consents: { text: string; text_version: string; source: string }[];
    };
    expect(json.marketing.status).toBe("opted_in");
    expect(json.consents[0]).toMatchObject({
      source: "widget",
      text: OPTIN_TEXT,
      text_version: events[0]?.textVersion,
      verified: true,
    });
  });

  it("an unticked optional checkbox records no consent; a wrong version is a 400", async () => {
    const site = await createSite();
    const declined = { state: "declined", v: optinVersion(OPTIN_TEXT), text: OPTIN_TEXT };
    const { ref, request } = clickRequest(site, {}, undefined, { optin: declined });
    expect((await call(request)).status).toBe(201);
    const phone = newPhone();
    await deliver(site, message({ from: phone, body: `Hi ${ref}` }));
    const contact = await contactOf(site, phone);
    expect(contact?.marketingStatus).toBeNull();
    expect(await eventsOf(contact?.id ?? -1)).toHaveLength(0);
    const bad = clickRequest(site, {}, undefined, {
      optin: { state: "granted", v: "zzzz", text: OPTIN_TEXT },
    });
    const res = await call(bad.request);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      "validation_failed",
    );
  });

  it("two texts with the same widget version id keep their own words as evidence", async () => {
    // Birthday search for a 32-bit FNV collision among short texts.
    const seen = new Map<string, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const text = `I agree to offers #${i}`;
      const v = optinVersion(text);
      const other = seen.get(v);
      if (other) pair = [other, text];
      else seen.set(v, text);
    }
    const site = await createSite();
    const texts: (string | null)[] = [];
    for (const text of pair) {
      const optin = { state: "granted", v: optinVersion(text), text };
      const { ref, request } = clickRequest(site, {}, undefined, { optin });
      expect((await call(request)).status).toBe(201);
      const phone = newPhone();
      await deliver(site, message({ from: phone, body: `Hi ${ref}` }));
      const contact = await contactOf(site, phone);
      const res = await api(site, `/api/v1/contacts/${contact?.publicId}`);
      const json = (await res.json()) as { consents: { text: string | null }[] };
      texts.push(json.consents[0]?.text ?? null);
    }
    expect(texts).toEqual(pair);
  });

  it("old beacons without optin stay valid", async () => {
    const site = await createSite();
    expect((await call(clickRequest(site, { utm_source: "x" }).request)).status).toBe(201);
  });

  it("keyword messages opt out and back in, with the keyword and message id as evidence", async () => {
    const site = await createSite();
    const phone = newPhone();
    const t0 = Date.now() - 60_000;
    await deliver(site, message({ from: phone, body: "hello", timestamp: sec(t0) }));
    await deliver(
      site,
      message({ from: phone, id: "wamid.stop1", body: "  STOP! 🛑 ", timestamp: sec(t0) + 10 }),
    );
    let contact = await contactOf(site, phone);
    expect(contact?.marketingStatus).toBe("opted_out");
    await deliver(site, message({ from: phone, body: "Ｓｔａｒｔ", timestamp: sec(t0) + 20 }));
    contact = await contactOf(site, phone);
    expect(contact?.marketingStatus).toBe("opted_in");
    expect(contact?.marketingStatusAt).toBe((sec(t0) + 20) * 1000);
    const events = await eventsOf(contact?.id ?? -1);
    expect(events.map((e) => [e.source, e.status, e.evidence])).toEqual([
      ["keyword", "opted_out", "stop"],
      ["keyword", "opted_in", "start"],
    ]);
    expect(events[0]?.messageId).toBe("wamid.stop1");
  });

  it("template quick-reply payloads opt out (source button)", async () => {
    const site = await createSite();
    const phone = newPhone();
    await deliver(site, message({ from: phone, ...buttonExtra("Stop promotions") }));
    const contact = await contactOf(site, phone);
    expect(contact?.marketingStatus).toBe("opted_out");
    const [event] = await eventsOf(contact?.id ?? -1);
    expect(event).toMatchObject({
      source: "button",
      status: "opted_out",
      evidence: "stop promotions",
    });
    // A button that is not a consent keyword records nothing.
    const other = newPhone();
    await deliver(site, message({ from: other, ...buttonExtra("Track my order") }));
    const c2 = await contactOf(site, other);
    expect(await eventsOf(c2?.id ?? -1)).toHaveLength(0);
  });

  it("interactive reply buttons and list rows count like quick replies: id or title", async () => {
    const site = await createSite();
    await db()
      .update(sites)
      .set({ consentKeywords: { opt_out: ["No more offers"], opt_in: [] } })
      .where(eq(sites.id, site.id))
      .run();
    clearSiteCache();
    const recorded = async (extra: ReturnType<typeof interactiveExtra>) => {
      const phone = newPhone();
      await deliver(site, message({ from: phone, ...extra }));
      const contact = await contactOf(site, phone);
      const events = await eventsOf(contact?.id ?? -1);
      return {
        status: contact?.marketingStatus ?? null,
        events: events.map((e) => [e.source, e.status, e.evidence, e.messageId !== null]),
      };
    };
    // The id wins over the title, like a template button's payload over its text.
    expect(await recorded(interactiveExtra("unsubscribe", "Start"))).toMatchObject({
      status: "opted_out",
    });
    const replies: [Parameters<typeof interactiveExtra>, string | null, string[]][] = [
      // By title.
      [["btn_1", "STOP"], "opted_out", ["button", "opted_out", "stop"]],
      // By id: "opt_in" normalises to the keyword "opt in"; the title is no keyword.
      [["opt_in", "Yes, send me offers"], "opted_in", ["button", "opted_in", "opt in"]],
      // A list row, and the site's own keyword as a title.
      [["row_9", "Parar", "list_reply"], "opted_out", ["button", "opted_out", "parar"]],
      [["x", "No more offers!"], "opted_out", ["button", "opted_out", "no more offers"]],
      // A button that is not a consent keyword records nothing.
      [["track_order", "Track my order"], null, []],
    ];
    for (const [reply, status, event] of replies)
      expect(await recorded(interactiveExtra(...reply)), reply.join()).toEqual({
        status,
        events: event.length ? [[...event, true]] : [],
      });
  });

  it("an interactive reply delivered twice is one event", async () => {
    const site = await createSite();
    const phone = newPhone();
    const msg = message({ from: phone, id: `wamid.ix${phone}`, ...interactiveExtra("b", "Stop") });
    await deliver(site, msg);
    await deliver(site, msg);
    const contact = await contactOf(site, phone);
    expect(await eventsOf(contact?.id ?? -1)).toHaveLength(1);
  });

  it("user_preferences stop/resume, for a known and an unknown contact", async () => {
    const site = await createSite();
    const phone = newPhone();
    const ts = sec(Date.now()) - 100;
    expect((await deliverPreference(site, phone, "stop", ts)).status).toBe(200);
    let contact = await contactOf(site, phone);
    expect(contact).toMatchObject({ marketingStatus: "opted_out", lastInboundAt: 0 });
    expect(contact?.publicId).toMatch(/^ct_[0-9a-f]{16}$/);
    await deliverPreference(site, phone, "resume", ts + 5);
    contact = await contactOf(site, phone);
    expect(contact?.marketingStatus).toBe("opted_in");
    const events = await eventsOf(contact?.id ?? -1);
    expect(events.map((e) => [e.source, e.status, e.occurredAt])).toEqual([
      ["user_preferences", "opted_out", ts * 1000],
      ["user_preferences", "opted_in", (ts + 5) * 1000],
    ]);
    expect(events[0]?.evidence).toBe("User requested to stop marketing messages");
  });
});

describe("consent ledger: ordering and duplicates", () => {
  it("out-of-order deliveries: the latest event time wins, whatever arrives last", async () => {
    const site = await createSite();
    const phone = newPhone();
    const ts = sec(Date.now()) - 1000;
    // The resume (later) arrives first, the stop (earlier) second.
    await deliverPreference(site, phone, "resume", ts + 60);
    await deliverPreference(site, phone, "stop", ts);
    let contact = await contactOf(site, phone);
    expect(contact?.marketingStatus).toBe("opted_in");
    expect(contact?.marketingStatusAt).toBe((ts + 60) * 1000);
    // A keyword sent even earlier changes nothing; a later one does.
    await deliver(site, message({ from: phone, body: "СТОП", timestamp: ts - 10 }));
    expect((await contactOf(site, phone))?.marketingStatus).toBe("opted_in");
    await deliver(site, message({ from: phone, body: "退订", timestamp: ts + 120 }));
    contact = await contactOf(site, phone);
    expect(contact?.marketingStatus).toBe("opted_out");
    expect(await eventsOf(contact?.id ?? -1)).toHaveLength(4);
  });

  it("a tie on event time resolves to opted_out, in either arrival order", async () => {
    for (const order of [
      ["stop", "resume"],
      ["resume", "stop"],
    ] as const) {
      const site = await createSite();
      const phone = newPhone();
      const ts = sec(Date.now()) - 500;
      for (const value of order) await deliverPreference(site, phone, value, ts);
      expect((await contactOf(site, phone))?.marketingStatus).toBe("opted_out");
    }
  });

  it("duplicate deliveries do not duplicate events", async () => {
    const site = await createSite();
    const phone = newPhone();
    const optin = { state: "granted", v: optinVersion(OPTIN_TEXT), text: OPTIN_TEXT };
    const { ref, request } = clickRequest(site, {}, undefined, { optin });
    await call(request);
    const first = message({ from: phone, body: `Hi (Ref: ${ref})` });
    const stop = message({ from: phone, body: "unsubscribe" });
    const body = JSON.stringify(envelope(site.phoneNumberId, [first, stop]));
    for (let i = 0; i < 3; i++) expect((await call(await webhookRequest(body))).status).toBe(200);
    const ts = sec(Date.now());
    for (let i = 0; i < 3; i++) await deliverPreference(site, phone, "resume", ts);
    // The same ref sent again in another message does not add a second widget event.
    await deliver(site, message({ from: phone, body: `again ${ref}` }));
    const contact = await contactOf(site, phone);
    const events = await eventsOf(contact?.id ?? -1);
    expect(events.map((e) => e.source).sort()).toEqual(["keyword", "user_preferences", "widget"]);
  });
});
