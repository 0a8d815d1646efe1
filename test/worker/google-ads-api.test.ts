/**
 * The `google_ads` destination through the destinations API: its settings and credential checked
 * at the edge with clear 400s, the credential sealed and never returned, the URL policy on both
 * URLs (the Data Manager endpoint and the token endpoint, Google's hosts only), a credential that
 * never follows a moved endpoint or token endpoint, and the policy again at delivery.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { destinations } from "../../worker/db/schema";
import { deliverOutbox } from "../../worker/forward/deliver";
import { urlProblem } from "../../worker/forward/url-policy";
import { apiSend, createDestination, received } from "./forward-helpers";
import {
  apiRequest,
  callWith,
  destinationRow,
  outboxRow,
  PRODUCTION,
} from "./forward-safety-helpers";
import {
  googleLead,
  keyFile,
  REFRESH,
  serviceAccountKey,
  siteWithGoogleAds,
} from "./google-ads-helpers";
import { createSite, db, type TestSite } from "./helpers";

let pemKey = "";
beforeAll(async () => {
  pemKey = (await serviceAccountKey()).privateKeyPem;
});

const BASE = {
  kind: "google_ads",
  name: "Ads",
  customer_id: "1234567890",
  conversion_action_id: "42",
};

async function refusal(
  site: TestSite,
  body: object,
  method = "POST",
  path = "/api/v1/destinations",
) {
  const res = await apiSend(site, method, path, body);
  const text = await res.text();
  expect(res.status, text).toBe(400);
  return (JSON.parse(text) as { error: { code: string; message: string } }).error;
}

describe("google_ads: settings and credentials at the edge", () => {
  it("400 with a clear message for each bad credential or setting; nothing stored", async () => {
    const site = await createSite();
    const cases: [object, string][] = [
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
      [
        { credentials: REFRESH, ad_user_data: "yes" },
        expect.stringMatching(/^ad_user_data: /) as unknown as string,
      ],
    ];
    for (const [patch, message] of cases) {
      const error = await refusal(site, { ...BASE, ...patch });
      expect(error, JSON.stringify(patch)).toEqual({ code: "validation_failed", message });
    }
    const stored = await db().select().from(destinations).where(eq(destinations.siteId, site.id));
    expect(stored).toEqual([]);
  });

  it("the credential is sealed and never returned; its last4 holds no key or token characters", async () => {
    const site = await createSite();
    for (const credentials of [keyFile(pemKey), JSON.stringify(REFRESH)]) {
      const made = await createDestination(site, { ...BASE, credentials });
      const got = await apiSend(site, "GET", `/api/v1/destinations/${made.id}`);
      const text = await got.text();
      for (const secret of [pemKey.slice(40, 80), REFRESH.refresh_token, REFRESH.client_secret])
        expect(text).not.toContain(secret);
      const config = (JSON.parse(text) as { config: Record<string, unknown> }).config;
      expect(config.credentials_last4).toBe('om"}');
      const row = await destinationRow(made.id);
      expect(row?.secret).toMatch(/^v1\./);
      expect(row?.secret).not.toContain("PRIVATE KEY");
      expect(row?.secret).not.toContain(REFRESH.refresh_token);
    }
  });
});

describe("google_ads: where the credential may go", () => {
  it("only Google's Data Manager and OAuth hosts (loopback only in local development)", () => {
    for (const ok of [
      "https://datamanager.googleapis.com/v1",
      "https://oauth2.googleapis.com/token",
    ])
      expect(urlProblem(ok, "google_ads", false), ok).toBeNull();
    for (const bad of [
      "https://evil.example/v1",
      "https://datamanager.googleapis.com.evil.example/v1",
      "https://googleads.googleapis.com/v21",
      "https://www.google-analytics.com/mp/collect",
      "http://oauth2.googleapis.com/token",
      "http://127.0.0.1:8790/token",
    ])
      expect(urlProblem(bad, "google_ads", false), bad).not.toBeNull();
    expect(urlProblem("https://evil.example/v1", "google_ads", false)).toMatch(
      /not allowed for google_ads/,
    );
    expect(urlProblem("http://127.0.0.1:8790/token", "google_ads", true)).toBeNull();
  });

  it("the API refuses other hosts for endpoint and token_endpoint", async () => {
    const site = await createSite();
    for (const [field, url] of [
      ["endpoint", "https://collector.evil.example/v1"],
      ["token_endpoint", "https://tokens.evil.example/token"],
    ] as const) {
      const res = await callWith(
        apiRequest(site, "POST", "/api/v1/destinations", {
          ...BASE,
          credentials: REFRESH,
          [field]: url,
        }),
        PRODUCTION,
      );
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { message: string } };
      expect(error.message).toMatch(
        new RegExp(`^${field}: host .*evil\\.example is not allowed for google_ads`),
      );
    }
  });

  it("moving endpoint or token_endpoint needs credentials again: 400 without, 200 with", async () => {
    const { site, dest, sinks } = await siteWithGoogleAds(REFRESH);
    const path = `/api/v1/destinations/${dest.id}`;
    const before = await destinationRow(dest.id);
    for (const [field, value] of [
      ["endpoint", "http://127.0.0.1:9/v1"],
      ["token_endpoint", "http://127.0.0.1:9/token"],
      ["token_endpoint", null],
    ] as const) {
      const error = await refusal(site, { [field]: value }, "PATCH", path);
      expect(error.message).toBe(
        `${field}: changing where this destination sends needs credentials again in the same request (the stored one stays with its endpoint)`,
      );
    }
    expect(await destinationRow(dest.id)).toEqual(before);
    const ok = await apiSend(site, "PATCH", path, {
      token_endpoint: "http://127.0.0.1:9/token",
      credentials: { ...REFRESH, refresh_token: "1//0another-refresh-token" },
    });
    expect(ok.status).toBe(200);
    expect((await destinationRow(dest.id))?.config.token_endpoint).toBe("http://127.0.0.1:9/token");
    // Not a move: other settings keep the credential.
    const same = await apiSend(site, "PATCH", path, {
      validate_only: true,
      customer_id: "999-888-7777",
    });
    expect(same.status).toBe(200);
    expect((await destinationRow(dest.id))?.config).toMatchObject({
      validate_only: true,
      customer_id: "9998887777",
    });
    expect(await received(sinks.token)).toEqual([]);
  });

  it("at delivery: a stored non-Google token endpoint gets no request; the row is dead with the reason", async () => {
    const { site, dest } = await siteWithGoogleAds(REFRESH);
    const stored = (await destinationRow(dest.id))?.config ?? {};
    // Written around the API (an older row, a hand edit): the policy is checked again per request.
    await db()
      .update(destinations)
      .set({
        config: { ...stored, token_endpoint: "https://oauth2.googleapis.com.evil.example/token" },
      })
      .where(eq(destinations.id, dest.id))
      .run();
    const { ids } = await googleLead(site, { gclid: "gclid-policy" });
    const [id = ""] = ids;
    expect(await deliverOutbox(PRODUCTION, id)).toEqual({ outcome: "dead" });
    const row = await outboxRow(id);
    expect(row?.status).toBe("dead");
    expect(row?.lastError).toBe(
      "OAuth token: destination URL refused: host oauth2.googleapis.com.evil.example is not allowed for google_ads; use datamanager.googleapis.com or oauth2.googleapis.com",
    );
  });
});
