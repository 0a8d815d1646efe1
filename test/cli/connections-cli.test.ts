/**
 * `chatref connections` (scripts/chatref-connections.mjs) against a stubbed fetch: the admin API
 * call, Telegram's setWebhook with the connection's secret, the token never printed, dry runs.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../scripts/chatref.mjs";
import { connectionJson, stubFetch } from "./fetch-stub";

const ENV = {
  CHATREF_URL: "https://chatref.example",
  CHATREF_ADMIN_TOKEN: "t0ken",
  TELEGRAM_API_URL: "https://telegram.test",
};
const TOKEN = "7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq";
const CONNECTION = connectionJson({
  channel: "telegram",
  account_id: "7000000001",
  username: "lumen_demo_bot",
  webhook_path: "/webhooks/telegram/7000000001",
  secret_hint: "cret",
});

/** Stubs fetch: the admin API answers `api`, Telegram answers `telegram`; records requests. */
function stub(api: { status: number; body: unknown }, telegram = { ok: true, result: true }) {
  return stubFetch((url) =>
    url.startsWith(ENV.TELEGRAM_API_URL)
      ? { status: telegram.ok ? 200 : 400, body: telegram }
      : api,
  );
}

/** A created bot connection (with its secret) as the API answers it. */
const CREATED = { status: 201, body: { ...CONNECTION, secret_token: "s3cret_token" } };

/** `connections add` of the demo bot to a public Worker, Telegram answering setWebhook so. */
function addBotTelegramAnswers(telegram: { ok: boolean; description: string }) {
  stub(CREATED, telegram as never);
  return main(
    ["connections", "add", "--site", "s1", "--username", "lumen_demo_bot", "--bot-token", TOKEN],
    { ...ENV, CHATREF_URL: "https://w.example" },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("chatref connections", () => {
  it("add with --bot-token: connects, then sets the webhook with the connection's secret", async () => {
    const seen = stub(CREATED);
    const r = await main(
      [
        "connections",
        "add",
        "--site",
        "site_demo",
        "--username",
        "@lumen_demo_bot",
        "--bot-token",
        TOKEN,
        "--public-url",
        "https://chatref.lumen.example/",
      ],
      ENV,
    );
    expect(r).toMatchObject({ code: 0 });
    expect(seen).toEqual([
      {
        method: "POST",
        url: "https://chatref.example/api/v1/sites/site_demo/connections",
        body: { channel: "telegram", bot_id: "7000000001", username: "lumen_demo_bot" },
      },
      {
        method: "POST",
        url: `https://telegram.test/bot${TOKEN}/setWebhook`,
        body: {
          url: "https://chatref.lumen.example/webhooks/telegram/7000000001",
          secret_token: "s3cret_token",
          allowed_updates: ["message"],
        },
      },
    ]);
    expect(r.stdout).toContain("s3cret_token");
    expect(r.stdout).toContain("Telegram now sends the bot's updates");
    expect(r.stdout).not.toContain(TOKEN.split(":")[1]);
  });

  it("--dry-run calls nothing and prints no token", async () => {
    const none = stub({ status: 500, body: {} });
    const dry = await main(
      [
        "connections",
        "add",
        "--site",
        "s1",
        "--username",
        "lumen_demo_bot",
        "--bot-token",
        TOKEN,
        "--dry-run",
      ],
      { ...ENV, CHATREF_URL: "https://w.example" },
    );
    expect(dry.code).toBe(0);
    expect(none).toEqual([]);
    expect(dry.stdout).toContain("Would POST /api/v1/sites/s1/connections");
    expect(dry.stdout).toContain("url=https://w.example/webhooks/telegram/7000000001");
    expect(dry.stdout).not.toContain(TOKEN.split(":")[1]);
  });

  it("refuses a token of another bot, a bad token and a non-https public URL", async () => {
    const seen = stub({ status: 201, body: {} });
    const base = ["connections", "add", "--site", "s1", "--username", "lumen_demo_bot"];
    const other = await main(
      [...base, "--telegram-bot-id", "7000000002", "--bot-token", TOKEN],
      ENV,
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("belongs to bot 7000000001");
    const bad = await main([...base, "--bot-token", "nope"], ENV);
    expect(bad.code).toBe(2);
    const local = await main([...base, "--bot-token", TOKEN], {
      ...ENV,
      CHATREF_URL: "http://127.0.0.1:8787",
    });
    expect(local.code).toBe(2);
    expect(local.stderr).toContain("--public-url");
    expect(seen).toEqual([]);
  });

  it("a failed setWebhook is reported with Telegram's description", async () => {
    const r = await addBotTelegramAnswers({
      ok: false,
      description: "Bad Request: bad webhook: HTTPS url must be provided",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("setWebhook failed (HTTP 400): Bad Request: bad webhook");
  });

  it("sends the bot token only to an https Telegram API (or a loopback fake)", async () => {
    const seen = stub(CREATED);
    const args = ["connections", "add", "--site", "s1", "--username", "lumen_demo_bot"];
    for (const api of ["http://telegram.evil", "https://user:pw@telegram.test", "not a url"]) {
      const r = await main([...args, "--bot-token", TOKEN], {
        ...ENV,
        CHATREF_URL: "https://w.example",
        TELEGRAM_API_URL: api,
      });
      expect(r.code, api).toBe(2);
      expect(r.stderr).toContain("TELEGRAM_API_URL");
    }
    expect(seen).toEqual([]);
  });

  it("reads at most 64 KB of Telegram's answer", async () => {
    const r = await addBotTelegramAnswers({ ok: false, description: "x".repeat(1_000_000) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("setWebhook failed (HTTP 400): no description");
  });

  it("list shows hints, never secrets; remove deletes", async () => {
    const seen = stub({ status: 200, body: { data: [CONNECTION] } });
    const r = await main(["connections", "list", "--site", "site_demo"], ENV);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("@lumen_demo_bot");
    expect(r.stdout).toContain("…cret");
    vi.unstubAllGlobals();
    const removed = stub({ status: 200, body: CONNECTION });
    const rm = await main(["connections", "remove", "--site", "site_demo", "conn_01"], ENV);
    expect(rm).toMatchObject({ code: 0, stdout: "Disconnected @lumen_demo_bot (conn_01)" });
    expect(seen[0]?.url).toBe("https://chatref.example/api/v1/sites/site_demo/connections");
    expect(removed[0]).toMatchObject({
      method: "DELETE",
      url: "https://chatref.example/api/v1/sites/site_demo/connections/conn_01",
    });
  });
});
