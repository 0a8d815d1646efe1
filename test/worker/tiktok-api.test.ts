/**
 * The `tiktok` destination through the destinations API: settings checked at the edge with clear
 * 400s, the access token sealed and never returned, the host pin (business-api.tiktok.com only,
 * at creation and again at delivery), and a token that never follows a moved endpoint.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
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
import { createSite, db, type TestSite } from "./helpers";
import { PIXEL, siteWithTiktok, TIKTOK_TOKEN, tiktokLead } from "./tiktok-helpers";

const BASE = { kind: "tiktok", name: "TikTok", pixel_code: PIXEL, access_token: TIKTOK_TOKEN };

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

describe("tiktok: settings and the token at the edge", () => {
  it("400 with a clear message for each bad setting; nothing stored", async () => {
    const site = await createSite();
    const cases: [object, string | RegExp][] = [
      [{ pixel_code: "no!" }, /^pixel_code: /],
      [{ pixel_code: undefined }, /^pixel_code: /],
      [{ access_token: undefined }, /^access_token: /],
      [{ access_token: "short" }, /^access_token: /],
      [{ event_name: "Lead<script>" }, /^event_name: 1–40 letters, digits, spaces or underscores/],
      [{ event_name: "x".repeat(41) }, /^event_name: /],
      [{ value: 3 }, "currency: currency is required with value"],
      [{ credentials: "x" }, /credentials/],
    ];
    for (const [patch, message] of cases) {
      const error = await refusal(site, { ...BASE, ...patch });
      expect(error.code, JSON.stringify(patch)).toBe("validation_failed");
      if (typeof message === "string") expect(error.message).toBe(message);
      else expect(error.message, JSON.stringify(patch)).toMatch(message);
    }
    const stored = await db().select().from(destinations).where(eq(destinations.siteId, site.id));
    expect(stored).toEqual([]);
  });

  it("the token is sealed and never returned, only its last 4", async () => {
    const site = await createSite();
    const made = await createDestination(site, { ...BASE, event_name: "Contact" });
    expect(made.events).toEqual(["lead.created"]);
    const got = await apiSend(site, "GET", `/api/v1/destinations/${made.id}`);
    const text = await got.text();
    expect(text).not.toContain(TIKTOK_TOKEN);
    const config = (JSON.parse(text) as { config: Record<string, unknown> }).config;
    expect(config).toMatchObject({
      pixel_code: PIXEL,
      event_name: "Contact",
      access_token_last4: "0001",
    });
    const row = await destinationRow(made.id);
    expect(row?.secret).toMatch(/^v1\./);
    expect(row?.secret).not.toContain(TIKTOK_TOKEN);
  });
});

describe("tiktok: where the token may go", () => {
  it("only business-api.tiktok.com (loopback only in local development)", () => {
    expect(urlProblem("https://business-api.tiktok.com/open_api/v1.3", "tiktok", false)).toBeNull();
    for (const bad of [
      "https://evil.example/open_api/v1.3",
      "https://business-api.tiktok.com.evil.example/open_api/v1.3",
      "https://ads.tiktok.com/open_api/v1.3",
      "https://graph.facebook.com/v24.0",
      "http://business-api.tiktok.com/open_api/v1.3",
      "http://127.0.0.1:8790/tiktok",
    ])
      expect(urlProblem(bad, "tiktok", false), bad).not.toBeNull();
    expect(urlProblem("https://evil.example/x", "tiktok", false)).toBe(
      "host evil.example is not allowed for tiktok; use business-api.tiktok.com",
    );
    expect(urlProblem("http://127.0.0.1:8790/tiktok", "tiktok", true)).toBeNull();
  });

  it("the API refuses another host for endpoint", async () => {
    const site = await createSite();
    const res = await callWith(
      apiRequest(site, "POST", "/api/v1/destinations", {
        ...BASE,
        endpoint: "https://collector.evil.example/open_api/v1.3",
      }),
      PRODUCTION,
    );
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toBe(
      "endpoint: host collector.evil.example is not allowed for tiktok; use business-api.tiktok.com",
    );
  });

  it("moving endpoint needs access_token again: 400 without, 200 with; other settings keep it", async () => {
    const { site, dest, sink } = await siteWithTiktok();
    const path = `/api/v1/destinations/${dest.id}`;
    const before = await destinationRow(dest.id);
    for (const value of ["http://127.0.0.1:9/open_api/v1.3", null]) {
      const error = await refusal(site, { endpoint: value }, "PATCH", path);
      expect(error.message).toBe(
        "endpoint: changing where this destination sends needs access_token again in the same request (the stored one stays with its endpoint)",
      );
    }
    expect(await destinationRow(dest.id)).toEqual(before);
    const ok = await apiSend(site, "PATCH", path, {
      endpoint: "http://127.0.0.1:9/open_api/v1.3",
      access_token: "another-tiktok-token-0002",
    });
    expect(ok.status).toBe(200);
    expect((await destinationRow(dest.id))?.config.endpoint).toBe(
      "http://127.0.0.1:9/open_api/v1.3",
    );
    const same = await apiSend(site, "PATCH", path, {
      event_name: "SubmitForm",
      test_event_code: "T1",
    });
    expect(same.status).toBe(200);
    expect((await destinationRow(dest.id))?.config).toMatchObject({
      event_name: "SubmitForm",
      test_event_code: "T1",
    });
    expect(await received(sink)).toEqual([]);
  });

  it("at delivery: a stored non-TikTok endpoint gets no request; the row is dead with the reason", async () => {
    const { site, dest } = await siteWithTiktok();
    const stored = (await destinationRow(dest.id))?.config ?? {};
    await db()
      .update(destinations)
      .set({ config: { ...stored, endpoint: "https://business-api.tiktok.com.evil.example/v1.3" } })
      .where(eq(destinations.id, dest.id))
      .run();
    const { ids } = await tiktokLead(site, { ttclid: "ttclid-policy" });
    const [id = ""] = ids;
    expect(await deliverOutbox(PRODUCTION, id)).toEqual({ outcome: "dead" });
    const row = await outboxRow(id);
    expect(row?.lastError).toBe(
      "destination URL refused: host business-api.tiktok.com.evil.example is not allowed for tiktok; use business-api.tiktok.com",
    );
  });
});
