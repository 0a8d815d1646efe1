/**
 * `chatref connections add --provider whatsapp|twilio|360dialog` (scripts/chatref-wa-providers.mjs)
 * against a stubbed fetch: the admin API body, the Auth Token never printed, dry runs.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../scripts/chatref.mjs";
import { onePost, stubFetch } from "./fetch-stub";

const ENV = { CHATREF_URL: "https://chatref.example", CHATREF_ADMIN_TOKEN: "t0ken" };
const AUTH = "f2a1c0ffee5e1234567890abcdef0123";
const BASE = {
  id: "conn_02",
  channel: "whatsapp",
  username: null,
  secret_hint: null,
  created_at: "2026-12-05T10:00:00.000Z",
  updated_at: "2026-12-05T10:00:00.000Z",
};
const URL_ = "https://chatref.example/api/v1/sites/site_demo/connections";

/** Stubs the API answering a created connection with these fields; returns what it saw. */
const created = (fields: Record<string, unknown>) =>
  stubFetch(() => ({ status: 201, body: { ...BASE, ...fields } }));

afterEach(() => vi.unstubAllGlobals());

describe("chatref connections add --provider", () => {
  it("whatsapp: a further Cloud API number (an agent's) by its phone_number_id and number", async () => {
    const id = "200000000000042";
    const hook = "/webhooks/whatsapp";
    const seen = created({ provider: "whatsapp", account_id: id, webhook_path: hook });
    const args = ["connections", "add", "--site", "site_demo", "--provider", "whatsapp"];
    const r = await main([...args, "--phone-number-id", id, "--number", "+15550002222"], ENV);
    expect(r.code).toBe(0);
    expect(seen).toEqual(
      onePost(URL_, {
        channel: "whatsapp",
        provider: "whatsapp",
        phone_number_id: id,
        number: "+15550002222",
      }),
    );
    expect(r.stdout).toContain("Connected WhatsApp 200000000000042 through whatsapp");
    expect(r.stdout).toContain("/webhooks/whatsapp");
    const missing = await main([...args, "--number", "+15550002222"], ENV);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--phone-number-id is required");
    expect(seen).toHaveLength(1);
  });

  it("twilio: sends the number and Auth Token once and never prints the token", async () => {
    const seen = created({
      provider: "twilio",
      account_id: "whatsapp:+15550001111",
      webhook_path: "/webhooks/twilio",
      secret_token: null,
    });
    const args = ["connections", "add", "--site", "site_demo", "--provider", "twilio"];
    const r = await main([...args, "--number", "whatsapp:+15550001111", "--auth-token", AUTH], ENV);
    expect(r.code).toBe(0);
    expect(seen).toEqual(
      onePost(URL_, {
        channel: "whatsapp",
        provider: "twilio",
        number: "whatsapp:+15550001111",
        auth_token: AUTH,
      }),
    );
    expect(r.stdout).toContain("/webhooks/twilio");
    expect(r.stdout).not.toContain(AUTH);
    // The token may come from the environment instead of the command line.
    const fromEnv = await main([...args, "--number", "+15550001111"], {
      ...ENV,
      TWILIO_AUTH_TOKEN: AUTH,
    });
    expect(fromEnv.code).toBe(0);
    expect(seen[1]?.body).toMatchObject({ auth_token: AUTH, number: "+15550001111" });
  });

  it("twilio --dry-run calls nothing and hides the token; missing options are usage errors", async () => {
    const seen = stubFetch(() => ({ status: 500, body: {} }));
    const args = ["connections", "add", "--site", "s1", "--provider", "twilio"];
    const dry = await main(
      [...args, "--number", "whatsapp:+15550001111", "--auth-token", AUTH, "--dry-run"],
      ENV,
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Would POST /api/v1/sites/s1/connections");
    expect(dry.stdout).not.toContain(AUTH);
    const noToken = await main([...args, "--number", "whatsapp:+15550001111"], ENV);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("--auth-token");
    const noNumber = await main([...args, "--auth-token", AUTH], ENV);
    expect(noNumber.code).toBe(2);
    const other = await main([...args.slice(0, -1), "viber", "--number", "+1555"], ENV);
    expect(other.code).toBe(2);
    expect(seen).toEqual([]);
  });

  it("360dialog: connects by phone_number_id and shows the secret once", async () => {
    const seen = created({
      provider: "360dialog",
      account_id: "106540352242922",
      webhook_path: "/webhooks/360dialog/106540352242922",
      secret_token: "drawn_secret_0123456789abcdef",
    });
    const r = await main(
      [
        "connections",
        "add",
        "--site",
        "site_demo",
        "--provider",
        "360dialog",
        "--phone-number-id",
        "106540352242922",
      ],
      ENV,
    );
    expect(r.code).toBe(0);
    expect(seen).toEqual(
      onePost(URL_, {
        channel: "whatsapp",
        provider: "360dialog",
        phone_number_id: "106540352242922",
      }),
    );
    expect(r.stdout).toContain("drawn_secret_0123456789abcdef");
    expect(r.stdout).toContain("X-Chatref-Secret");
    const both = await main(
      [
        "connections",
        "add",
        "--site",
        "s1",
        "--provider",
        "360dialog",
        "--phone-number-id",
        "1065",
        "--number",
        "+15550002222",
      ],
      ENV,
    );
    expect(both.code).toBe(2);
    expect(seen).toHaveLength(1);
  });

  it("telegram still needs --username", async () => {
    const seen = stubFetch(() => ({ status: 201, body: {} }));
    const r = await main(
      ["connections", "add", "--site", "s1", "--telegram-bot-id", "7000000001"],
      ENV,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--username");
    expect(seen).toEqual([]);
  });
});
