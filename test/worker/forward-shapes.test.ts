/**
 * What each destination receives, checked against the documented formats and the published
 * fixtures, end to end: a lead recorded from a signed WhatsApp webhook, its outbox rows
 * enqueued, the queue consumer run, and the requests read back from the fake destinations.
 */

import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { destinations, sites } from "../../worker/db/schema";
import {
  e164PhoneHash,
  metaPhoneHash,
  phoneDigits,
  sha256Hex,
} from "../../worker/forward/phone-hash";
import ga4Fixture from "../fixtures/ga4-mp-campaign-details.json";
import metaFixture from "../fixtures/meta-capi-business-messaging.json";
import ctwaFixture from "../fixtures/whatsapp-ctwa-referral.json";
import {
  apiSend,
  captureQueue,
  createDestination,
  listDeliveries,
  newSink,
  received,
  runQueue,
  sinkUrl,
} from "./forward-helpers";
import {
  api,
  call,
  click,
  clickRequest,
  createSite,
  db,
  deliver,
  message,
  newPhone,
  type TestSite,
} from "./helpers";
import { messageFrom, post } from "./identity-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const WABA_ID = "102290129340398";

async function siteWithDestinations(opts: { waba?: boolean; money?: boolean } = {}) {
  const site = await createSite();
  if (opts.waba !== false)
    await db().update(sites).set({ wabaId: WABA_ID }).where(eq(sites.id, site.id)).run();
  const sinks = { ga4: newSink("ga4"), meta: newSink("meta"), hook: newSink("hook") };
  const money = opts.money ? { value: 25, currency: "USD" } : {};
  const ga4 = await createDestination(site, {
    kind: "ga4",
    name: "GA4",
    measurement_id: "G-SHAPES123",
    api_secret: "shape-ga4-secret-1234",
    endpoint: `${sinkUrl(sinks.ga4)}/mp/collect`,
    ...money,
  });
  const meta = await createDestination(site, {
    kind: "meta_capi",
    name: "Meta",
    dataset_id: "987654321",
    access_token: "shape-meta-token-5678",
    endpoint: sinkUrl(sinks.meta),
    test_event_code: "TEST42",
    ...money,
  });
  const hook = await createDestination(site, {
    kind: "webhook",
    name: "CRM",
    url: `${sinkUrl(sinks.hook)}/in`,
  });
  return { site, sinks, ga4, meta, hook };
}

/** Records a lead from `phone` for `ref` (or plain text) and runs its outbox once. */
async function leadAndForward(site: TestSite, msg: ReturnType<typeof message>) {
  const queue = captureQueue();
  await deliver(site, msg);
  const ids = queue.drain();
  const run = await runQueue(ids);
  return { ids, run };
}

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

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
    expect(Object.keys(body).sort()).toEqual(["client_id", "events", "timestamp_micros"]);
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
    // The webhook carries the API's lead JSON (without the touch path that /:id adds).
    const { touches: _path, ...apiLead } = (await (
      await api(site, `/api/v1/leads/${verified.data.id}`)
    ).json()) as Record<string, unknown>;
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

describe("rotating a webhook's signing secret", () => {
  /** Whether `secret` verifies the request (the Standard Webhooks reference library). */
  const verifies = (secret: string, req: { body: string; headers: Record<string, string> }) => {
    try {
      new Webhook(secret).verify(req.body, {
        "webhook-id": req.headers["webhook-id"] ?? "",
        "webhook-timestamp": req.headers["webhook-timestamp"] ?? "",
        "webhook-signature": req.headers["webhook-signature"] ?? "",
      });
      return true;
    } catch {
      return false;
    }
  };

  const none = { body: "", headers: {} as Record<string, string> };

  it("signs with the old and the new secret for a day, then with the new one only; revocable", async () => {
    const { site, sinks, hook } = await siteWithDestinations();
    const old = hook.signing_secret ?? "";
    const res = await apiSend(site, "PATCH", `/api/v1/destinations/${hook.id}`, {
      rotate_secret: true,
    });
    const rotated = (await res.json()) as {
      signing_secret: string;
      previous_secret_valid_until: string | null;
    };
    const until = Date.parse(rotated.previous_secret_valid_until ?? "");
    expect(until - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(until - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    const fresh = rotated.signing_secret;

    const ref = await click(site, { utm_source: "newsletter" });
    await leadAndForward(site, message({ from: newPhone(), body: formatRef(ref) }));
    const [during] = await received(sinks.hook);
    expect(during?.headers["webhook-signature"]).toMatch(/^v1,\S+ v1,\S+$/);
    expect(verifies(fresh, during ?? none)).toBe(true);
    expect(verifies(old, during ?? none)).toBe(true);

    // A day later (the overlap moved into the past): the new secret alone.
    await db()
      .update(destinations)
      .set({ previousSecretUntil: Date.now() - 1 })
      .where(eq(destinations.id, hook.id))
      .run();
    const ref2 = await click(site, { utm_source: "newsletter" });
    await leadAndForward(site, message({ from: newPhone(), body: formatRef(ref2) }));
    const after = (await received(sinks.hook)).at(-1) ?? none;
    expect(after.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verifies(fresh, after)).toBe(true);
    expect(verifies(old, after)).toBe(false);
    const shown = (await (await api(site, `/api/v1/destinations/${hook.id}`)).json()) as {
      previous_secret_valid_until: string | null;
    };
    expect(shown.previous_secret_valid_until).toBeNull();

    // A leaked secret: rotate and revoke the old one at once.
    const leaked = await apiSend(site, "PATCH", `/api/v1/destinations/${hook.id}`, {
      rotate_secret: true,
      revoke_previous_secret: true,
    });
    const revoked = (await leaked.json()) as {
      signing_secret: string;
      previous_secret_valid_until: string | null;
    };
    expect(revoked.previous_secret_valid_until).toBeNull();
    const ref3 = await click(site, { utm_source: "newsletter" });
    await leadAndForward(site, message({ from: newPhone(), body: formatRef(ref3) }));
    const last = (await received(sinks.hook)).at(-1) ?? none;
    expect(verifies(revoked.signing_secret, last)).toBe(true);
    expect(verifies(fresh, last)).toBe(false);
  });
});

describe("forwarding a Click-to-WhatsApp lead", () => {
  // The fixture's referral, as the webhook carries it (string fields; welcome_message is not needed).
  const { welcome_message: _welcome, ...referral } = ctwaFixture.entry[0]?.changes[0]?.value
    .messages[0]?.referral ?? { welcome_message: null, ctwa_clid: "" };

  it("Meta gets the business-messaging shape of the fixture; GA4 skips it with the reason", async () => {
    const { site, sinks } = await siteWithDestinations({ money: true });
    const sent = Math.floor(Date.now() / 1000) - 60;
    const { ids } = await leadAndForward(
      site,
      message({ from: newPhone(), body: "Can I get more info?", referral, timestamp: sent }),
    );
    expect(ids).toHaveLength(3);
    const [req] = await received(sinks.meta);
    const body = json(req?.body ?? "{}") as { data: Record<string, unknown>[] };
    const event = body.data[0] ?? {};
    const expected = metaFixture.data[0] as Record<string, unknown>;
    // Same fields as Meta's sample, plus event_id for de-duplication.
    expect(Object.keys(event).sort()).toEqual([...Object.keys(expected), "event_id"].sort());
    expect(event.action_source).toBe(expected.action_source);
    expect(event.messaging_channel).toBe(expected.messaging_channel);
    expect(Object.keys(event.user_data as object).sort()).toEqual(
      Object.keys(expected.user_data as object).sort(),
    );
    expect(event).toMatchObject({
      event_name: "Lead",
      event_time: sent,
      user_data: { whatsapp_business_account_id: WABA_ID, ctwa_clid: referral.ctwa_clid },
      custom_data: { currency: "USD", value: 25 },
    });
    expect(Object.keys(event.custom_data as object).sort()).toEqual(
      Object.keys(expected.custom_data as object).sort(),
    );
    expect(await received(sinks.ga4)).toEqual([]);
    const rows = await listDeliveries(site);
    const ga4Row = rows.find((r) => r.destination.kind === "ga4");
    expect(ga4Row).toMatchObject({ status: "skipped", attempts: 0, response_status: null });
    expect(ga4Row?.last_error).toMatch(/no GA client id/);
    const hookBody = json((await received(sinks.hook))[0]?.body ?? "{}") as {
      data: { attribution: string; ctwa: { ctwa_clid: string } };
    };
    expect(hookBody.data).toMatchObject({
      attribution: "ctwa",
      ctwa: { ctwa_clid: referral.ctwa_clid },
    });
  });

  it("without a WhatsApp Business Account id Meta is skipped, saying what to set", async () => {
    const { site, sinks } = await siteWithDestinations({ waba: false });
    await leadAndForward(site, message({ from: newPhone(), body: "hi", referral }));
    expect(await received(sinks.meta)).toEqual([]);
    const meta = (await listDeliveries(site)).find((r) => r.destination.kind === "meta_capi");
    expect(meta?.status).toBe("skipped");
    expect(meta?.last_error).toMatch(/waba_id.*whatsapp_business_account_id/);
  });
});

describe("time windows and unattributed leads", () => {
  it("GA4 skips leads older than 72 h, Meta older than 7 days; unattributed leads skip Meta", async () => {
    const { site, sinks } = await siteWithDestinations();
    const day = 24 * 3600;
    const now = Math.floor(Date.now() / 1000);
    const touch = { ga_client_id: "11.22", fbp: "fb.1.1.1" };
    const fourDays = await click(site, touch);
    await leadAndForward(
      site,
      message({ from: newPhone(), body: formatRef(fourDays), timestamp: now - 4 * day }),
    );
    const eightDays = await click(site, touch);
    await leadAndForward(
      site,
      message({ from: newPhone(), body: formatRef(eightDays), timestamp: now - 8 * day }),
    );
    await leadAndForward(site, message({ from: newPhone(), body: "no ref here" }));
    const rows = await listDeliveries(site);
    expect(rows).toHaveLength(9);
    const by = (kind: string, status: string) =>
      rows.filter((r) => r.destination.kind === kind && r.status === status);
    expect(by("ga4", "skipped")).toHaveLength(3);
    for (const r of by("ga4", "skipped"))
      expect(r.last_error).toMatch(/older than 72 h|no GA client id/);
    expect(by("meta_capi", "sent")).toHaveLength(1);
    expect(
      by("meta_capi", "skipped")
        .map((r) => r.last_error)
        .sort(),
    ).toEqual([
      expect.stringMatching(/no attribution/),
      expect.stringMatching(/older than 7 days/),
    ]);
    expect(by("webhook", "sent")).toHaveLength(3);
    expect((await received(sinks.meta)).length).toBe(1);
    // A skipped delivery still shows the reason through the API, and never an error code.
    for (const r of rows.filter((x) => x.status === "skipped")) {
      expect(r.response_status).toBeNull();
      expect(r.next_attempt_at).toBeNull();
    }
    const detail = await apiSend(
      site,
      "GET",
      `/api/v1/deliveries/${by("meta_capi", "sent")[0]?.id}`,
    );
    expect(((await detail.json()) as { payload: { data: unknown[] } }).payload.data).toHaveLength(
      1,
    );
  });
});
