/**
 * The `google_ads` destination through the destinations API: its settings and credential checked
 * at the edge with clear 400s, the credential sealed and never returned, the URL policy on both
 * URLs (the Data Manager endpoint and the token endpoint, Google's hosts only), a credential that
 * never follows a moved endpoint or token endpoint, and the policy again at delivery.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createSealed, describeDestinationApi } from "./destination-test-kit";
import {
  GOOGLE_ADS_BASE,
  googleLead,
  keyFile,
  REFRESH,
  serviceAccountKey,
  siteWithGoogleAds,
} from "./google-ads-helpers";
import { createSite } from "./helpers";

let pemKey = "";
beforeAll(async () => {
  pemKey = (await serviceAccountKey()).privateKeyPem;
});

const BASE = GOOGLE_ADS_BASE;

describeDestinationApi({
  kind: "google_ads",
  base: BASE,
  refusals: [
    [
      { credentials: "{not json" },
      "credentials: not JSON: paste the service-account key file or a refresh-token JSON",
    ],
    [
      { credentials: [1] },
      "credentials: must be a JSON object (a service-account key or a refresh-token JSON) or its text (at most 12000 characters)",
    ],
    [
      { credentials: { type: "service_account", client_email: "a@b.iam.gserviceaccount.com" } },
      "credentials: service account: private_key is missing",
    ],
    [
      {
        credentials: {
          ...keyFile("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"),
        },
      },
      "credentials: service account: private_key is not a PKCS#8 PEM (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----)",
    ],
    [
      { credentials: { ...keyFile("x"), private_key: undefined, client_email: "nobody" } },
      "credentials: service account: private_key is missing",
    ],
    [
      { credentials: { client_id: "c", client_secret: "s" } },
      "credentials: refresh token: refresh_token is missing",
    ],
    [
      { credentials: { type: "external_account" } },
      'credentials: type "external_account" is neither service_account nor authorized_user',
    ],
    [
      { credentials: REFRESH, customer_id: "123-456-789" },
      "customer_id: customer_id: a 10-digit Google Ads customer id",
    ],
    [
      { credentials: REFRESH, conversion_action_id: "AW-1" },
      "conversion_action_id: conversion_action_id: digits only",
    ],
    [{ credentials: REFRESH, value: 3 }, "currency: currency is required with value"],
    [{ credentials: REFRESH, ad_user_data: "yes" }, /^ad_user_data: /],
  ],
  hostPin: {
    allowed: ["https://datamanager.googleapis.com/v1", "https://oauth2.googleapis.com/token"],
    refused: [
      "https://evil.example/v1",
      "https://datamanager.googleapis.com.evil.example/v1",
      "https://googleads.googleapis.com/v21",
      "https://www.google-analytics.com/mp/collect",
      "http://oauth2.googleapis.com/token",
    ],
    reason: ["https://evil.example/v1", /not allowed for google_ads/],
    loopback: "http://127.0.0.1:8790/token",
  },
  otherHosts: (
    [
      ["endpoint", "https://collector.evil.example/v1"],
      ["token_endpoint", "https://tokens.evil.example/token"],
    ] as const
  ).map(([field, url]) => [
    { credentials: REFRESH, [field]: url },
    new RegExp(`^${field}: host .*evil\\.example is not allowed for google_ads`),
  ]),
  siteWith: () => siteWithGoogleAds(REFRESH),
  move: {
    secretField: "credentials",
    moves: [
      ["endpoint", "http://127.0.0.1:9/v1"],
      ["token_endpoint", "http://127.0.0.1:9/token"],
      ["token_endpoint", null],
      // The accounts the credential acts on are where it sends too.
      ["customer_id", "999-888-7777"],
      ["login_customer_id", "111-222-3333"],
    ],
    accepted: {
      token_endpoint: "http://127.0.0.1:9/token",
      credentials: { ...REFRESH, refresh_token: "1//0another-refresh-token" },
    },
    // Not a move: other settings keep the credential.
    keep: { validate_only: true, conversion_action_id: "555" },
  },
  // Written around the API (an older row, a hand edit): the policy is checked again per request.
  atDelivery: {
    stored: { token_endpoint: "https://oauth2.googleapis.com.evil.example/token" },
    lead: (site) => googleLead(site, { gclid: "gclid-policy" }),
    lastError:
      "OAuth token: destination URL refused: host oauth2.googleapis.com.evil.example is not allowed for google_ads; use datamanager.googleapis.com or oauth2.googleapis.com",
  },
});

describe("google_ads: the credential at rest", () => {
  it("the credential is sealed and never returned; its last4 holds no key or token characters", async () => {
    const site = await createSite();
    for (const credentials of [keyFile(pemKey), JSON.stringify(REFRESH)]) {
      const { config } = await createSealed(site, { ...BASE, credentials }, [
        pemKey.slice(40, 80),
        REFRESH.refresh_token,
        REFRESH.client_secret,
        "PRIVATE KEY",
      ]);
      expect(config.credentials_last4).toBe('om"}');
    }
  });
});
