/**
 * Google Ads through the Data Manager API (worker/forward/google-ads.ts, google-oauth.ts): the
 * `events:ingest` body checked field by field against protocols.md §6.1, the service account's
 * JWT verified with the matching public key, the refresh-token grant, and one token for many
 * deliveries.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { destinations } from "../../worker/db/schema";
import { e164PhoneHash } from "../../worker/forward/phone-hash";
import { received, sinkUrl } from "./forward-helpers";
import {
  ACCESS_TOKEN,
  b64urlBytes,
  CLIENT_EMAIL,
  googleLeadForwarded,
  ingested,
  jwtPart,
  keyFile,
  REFRESH,
  serviceAccountKey,
  siteWithGoogleAds,
} from "./google-ads-helpers";
import { db } from "./helpers";

let key: Awaited<ReturnType<typeof serviceAccountKey>>;
beforeAll(async () => {
  key = await serviceAccountKey();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("google_ads: the events:ingest request", () => {
  it("sends one conversion per lead in §6.1's shape, with the token and the hashed +E.164 phone", async () => {
    const { site, sinks, dest } = await siteWithGoogleAds(keyFile(key.privateKeyPem), {
      value: 12.5,
      currency: "EUR",
      login_customer_id: "111-222-3333",
    });
    expect(dest.config).toMatchObject({
      customer_id: "1234567890",
      login_customer_id: "1112223333",
      validate_only: false,
      ad_user_data: "granted",
      ad_personalization: "denied",
    });
    const { run, phone } = await googleLeadForwarded(site, {
      gclid: "Cj0KCQ-test_gclid-0001",
      gbraid: "gbraid-not-sent",
    });
    expect(run.acked).toHaveLength(1);
    const [req] = await ingested(sinks.ads);
    expect(req?.method).toBe("POST");
    expect(req?.path).toBe("/v1/events:ingest");
    expect(req?.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(req?.headers["content-type"]).toBe("application/json");
    const body = req?.json as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["destinations", "encoding", "events"]);
    expect(body.destinations).toEqual([
      {
        operatingAccount: { accountType: "GOOGLE_ADS", accountId: "1234567890" },
        loginAccount: { accountType: "GOOGLE_ADS", accountId: "1112223333" },
        productDestinationId: "987654321",
      },
    ]);
    expect(body.encoding).toBe("HEX");
    const events = body.events as Record<string, unknown>[];
    expect(events).toHaveLength(1);
    const event = events[0] as Record<string, unknown>;
    expect(event.adIdentifiers).toEqual({ gclid: "Cj0KCQ-test_gclid-0001" });
    expect(event.eventTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(Math.abs(Date.parse(String(event.eventTimestamp)) - Date.now())).toBeLessThan(60_000);
    expect(String(event.transactionId)).toMatch(/^lead_/);
    expect(event.eventSource).toBe("OTHER");
    expect(event.conversionValue).toBe(12.5);
    expect(event.currency).toBe("EUR");
    // Google's rule: SHA-256 hex of E.164 with the `+` (protocols.md §5.3).
    const hash = await e164PhoneHash(phone);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(event.userData).toEqual({ userIdentifiers: [{ phoneNumber: hash }] });
    expect(event.consent).toEqual({
      adUserData: "CONSENT_GRANTED",
      adPersonalization: "CONSENT_DENIED",
    });
    expect(Object.keys(event).sort()).toEqual(
      [
        "adIdentifiers",
        "eventTimestamp",
        "transactionId",
        "eventSource",
        "conversionValue",
        "currency",
        "userData",
        "consent",
      ].sort(),
    );
  });

  it("§5.3's worked example: +16505551212 hashes to Google's value", async () => {
    expect(await e164PhoneHash("16505551212")).toBe(
      "1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8",
    );
  });

  it("gbraid before wbraid; ad_user_data denied: no phone, no encoding; validate_only sends validateOnly", async () => {
    const { site, sinks } = await siteWithGoogleAds(keyFile(key.privateKeyPem), {
      ad_user_data: "denied",
      ad_personalization: "granted",
      validate_only: true,
    });
    await googleLeadForwarded(site, { gbraid: "gbraid-0001", wbraid: "wbraid-0001" });
    await googleLeadForwarded(site, { wbraid: "wbraid-0002" });
    const reqs = await ingested(sinks.ads);
    expect(reqs).toHaveLength(2);
    for (const r of reqs) {
      expect(r.json.validateOnly).toBe(true);
      expect(r.json).not.toHaveProperty("encoding");
      const event = (r.json.events as Record<string, unknown>[])[0];
      expect(event).not.toHaveProperty("userData");
      expect(event).not.toHaveProperty("conversionValue");
      expect(event?.consent).toEqual({
        adUserData: "CONSENT_DENIED",
        adPersonalization: "CONSENT_GRANTED",
      });
    }
    const ids = reqs.map((r) => (r.json.events as { adIdentifiers: unknown }[])[0]?.adIdentifiers);
    expect(ids).toEqual([{ gbraid: "gbraid-0001" }, { wbraid: "wbraid-0002" }]);
  });
});

describe("google_ads: OAuth in the Worker", () => {
  it("a service account's JWT verifies with its public key, claims right; one token for two deliveries", async () => {
    const { site, sinks } = await siteWithGoogleAds(JSON.stringify(keyFile(key.privateKeyPem)));
    const before = Math.floor(Date.now() / 1000);
    await googleLeadForwarded(site, { gclid: "gclid-jwt-1" });
    await googleLeadForwarded(site, { gclid: "gclid-jwt-2" });
    expect(await ingested(sinks.ads)).toHaveLength(2);
    const tokenRequests = await received(sinks.token);
    expect(tokenRequests).toHaveLength(1);
    const [tr] = tokenRequests;
    expect(tr?.path).toBe("/token");
    expect(tr?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(tr?.body);
    expect([...form.keys()].sort()).toEqual(["assertion", "grant_type"]);
    expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const jwt = form.get("assertion") ?? "";
    const [h = "", c = "", s = ""] = jwt.split(".");
    expect(jwtPart(h)).toEqual({ alg: "RS256", typ: "JWT" });
    const claims = jwtPart(c);
    expect(claims).toEqual({
      iss: CLIENT_EMAIL,
      scope: "https://www.googleapis.com/auth/datamanager",
      aud: `${sinkUrl(sinks.token)}/token`,
      iat: expect.any(Number),
      exp: expect.any(Number),
    });
    expect(claims.iat).toBeGreaterThanOrEqual(before - 1);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    const valid = await crypto.subtle.verify(
      "RSASSA-PKCS1-v1_5",
      key.publicKey,
      b64urlBytes(s),
      new TextEncoder().encode(`${h}.${c}`),
    );
    expect(valid).toBe(true);
    // A tampered claim no longer verifies (the check above can fail).
    const forged = await crypto.subtle.verify(
      "RSASSA-PKCS1-v1_5",
      key.publicKey,
      b64urlBytes(s),
      new TextEncoder().encode(`${h}.${c}x`),
    );
    expect(forged).toBe(false);
  });

  it("a refresh token is exchanged with grant_type=refresh_token", async () => {
    const { site, sinks } = await siteWithGoogleAds({ type: "authorized_user", ...REFRESH });
    await googleLeadForwarded(site, { gclid: "gclid-refresh-1" });
    const [tr] = await received(sinks.token);
    expect(Object.fromEntries(new URLSearchParams(tr?.body))).toEqual({
      grant_type: "refresh_token",
      ...REFRESH,
    });
    const [req] = await ingested(sinks.ads);
    expect(req?.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
  });
  it("a row stored as the demo seed stores it (plain. refresh-token JSON) delivers", async () => {
    const { site, dest, sinks } = await siteWithGoogleAds(REFRESH);
    const demo = {
      type: "refresh_token",
      client_secret: "dev-google-client-secret",
      refresh_token: "dev-google-refresh-token",
      client_id: "dev-google-client.apps.googleusercontent.com",
    };
    const b64url = btoa(JSON.stringify(demo)).replace(/\+/g, "-").replace(/\//g, "_");
    await db()
      .update(destinations)
      .set({ secret: `plain.${b64url.replace(/=+$/, "")}` })
      .where(eq(destinations.id, dest.id))
      .run();
    await googleLeadForwarded(site, { gclid: "gclid-demo-seed" });
    const [tr] = await received(sinks.token);
    expect(new URLSearchParams(tr?.body).get("refresh_token")).toBe("dev-google-refresh-token");
    expect(await ingested(sinks.ads)).toHaveLength(1);
  });
});
