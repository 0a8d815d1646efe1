/**
 * What destinations receive beyond the website lead: a webhook's rotated signing secret, a
 * Click-to-WhatsApp lead, and the time windows of GA4 and Meta for old or unattributed leads.
 */

import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { destinations } from "../../worker/db/schema";
import metaFixture from "../fixtures/meta-capi-business-messaging.json";
import ctwaFixture from "../fixtures/whatsapp-ctwa-referral.json";
import { apiSend, listDeliveries, received } from "./forward-helpers";
import { json, leadAndForward, siteWithDestinations, WABA_ID } from "./forward-shapes-helpers";
import { api, click, db, message, newPhone } from "./helpers";

afterEach(() => {
  vi.restoreAllMocks();
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
      // protocols.md §5.1: Meta's business-messaging examples use LeadSubmitted (vendors report
      // `Lead` rejected there with subcode 2804066), so that is the default for ctwa leads.
      event_name: "LeadSubmitted",
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
