/**
 * Purchases to the ad platforms (issue 14): a Google Ads destination pointed at a purchase
 * conversion action, TikTok and Microsoft Advertising, each taking `lead.purchase`, receive the
 * sale's value, currency and time with an id that makes a resend count once.
 */

import { afterEach, describe, expect, it, vi } from "vitest";
import { addAdDestinations } from "./ad-destinations";
import { ageClick, leadWithEveryClickId } from "./destination-test-kit";
import { json } from "./forward-shapes-helpers";
import { apiOk, createSite } from "./helpers";
import { send } from "./lead-events-helpers";
import { runQueue } from "./queue-helpers";
import { received } from "./sink-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const PURCHASE = { events: ["lead.purchase"] };

describe("purchases to the ad platforms", () => {
  it("Google Ads, TikTok and Microsoft get the sale's value and time, once", async () => {
    const site = await createSite();
    const s = await addAdDestinations(site, {
      google_ads: { conversion_action_id: "555", ...PURCHASE },
      tiktok: PURCHASE,
      microsoft_ads: { conversion_name: "Purchase", ...PURCHASE },
    });
    const lead = await leadWithEveryClickId(site);
    // The destinations take purchases only: the lead itself goes nowhere.
    expect(lead.ids).toEqual([]);
    // The visit was yesterday; the order two hours ago (Microsoft counts after the click only).
    await ageClick("msclkid", "msclkid-every-1", 24 * 3600_000);
    const leads = await apiOk<{ data: { id: string }[] }>(site, "/api/v1/leads");
    const occurred = new Date(Date.now() - 2 * 3600_000);
    const res = await send(site, `/api/v1/leads/${leads.data[0]?.id}/events`, {
      type: "purchase",
      value: 80.25,
      currency: "EUR",
      external_id: "order-3",
      occurred_at: occurred.toISOString(),
    });
    expect(res.status).toBe(201);
    const ids = lead.queue.drain();
    expect(ids).toHaveLength(3);
    await runQueue(ids);
    await runQueue(ids, 2);

    const only = async (sink: string) => {
      const reqs = (await received(sink)).filter((r) => r.method === "POST");
      expect(reqs, sink).toHaveLength(1);
      return json(reqs[0]?.body ?? "{}");
    };
    const google = (await only(s.google_ads ?? "")) as { events: Record<string, unknown>[] };
    expect(google.events[0]).toMatchObject({
      adIdentifiers: { gclid: "gclid-every-1" },
      transactionId: res.body.event.id,
      eventTimestamp: occurred.toISOString(),
      conversionValue: 80.25,
      currency: "EUR",
    });
    const tiktok = (await only(s.tiktok ?? "")) as { data: Record<string, unknown>[] };
    expect(tiktok.data[0]).toMatchObject({
      event: "CompletePayment",
      event_id: res.body.event.id,
      event_time: Math.floor(occurred.getTime() / 1000),
      properties: { value: 80.25, currency: "EUR" },
    });
    const ms = (await only(s.microsoft_ads ?? "")) as {
      OfflineConversions: Record<string, unknown>[];
    };
    expect(ms.OfflineConversions[0]).toMatchObject({
      MicrosoftClickId: "msclkid-every-1",
      ConversionName: "Purchase",
      ConversionTime: new Date(Math.floor(occurred.getTime() / 1000) * 1000)
        .toISOString()
        .replace(".000Z", "Z"),
      ConversionValue: 80.25,
      ConversionCurrencyCode: "EUR",
    });
  });
});
