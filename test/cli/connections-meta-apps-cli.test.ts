/**
 * `chatref connections add --channel messenger|instagram` (scripts/chatref-meta-apps.mjs)
 * against a stubbed fetch: the admin API body, dry runs, usage errors.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../scripts/chatref.mjs";
import { connectionJson, onePost, stubFetch } from "./fetch-stub";

const ENV = { CHATREF_URL: "https://chatref.example", CHATREF_ADMIN_TOKEN: "t0ken" };
const URL_ = "https://chatref.example/api/v1/sites/site_demo/connections";
const answer = (channel: string, account: string, username: string) => ({
  status: 201,
  body: {
    ...connectionJson({ id: "conn_03", channel, account_id: account, username }),
    webhook_path: `/webhooks/${channel}`,
    secret_token: null,
  },
});

afterEach(() => vi.unstubAllGlobals());

describe("chatref connections add --channel", () => {
  it("messenger: sends the Page id and name; prints the webhook to subscribe", async () => {
    const seen = stubFetch(() => answer("messenger", "7100000001", "lumen.demo"));
    const args = ["connections", "add", "--site", "site_demo", "--channel", "messenger"];
    const r = await main([...args, "--page-id", "7100000001", "--page-name", "lumen.demo"], ENV);
    expect(r.code).toBe(0);
    expect(seen).toEqual(
      onePost(URL_, { channel: "messenger", page_id: "7100000001", page_name: "lumen.demo" }),
    );
    expect(r.stdout).toContain("/webhooks/messenger");
  });

  it("instagram: sends the account id and username", async () => {
    const seen = stubFetch(() => answer("instagram", "7200000001", "lumen.demo"));
    const args = ["connections", "add", "--site", "site_demo", "--channel", "instagram"];
    const r = await main([...args, "--account-id", "7200000001", "--username", "@lumen.demo"], ENV);
    expect(r.code).toBe(0);
    expect(seen[0]?.body).toEqual({
      channel: "instagram",
      account_id: "7200000001",
      username: "lumen.demo",
    });
    expect(r.stdout).toContain("/webhooks/instagram");
  });

  it("--dry-run calls nothing; a missing or malformed id or unknown channel is a usage error", async () => {
    const seen = stubFetch(() => ({ status: 500, body: {} }));
    const args = ["connections", "add", "--site", "s1", "--channel"];
    const dry = await main([...args, "messenger", "--page-id", "7100000001", "--dry-run"], ENV);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Would POST /api/v1/sites/s1/connections");
    for (const bad of [
      [...args, "messenger"],
      [...args, "messenger", "--page-id", "lumen.demo"],
      [...args, "instagram", "--page-id", "7200000001"],
      [...args, "viber", "--page-id", "1"],
    ]) {
      const r = await main(bad, ENV);
      expect(r.code).toBe(2);
    }
    expect(seen).toEqual([]);
  });
});
