/**
 * What each destination receives for a website lead, checked against the documented formats and
 * the published fixtures, end to end: a lead recorded from a signed WhatsApp webhook, its outbox
 * rows enqueued, the queue consumer run, and the requests read back from the fake destinations.
 */

import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { e164PhoneHash, metaPhoneHash, phoneDigits } from "../../worker/forward/phone-hash";
import { sha256Hex } from "../../worker/http/sha256";
import ga4Fixture from "../fixtures/ga4-mp-campaign-details.json";
import { listDeliveries } from "./forward-helpers";
import { json, leadAndForward, siteWithDestinations } from "./forward-shapes-helpers";
import { api, call, click, clickRequest, message, newPhone, type TestSite } from "./helpers";
import { messageFrom, post } from "./identity-helpers";
import { captureQueue, runQueue } from "./queue-helpers";
import { received } from "./sink-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Meta's phone hashing rule", () => {
  it("reproduces Meta's published example and Google's E.164 form", async () => {
    // protocols.md §5.3: (650)555-1212 with country code 1 → 16505551212 → e323ec62…
    const published = "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176";
    expect(phoneDigits("+1 (650) 555-1212")).toBe("16505551212");
    for (const raw of ["16505551212", "+1 (650) 555-1212", "001-650-555-1212", "1 650 555 1212"])
      expect(await metaPhoneHash(raw), raw).toBe(published);
    expect(await sha256Hex("16505551212")).toBe(published);
    expect(await e164PhoneHash("16505551212")).toBe(
      "1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8",
    );
  });
});

describe("forwarding a website lead", () => {
  it("GA4 gets campaign_details + generate_lead with the visit's client id, inside MP limits", async () => {
    const { site, sinks } = await siteWithDestinations({ money: true });
    const longContent = `banner-${"x".repeat(150)}`;
    const ref = await click(site, {
      utm_source: "google",
      utm_medium: "cpc",
      utm_campaign: "spring-sale",
      utm_term: "coffee beans",
      utm_content: longContent,
      ga_client_id: "1234567890.1700000000",
    });
    const sent = Math.floor(Date.now() / 1000) - 30;
    await leadAndForward(
      site,
      message({ from: newPhone(), body: `Hi! ${formatRef(ref)}`, timestamp: sent }),
    );
    const [req, ...more] = await received(sinks.ga4);
    expect(more).toEqual([]);
    expect(req?.method).toBe("POST");
    expect(req?.path).toBe("/mp/collect");
    expect(req?.query).toEqual({
      measurement_id: "G-SHAPES123",
      api_secret: "shape-ga4-secret-1234",
    });
    expect(req?.headers["content-type"]).toBe("application/json");
    const body = json(req?.body ?? "{}") as {
      client_id: string;
      timestamp_micros: number;
      events: { name: string; params: Record<string, string | number> }[];
    };
    expect(Object.keys(body).sort()).toEqual([
      "client_id",
      "consent",
      "events",
      "timestamp_micros",
    ]);
    // No Consent Mode on the page and the site's default (granted): GA4 is told so (§4).
    expect((body as { consent?: unknown }).consent).toEqual({
      ad_user_data: "GRANTED",
      ad_personalization: "GRANTED",
    });
    expect(body.client_id).toBe("1234567890.1700000000");
    expect(body.timestamp_micros).toBe(sent * 1_000_000);
    // campaign_details as in Google's sample (fixture), with the touch's UTM tags.
    const [campaign, lead] = body.events;
    const fixtureEvent = ga4Fixture.events[0];
    expect(campaign?.name).toBe(fixtureEvent?.name);
    for (const key of Object.keys(campaign?.params ?? {}))
      expect(Object.keys(fixtureEvent?.params ?? {})).toContain(key);
    expect(campaign?.params).toEqual({
      campaign: "spring-sale",
      source: "google",
      medium: "cpc",
      term: "coffee beans",
      content: longContent.slice(0, 100),
    });
    expect(lead).toEqual({
      name: "generate_lead",
      params: { lead_source: "whatsapp", currency: "USD", value: 25 },
    });
    // Protocol limits (protocols.md §4).
    expect(body.events.length).toBeLessThanOrEqual(25);
    for (const event of body.events) {
      expect(event.name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
      expect(Object.keys(event.params).length).toBeLessThanOrEqual(25);
      for (const [name, value] of Object.entries(event.params)) {
        expect(name).toMatch(/^(?!ga_|google_|firebase_)[A-Za-z][A-Za-z0-9_]{0,39}$/);
        if (typeof value === "string") expect(value.length).toBeLessThanOrEqual(100);
      }
    }
    expect(new TextEncoder().encode(req?.body).length).toBeLessThan(130_000);
  });

  /** A click carrying GA4 session cookies' ids (`ga_sessions`); returns its ref. */
  async function clickWithSessions(site: TestSite, gaSessions: Record<string, string>) {
    const touch = {
      utm_source: "google",
      utm_medium: "cpc",
      ga_client_id: "1234567890.1700000000",
    };
    const { ref, request } = clickRequest(site, touch, undefined, { ga_sessions: gaSessions });
    expect((await call(request)).status).toBe(201);
    return ref;
  }

  async function ga4Events(site: TestSite, sinks: { ga4: string }, ref: string, sent: number) {
    await leadAndForward(
      site,
      message({ from: newPhone(), body: formatRef(ref), timestamp: sent }),
    );
    const [req, ...more] = await received(sinks.ga4);
    expect(more).toEqual([]);
    return (
      json(req?.body ?? "{}") as { events: { name: string; params: Record<string, unknown> }[] }
    ).events;
  }

  it("GA4 events carry session_id (+ engagement_time_msec) of the destination's own stream", async () => {
    const { site, sinks } = await siteWithDestinations();
    const sent = Math.floor(Date.now() / 1000) - 30;
    const session = String(sent - 600);
    // G-SHAPES123 ↔ cookie _ga_SHAPES123; the other stream's session is not this property's.
    const ref = await clickWithSessions(site, { OTHER42: String(sent - 60), SHAPES123: session });
    const events = await ga4Events(site, sinks, ref, sent);
    expect(events.map((e) => e.name)).toEqual(["campaign_details", "generate_lead"]);
    for (const event of events)
      expect(event.params).toMatchObject({ session_id: session, engagement_time_msec: 1 });
  });

  it("GA4 events carry no session_id for another stream's session, or one over 24 h old", async () => {
    const sent = Math.floor(Date.now() / 1000) - 30;
    const cases: Record<string, string>[] = [
      { OTHER42: String(sent - 60) },
      { SHAPES123: String(sent - 25 * 3600) },
    ];
    for (const sessions of cases) {
      const { site, sinks } = await siteWithDestinations();
      const ref = await clickWithSessions(site, sessions);
      for (const event of await ga4Events(site, sinks, ref, sent)) {
        expect(event.params).not.toHaveProperty("session_id");
        expect(event.params).not.toHaveProperty("engagement_time_msec");
      }
    }
  });

  it("Meta gets a Lead (action_source chat) with the phone hashed and fbc/fbp as captured", async () => {
    const { site, sinks } = await siteWithDestinations();
    const fbc = "fb.1.1700000000000.IwAR0xYz-CaseSensitive_AbC";
    const fbp = "fb.1.1596403881668.1116446470";
    const ref = await click(site, { utm_source: "facebook", fbclid: "IwAR0xYz", fbc, fbp });
    const phone = newPhone();
    const sent = Math.floor(Date.now() / 1000) - 5;
    await leadAndForward(site, message({ from: phone, body: formatRef(ref), timestamp: sent }));
    const [req, ...more] = await received(sinks.meta);
    expect(more).toEqual([]);
    expect(req?.path).toBe("/987654321/events");
    expect(req?.query).toEqual({ access_token: "shape-meta-token-5678" });
    const [leadRow] = await listDeliveries(site, "");
    const lead = (await (await api(site, `/api/v1/leads/${leadRow?.lead_id}`)).json()) as {
      contact: { id: string };
    };
    const body = json(req?.body ?? "{}");
    expect(body).toEqual({
      data: [
        {
          event_name: "Lead",
          event_time: sent,
          event_id: `${leadRow?.lead_id}.created`,
          action_source: "chat",
          event_source_url: `${site.origin}/`,
          // No BSUID in this (pre-2026) payload: the contact's own id is the external id.
          user_data: {
            ph: [await sha256Hex(phone)],
            external_id: [await sha256Hex(lead.contact.id)],
            fbc,
            fbp,
          },
        },
      ],
      test_event_code: "TEST42",
    });
  });

  it("a username user's Meta Lead has no ph (the phone is withheld) and the hashed BSUID as external_id", async () => {
    const { site, sinks } = await siteWithDestinations();
    const ref = await click(site, { utm_source: "facebook", fbclid: "IwAR0xYz" });
    const userId = "US.13491208655302741918";
    const queue = captureQueue();
    await post(messageFrom(site, { userId, username: "sheena" }, { body: formatRef(ref) }));
    await runQueue(queue.drain());
    const [req] = await received(sinks.meta);
    const data = (json(req?.body ?? "{}").data as { user_data: Record<string, unknown> }[])[0];
    expect(data?.user_data).toEqual({ external_id: [await sha256Hex(userId)] });
  });

  it("the webhook is the API's lead JSON, signed per Standard Webhooks (verified with the reference library)", async () => {
    const { site, sinks, hook } = await siteWithDestinations();
    const ref = await click(site, { utm_source: "newsletter", ga_client_id: "55.66" });
    await leadAndForward(site, message({ from: newPhone(), body: formatRef(ref) }));
    const [req, ...more] = await received(sinks.hook);
    expect(more).toEqual([]);
    expect(req?.path).toBe("/in");
    const headers = req?.headers ?? {};
    const verified = new Webhook(hook.signing_secret ?? "").verify(req?.body ?? "", {
      "webhook-id": headers["webhook-id"] ?? "",
      "webhook-timestamp": headers["webhook-timestamp"] ?? "",
      "webhook-signature": headers["webhook-signature"] ?? "",
    }) as { type: string; timestamp: string; data: { id: string } };
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(Math.abs(Number(headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
    expect(headers["webhook-id"]).toBe(`${verified.data.id}.created`);
    expect(verified.type).toBe("lead.created");
    expect(Number.isNaN(Date.parse(verified.timestamp))).toBe(false);
    // The webhook carries the API's lead JSON (without the touch path that /:id adds, and without
    // the read-time `outcome`: each sale event is its own webhook).
    const {
      touches: _path,
      outcome: _outcome,
      ...apiLead
    } = (await (await api(site, `/api/v1/leads/${verified.data.id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(verified.data).toEqual(apiLead);
    // A wrong secret does not verify.
    const other = new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    expect(() =>
      other.verify(req?.body ?? "", {
        "webhook-id": headers["webhook-id"] ?? "",
        "webhook-timestamp": headers["webhook-timestamp"] ?? "",
        "webhook-signature": headers["webhook-signature"] ?? "",
      }),
    ).toThrow();
  });
});
