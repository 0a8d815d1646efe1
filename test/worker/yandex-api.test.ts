/**
 * The `yandex_metrica` destination through the destinations API: settings checked at the edge
 * (counter digits, BASIC needs a goal), the OAuth token sealed and never returned, the URL policy
 * pinning Metrica's host (at the API and again at upload), and a token that never follows a moved
 * endpoint.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { describeDestinationApi, expectSealed, storeAroundApi } from "./destination-test-kit";
import { received } from "./forward-helpers";
import { PRODUCTION } from "./forward-safety-helpers";
import { outboxOf, runYandex, siteWithYandex, TOKEN, yandexLead } from "./yandex-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

describeDestinationApi({
  kind: "yandex_metrica",
  base: { kind: "yandex_metrica", name: "Metrica", counter_id: "44147844", oauth_token: TOKEN },
  refusals: [
    [{ counter_id: "ym-44147844" }, "counter_id: counter_id: digits only"],
    [
      { upload_type: "BASIC" },
      "goal: goal is required with upload_type BASIC (the JavaScript-event goal identifier)",
    ],
    [{ upload_type: "CALLS" }, /^upload_type: /],
    [
      { upload_type: "BASIC", goal: "two words" },
      "goal: goal: the JavaScript-event goal identifier (no spaces, commas or quotes)",
    ],
    [{ value: 3 }, "currency: currency is required with value"],
    // Sale events: each goal checked like `goal`; Metrica takes no refund or lost deal.
    [
      { event_goals: { purchase: "paid order" } },
      "event_goals.purchase: goal: the JavaScript-event goal identifier (no spaces, commas or quotes)",
    ],
    [{ event_goals: { refund: "x" } }, /^event_goals: /],
    [{ events: ["lead.created", "lead.refund"] }, /^events\.1: /],
    [{ events: ["lead.lost"] }, /^events\.0: /],
    [{ oauth_token: "short" }, /^oauth_token: /],
  ],
  hostPin: {
    allowed: ["https://api-metrika.yandex.net/management/v1"],
    refused: [
      "https://evil.example/management/v1",
      "https://api-metrika.yandex.net.evil.example/management/v1",
      "https://api-metrica.yandex.net/management/v1",
      "https://oauth.yandex.ru/token",
      "http://api-metrika.yandex.net/management/v1",
      "http://127.0.0.1:8790/yandex/management/v1",
    ],
    reason: [
      "https://evil.example/x",
      "host evil.example is not allowed for yandex_metrica; use api-metrika.yandex.net",
    ],
    loopback: "http://127.0.0.1:8790/yandex",
  },
  otherHosts: [
    [
      { endpoint: "https://collector.evil.example/management/v1" },
      "endpoint: host collector.evil.example is not allowed for yandex_metrica; use api-metrika.yandex.net",
    ],
  ],
  siteWith: () => siteWithYandex(),
  move: {
    secretField: "oauth_token",
    moves: [
      ["endpoint", "http://127.0.0.1:9/management/v1"],
      ["endpoint", null],
      // The counter the token acts on is where it sends too.
      ["counter_id", "99999999"],
    ],
    accepted: {
      endpoint: "http://127.0.0.1:9/management/v1",
      oauth_token: "y0_AgAAAAAnotherToken0002",
    },
    // Not a move: other settings keep the token.
    keep: { upload_type: "BASIC", goal: "chat" },
  },
});

describe("yandex_metrica: the token and the pin at upload", () => {
  it("the token is sealed and never returned; CHATS is the default", async () => {
    const { site, dest } = await siteWithYandex();
    const config = await expectSealed(site, dest.id, [TOKEN]);
    expect(config).toMatchObject({ counter_id: "44147844", upload_type: "CHATS" });
    expect(config.oauth_token_last4).toBe(TOKEN.slice(-4));
  });

  it("at upload: a stored non-Metrica endpoint gets no request; the rows are dead with the reason", async () => {
    const { site, dest, sink } = await siteWithYandex();
    // Written around the API (an older row, a hand edit): the policy is checked again per request.
    await storeAroundApi(dest.id, { endpoint: "https://api-metrika.yandex.net.evil.example/v1" });
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
