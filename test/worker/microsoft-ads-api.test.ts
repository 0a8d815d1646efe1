/**
 * The `microsoft_ads` destination through the destinations API: settings checked at the edge with
 * clear 400s, the credential (developer token, client secret, refresh token) sealed and never
 * returned, PATCH of the goal and window, the host pin (Microsoft's Campaign Management and
 * identity hosts only, at creation and again at delivery), and a credential that never follows a
 * moved endpoint or token endpoint.
 */
import { describe, expect, it } from "vitest";
import { createSealed, describeDestinationApi } from "./destination-test-kit";
import { apiSend, runQueue } from "./forward-helpers";
import { destinationRow } from "./forward-safety-helpers";
import { createSite } from "./helpers";
import {
  applied,
  conversionOf,
  MS_BASE,
  MS_CREDENTIALS,
  microsoftLead,
  siteWithMicrosoftAds,
} from "./microsoft-ads-helpers";

const SECRETS = [
  MS_CREDENTIALS.developer_token,
  MS_CREDENTIALS.client_secret,
  MS_CREDENTIALS.refresh_token,
];
const USE = "use campaign.api.bingads.microsoft.com or login.microsoftonline.com";
const { refresh_token: _r, ...noRefresh } = MS_CREDENTIALS;

describeDestinationApi({
  kind: "microsoft_ads",
  base: MS_BASE,
  refusals: [
    [{ conversion_name: undefined }, /^conversion_name: /],
    [{ conversion_name: "x".repeat(101) }, /^conversion_name: /],
    [{ customer_id: "12-34" }, "customer_id: customer_id: digits only"],
    [{ account_id: undefined }, /^account_id: /],
    [{ credentials: undefined }, /^credentials: /],
    [{ credentials: noRefresh }, "credentials.refresh_token: refresh_token is missing"],
    [
      { credentials: { ...MS_CREDENTIALS, developer_token: "has space" } },
      "credentials.developer_token: developer_token: printable characters without spaces",
    ],
    [{ credentials: { ...MS_CREDENTIALS, tenant: "x" } }, /^credentials: .*tenant/],
    [{ credentials: "a-token-as-text" }, /^credentials: /],
    [{ conversion_window_days: 91 }, /^conversion_window_days: /],
    [{ conversion_window_days: 0 }, /^conversion_window_days: /],
    [{ value: 3 }, "currency: currency is required with value"],
    [{ access_token: "not-this-kind-field" }, /access_token/],
  ],
  hostPin: {
    allowed: [
      "https://campaign.api.bingads.microsoft.com/CampaignManagement/v13",
      "https://login.microsoftonline.com/common/oauth2/v2.0/token",
    ],
    refused: [
      "https://evil.example/CampaignManagement/v13",
      "https://campaign.api.bingads.microsoft.com.evil.example/CampaignManagement/v13",
      "https://login.microsoftonline.com.evil.example/common/oauth2/v2.0/token",
      "https://graph.facebook.com/v24.0",
      "http://campaign.api.bingads.microsoft.com/CampaignManagement/v13",
    ],
    reason: [
      "https://evil.example/x",
      `host evil.example is not allowed for microsoft_ads; ${USE}`,
    ],
    loopback: "http://127.0.0.1:8790/microsoft",
  },
  otherHosts: [
    [
      { endpoint: "https://collector.evil.example/CampaignManagement/v13" },
      `endpoint: host collector.evil.example is not allowed for microsoft_ads; ${USE}`,
    ],
    [
      { token_endpoint: "https://login.evil.example/token" },
      `token_endpoint: host login.evil.example is not allowed for microsoft_ads; ${USE}`,
    ],
  ],
  siteWith: () => siteWithMicrosoftAds(),
  move: {
    secretField: "credentials",
    moves: [
      ["endpoint", "http://127.0.0.1:9/CampaignManagement/v13"],
      ["endpoint", null],
      ["token_endpoint", "http://127.0.0.1:9/token"],
      ["token_endpoint", null],
      // The accounts the credential acts on are where it sends too.
      ["customer_id", "555"],
      ["account_id", "555"],
    ],
    accepted: {
      token_endpoint: "http://127.0.0.1:9/token",
      credentials: { ...MS_CREDENTIALS, refresh_token: "M.C105_another-refresh-token" },
    },
    // Not a move: other settings keep the credential.
    keep: { conversion_name: "Another goal", conversion_window_days: 30 },
  },
  // The token endpoint is where the refresh token and client secret would go: checked first.
  atDelivery: {
    stored: {
      token_endpoint: "https://login.microsoftonline.com.evil.example/common/oauth2/v2.0/token",
    },
    lead: (site) => microsoftLead(site, { msclkid: "msclkid-policy-token" }),
    lastError: `OAuth token: destination URL refused: host login.microsoftonline.com.evil.example is not allowed for microsoft_ads; ${USE}`,
  },
});

describe("microsoft_ads: the credential and the settings", () => {
  it("the credential is sealed and never returned, its last 4 from client_id; window default 90", async () => {
    const { made, config } = await createSealed(await createSite(), MS_BASE, SECRETS);
    expect(made.events).toEqual(["lead.created"]);
    expect(config).toEqual({
      conversion_name: "WhatsApp lead",
      customer_id: "123456789",
      account_id: "987654321",
      conversion_window_days: 90,
      // The end of the canonical JSON: client_id's last characters, never a secret's.
      credentials_last4: 'd9"}',
    });
  });

  it("PATCH changes the goal and window, null restores the default; the next lead uses them", async () => {
    const { site, dest, sinks } = await siteWithMicrosoftAds();
    const path = `/api/v1/destinations/${dest.id}`;
    const patched = await apiSend(site, "PATCH", path, {
      conversion_name: "Chat started",
      conversion_window_days: 30,
      value: 5,
      currency: "USD",
    });
    expect(patched.status).toBe(200);
    expect((await destinationRow(dest.id))?.config).toMatchObject({
      conversion_name: "Chat started",
      conversion_window_days: 30,
    });
    const lead = await microsoftLead(site, { msclkid: "msclkid-patched" });
    await runQueue(lead.ids);
    const [req] = await applied(sinks.api);
    expect(conversionOf(req?.json ?? {})).toMatchObject({
      ConversionName: "Chat started",
      ConversionValue: 5,
      ConversionCurrencyCode: "USD",
    });
    const cleared = await apiSend(site, "PATCH", path, { conversion_window_days: null });
    expect(cleared.status).toBe(200);
    expect((await destinationRow(dest.id))?.config.conversion_window_days).toBe(90);
    const bad = await apiSend(site, "PATCH", path, { conversion_window_days: 120 });
    expect(bad.status).toBe(400);
  });
});
