/**
 * The `yandex_metrica` destination through the destinations API: settings checked at the edge
 * (counter digits, BASIC needs a goal), the OAuth token sealed and never returned, the URL policy
 * pinning Metrica's host (at the API and again at upload), and a token that never follows a moved
 * endpoint.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { destinations } from "../../worker/db/schema";
import { urlProblem } from "../../worker/forward/url-policy";
import { apiSend, received } from "./forward-helpers";
import { apiRequest, callWith, destinationRow, PRODUCTION } from "./forward-safety-helpers";
import { createSite, db, type TestSite } from "./helpers";
import { outboxOf, runYandex, siteWithYandex, TOKEN, yandexLead } from "./yandex-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const BASE = {
  kind: "yandex_metrica",
  name: "Metrica",
  counter_id: "44147844",
  oauth_token: TOKEN,
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

describe("yandex_metrica: settings and token at the edge", () => {
  it("400 with a clear message for each bad setting; nothing stored", async () => {
    const site = await createSite();
    const cases: [object, string][] = [
      [{ counter_id: "ym-44147844" }, "counter_id: counter_id: digits only"],
      [
        { upload_type: "BASIC" },
        "goal: goal is required with upload_type BASIC (the JavaScript-event goal identifier)",
      ],
      [{ upload_type: "CALLS" }, expect.stringMatching(/^upload_type: /) as unknown as string],
      [
        { upload_type: "BASIC", goal: "two words" },
        "goal: goal: the JavaScript-event goal identifier (no spaces, commas or quotes)",
      ],
      [{ value: 3 }, "currency: currency is required with value"],
      [{ oauth_token: "short" }, expect.stringMatching(/^oauth_token: /) as unknown as string],
    ];
    for (const [patch, message] of cases) {
      const error = await refusal(site, { ...BASE, ...patch });
      expect(error, JSON.stringify(patch)).toEqual({ code: "validation_failed", message });
    }
    expect(await db().select().from(destinations).where(eq(destinations.siteId, site.id))).toEqual(
      [],
    );
  });

  it("the token is sealed and never returned; CHATS is the default", async () => {
    const { site, dest } = await siteWithYandex();
    const got = await apiSend(site, "GET", `/api/v1/destinations/${dest.id}`);
    const text = await got.text();
    expect(text).not.toContain(TOKEN);
    const { config } = JSON.parse(text) as { config: Record<string, unknown> };
    expect(config).toMatchObject({ counter_id: "44147844", upload_type: "CHATS" });
    expect(config.oauth_token_last4).toBe(TOKEN.slice(-4));
    expect((await destinationRow(dest.id))?.secret).not.toContain(TOKEN);
  });
});

describe("yandex_metrica: where the token may go", () => {
  it("only api-metrika.yandex.net (loopback only in local development)", () => {
    expect(
      urlProblem("https://api-metrika.yandex.net/management/v1", "yandex_metrica", false),
    ).toBeNull();
    for (const bad of [
      "https://evil.example/management/v1",
      "https://api-metrika.yandex.net.evil.example/management/v1",
      "https://api-metrica.yandex.net/management/v1",
      "https://oauth.yandex.ru/token",
      "http://api-metrika.yandex.net/management/v1",
      "http://127.0.0.1:8790/yandex/management/v1",
    ])
      expect(urlProblem(bad, "yandex_metrica", false), bad).not.toBeNull();
    expect(urlProblem("https://evil.example/x", "yandex_metrica", false)).toBe(
      "host evil.example is not allowed for yandex_metrica; use api-metrika.yandex.net",
    );
    expect(urlProblem("http://127.0.0.1:8790/yandex", "yandex_metrica", true)).toBeNull();
  });

  it("the API refuses another host for endpoint", async () => {
    const site = await createSite();
    const res = await callWith(
      apiRequest(site, "POST", "/api/v1/destinations", {
        ...BASE,
        endpoint: "https://collector.evil.example/management/v1",
      }),
      PRODUCTION,
    );
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toBe(
      "endpoint: host collector.evil.example is not allowed for yandex_metrica; use api-metrika.yandex.net",
    );
  });

  it("moving endpoint needs oauth_token again: 400 without, 200 with", async () => {
    const { site, dest, sink } = await siteWithYandex();
    const path = `/api/v1/destinations/${dest.id}`;
    const before = await destinationRow(dest.id);
    for (const value of ["http://127.0.0.1:9/management/v1", null]) {
      const error = await refusal(site, { endpoint: value }, "PATCH", path);
      expect(error.message).toBe(
        "endpoint: changing where this destination sends needs oauth_token again in the same request (the stored one stays with its endpoint)",
      );
    }
    expect(await destinationRow(dest.id)).toEqual(before);
    const ok = await apiSend(site, "PATCH", path, {
      endpoint: "http://127.0.0.1:9/management/v1",
      oauth_token: "y0_AgAAAAAnotherToken0002",
    });
    expect(ok.status).toBe(200);
    // Not a move: other settings keep the token.
    const same = await apiSend(site, "PATCH", path, { upload_type: "BASIC", goal: "chat" });
    expect(same.status).toBe(200);
    expect((await destinationRow(dest.id))?.config).toMatchObject({
      upload_type: "BASIC",
      goal: "chat",
    });
    expect(await received(sink)).toEqual([]);
  });

  it("at upload: a stored non-Metrica endpoint gets no request; the rows are dead with the reason", async () => {
    const { site, dest, sink } = await siteWithYandex();
    const stored = (await destinationRow(dest.id))?.config ?? {};
    // Written around the API (an older row, a hand edit): the policy is checked again per request.
    await db()
      .update(destinations)
      .set({ config: { ...stored, endpoint: "https://api-metrika.yandex.net.evil.example/v1" } })
      .where(eq(destinations.id, dest.id))
      .run();
    const { ids } = await yandexLead(site, { yclid: "77" });
    await runYandex(1000, PRODUCTION);
    expect(await outboxOf(ids[0] ?? "")).toMatchObject({
      status: "dead",
      lastError:
        "destination URL refused: host api-metrika.yandex.net.evil.example is not allowed for yandex_metrica; use api-metrika.yandex.net",
    });
    expect(await received(sink)).toEqual([]);
  });
});
