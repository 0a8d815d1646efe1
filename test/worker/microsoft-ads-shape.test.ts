/**
 * Microsoft Advertising offline conversions (worker/forward/microsoft-ads.ts): the token request
 * (refresh_token grant with the msads.manage scope) and the `OfflineConversions/Apply` request
 * checked field by field against the documented `OfflineConversion` (protocols.md §6.3; the
 * headers and REST form [S]); the conversion time the same on every attempt; the leads skipped
 * with their reasons (no msclkid, past the window, backfill).
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clicks, destinations, leads } from "../../worker/db/schema";
import {
  MICROSOFT_ADS_NO_MSCLKID,
  MICROSOFT_ADS_SCOPE,
  MICROSOFT_ADS_TOO_OLD,
  microsoftAdsTooOld,
} from "../../worker/forward/microsoft-ads";
import {
  ageClick,
  expectBackfillWindow,
  expectNoIdAndOldSkipped,
  leadsAged,
  type SkipLeads,
} from "./destination-test-kit";
import { DAY } from "./forward-backfill-helpers";
import { byKind } from "./forward-faults-helpers";
import { createDestination, listDeliveries, received, runQueue } from "./forward-helpers";
import { createSite, db } from "./helpers";
import {
  ACCOUNT_ID,
  applied,
  CUSTOMER_ID,
  conversionOf,
  GOAL,
  MS_ACCESS_TOKEN,
  MS_BASE,
  MS_CREDENTIALS,
  microsoftLead,
  siteWithMicrosoftAds,
} from "./microsoft-ads-helpers";

const forwarded = async (site: Parameters<typeof microsoftLead>[0], msclkid: string) => {
  const lead = await microsoftLead(site, { msclkid });
  const run = await runQueue(lead.ids);
  return { ...lead, run };
};

/** A lead with another platform's click id only, and one whose msclkid is 91 days old. */
const SKIPPED: SkipLeads = [{ gclid: "gclid-not-microsoft" }, ["msclkid", "msclkid-old"], 91 * DAY];

describe("microsoft_ads: the ApplyOfflineConversions request", () => {
  it("one OfflineConversion per lead: msclkid, goal name, the lead's time to the second, value", async () => {
    const { site, sinks } = await siteWithMicrosoftAds({ value: 25, currency: "EUR" });
    const { run } = await forwarded(site, "f894f652ea334e739002f7167ab8f8e3");
    expect(run.acked).toHaveLength(1);
    const [req] = await applied(sinks.api);
    expect(req?.method).toBe("POST");
    expect(req?.path).toBe("/CampaignManagement/v13/OfflineConversions/Apply");
    expect(req?.headers).toMatchObject({
      authorization: `Bearer ${MS_ACCESS_TOKEN}`,
      developertoken: MS_CREDENTIALS.developer_token,
      customerid: CUSTOMER_ID,
      customeraccountid: ACCOUNT_ID,
      "content-type": "application/json",
    });
    // The credential's parts travel in headers (or to the token endpoint), never in the body.
    for (const secret of [...Object.values(MS_CREDENTIALS), MS_ACCESS_TOKEN])
      expect(req?.body).not.toContain(secret);
    expect(Object.keys(req?.json ?? {})).toEqual(["OfflineConversions"]);
    expect(req?.json.OfflineConversions).toHaveLength(1);
    const lead = await db().select().from(leads).where(eq(leads.siteId, site.id)).get();
    const second = Math.floor((lead?.firstMessageAt ?? 0) / 1000) * 1000;
    expect(conversionOf(req?.json ?? {})).toEqual({
      MicrosoftClickId: "f894f652ea334e739002f7167ab8f8e3",
      ConversionName: GOAL,
      ConversionTime: new Date(second).toISOString().replace(".000Z", "Z"),
      ConversionValue: 25,
      ConversionCurrencyCode: "EUR",
    });
    expect(String(conversionOf(req?.json ?? {}).ConversionTime)).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    const [row] = byKind(await listDeliveries(site), "microsoft_ads");
    expect(row).toMatchObject({ status: "sent", response_status: 200, last_error: null });
  });

  it("the token: refresh_token grant with client id, secret and the msads.manage scope; cached", async () => {
    const { site, sinks } = await siteWithMicrosoftAds();
    await forwarded(site, "msclkid-token-1");
    await forwarded(site, "msclkid-token-2");
    const tokenReqs = await received(sinks.token);
    // One exchange for two leads: the token is cached per destination.
    expect(tokenReqs).toHaveLength(1);
    const [t] = tokenReqs;
    expect(t?.method).toBe("POST");
    expect(t?.path).toBe("/common/oauth2/v2.0/token");
    expect(t?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(t?.body))).toEqual({
      grant_type: "refresh_token",
      client_id: MS_CREDENTIALS.client_id,
      client_secret: MS_CREDENTIALS.client_secret,
      refresh_token: MS_CREDENTIALS.refresh_token,
      scope: "https://ads.microsoft.com/msads.manage offline_access",
    });
    expect(MICROSOFT_ADS_SCOPE).toBe("https://ads.microsoft.com/msads.manage offline_access");
    const reqs = await applied(sinks.api);
    expect(reqs.map((r) => conversionOf(r.json).MicrosoftClickId)).toEqual([
      "msclkid-token-1",
      "msclkid-token-2",
    ]);
    // Without value and currency the conversion names neither (the goal's defaults apply).
    for (const r of reqs)
      expect(Object.keys(conversionOf(r.json)).sort()).toEqual(
        ["ConversionName", "ConversionTime", "MicrosoftClickId"].sort(),
      );
  });

  it("a public client (no client_secret) sends none", async () => {
    const { client_secret: _s, ...publicClient } = MS_CREDENTIALS;
    const { site, sinks } = await siteWithMicrosoftAds({ credentials: publicClient });
    await forwarded(site, "msclkid-public-1");
    const [t] = await received(sinks.token);
    const form = Object.fromEntries(new URLSearchParams(t?.body));
    expect(form).not.toHaveProperty("client_secret");
    expect(form.client_id).toBe(MS_CREDENTIALS.client_id);
    expect(await applied(sinks.api)).toHaveLength(1);
  });

  it("the conversion time is never before the click (the two clocks may disagree)", async () => {
    const { site, sinks } = await siteWithMicrosoftAds();
    const { ids } = await microsoftLead(site, { msclkid: "msclkid-clock-1" });
    const click = await db()
      .select()
      .from(clicks)
      .where(eq(clicks.msclkid, "msclkid-clock-1"))
      .get();
    const lead = await db().select().from(leads).where(eq(leads.siteId, site.id)).get();
    // The beacon's clock ran ahead of WhatsApp's: the click looks 5 s after the message.
    const later = (lead?.firstMessageAt ?? 0) + 5_000;
    await db()
      .update(clicks)
      .set({ createdAt: later })
      .where(eq(clicks.id, click?.id ?? 0))
      .run();
    await runQueue(ids);
    const [req] = await applied(sinks.api);
    expect(conversionOf(req?.json ?? {}).ConversionTime).toBe(
      new Date(Math.floor(later / 1000) * 1000).toISOString().replace(".000Z", "Z"),
    );
  });

  it("a row stored as the demo seed stores it (plain. credential, its config) delivers", async () => {
    const { site, dest, sinks } = await siteWithMicrosoftAds();
    // scripts/demo-seed.sql's dst_demo_microsoft_ads, endpoints aside (the fakes here).
    const stored = (
      await db().select().from(destinations).where(eq(destinations.id, dest.id)).get()
    )?.config;
    await db()
      .update(destinations)
      .set({
        config: {
          ...stored,
          conversion_name: "WhatsApp lead",
          customer_id: "100000001",
          account_id: "100000002",
          conversion_window_days: 90,
        },
        secret:
          "plain.eyJkZXZlbG9wZXJfdG9rZW4iOiJkZXYtbWljcm9zb2Z0LWRldmVsb3Blci10b2tlbiIsImNsaWVudF9zZWNyZXQiOiJkZXYtbWljcm9zb2Z0LWNsaWVudC1zZWNyZXQiLCJyZWZyZXNoX3Rva2VuIjoiZGV2LW1pY3Jvc29mdC1yZWZyZXNoLXRva2VuIiwiY2xpZW50X2lkIjoiZGV2LW1pY3Jvc29mdC1jbGllbnQtaWQifQ",
      })
      .where(eq(destinations.id, dest.id))
      .run();
    await forwarded(site, "msclkid-demo-seed");
    const [tr] = await received(sinks.token);
    expect(new URLSearchParams(tr?.body).get("refresh_token")).toBe("dev-microsoft-refresh-token");
    const [req] = await applied(sinks.api);
    expect(req?.headers.developertoken).toBe("dev-microsoft-developer-token");
    expect(req?.headers.customeraccountid).toBe("100000002");
  });
});

describe("microsoft_ads: skipped with the reason", () => {
  it("no msclkid; a click older than 90 days; nothing sent, no token asked", async () => {
    await expectNoIdAndOldSkipped(await siteWithMicrosoftAds(), microsoftLead, SKIPPED, [
      MICROSOFT_ADS_NO_MSCLKID,
      MICROSOFT_ADS_TOO_OLD,
    ]);
    expect(MICROSOFT_ADS_NO_MSCLKID).toBe(
      "no msclkid: the lead's visit did not come from a Microsoft Advertising click",
    );
    expect(MICROSOFT_ADS_TOO_OLD).toBe(
      "the click is older than 90 days, the conversion window of this Microsoft Advertising destination",
    );
  });

  it("a shorter configured window: 29 days sent, 31 days skipped with that window's reason", async () => {
    const { site, sinks } = await siteWithMicrosoftAds({ conversion_window_days: 30 });
    const inside = await microsoftLead(site, { msclkid: "msclkid-29d" });
    const outside = await microsoftLead(site, { msclkid: "msclkid-31d" });
    await ageClick("msclkid", "msclkid-29d", 29 * DAY);
    await ageClick("msclkid", "msclkid-31d", 31 * DAY);
    await runQueue([...inside.ids, ...outside.ids]);
    const rows = byKind(await listDeliveries(site), "microsoft_ads");
    expect(rows.map((x) => [x.status, x.last_error]).sort()).toEqual(
      [
        ["sent", null],
        ["skipped", microsoftAdsTooOld(30)],
      ].sort(),
    );
    const sent = await applied(sinks.api);
    expect(sent.map((r) => conversionOf(r.json).MicrosoftClickId)).toEqual(["msclkid-29d"]);
  });

  it("backfill writes leads past the 90-day window skipped with that reason", async () => {
    const site = await createSite();
    await leadsAged(site, "msclkid", [3600, 95 * 24 * 3600]);
    const dest = await createDestination(site, MS_BASE);
    await expectBackfillWindow(site, dest.id, 100 * DAY, MICROSOFT_ADS_TOO_OLD);
  });
});
