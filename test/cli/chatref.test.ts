import { describe, expect, it } from "vitest";
import {
  base,
  createSiteCli,
  NEW_KEY,
  respondWith,
  run,
  SITE,
  seen,
  TOKEN,
  updateSiteCli,
  useStubApi,
  withAuth,
} from "./cli-stub";

useStubApi();

describe("chatref CLI", () => {
  it("sites create: sends the site, prints it and the key once", async () => {
    respondWith(() => ({ status: 201, body: { ...SITE, api_key: NEW_KEY } }));
    const origins = ["https://lumen.example", "https://*.lumen.example"];
    const r = await createSiteCli(...origins.flatMap((o) => ["--origin", o]));
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(seen).toEqual([
      {
        method: "POST",
        url: "/api/v1/sites",
        authorization: `Bearer ${TOKEN}`,
        body: {
          key: "lumen",
          name: "Lumen Coffee",
          wa_number: "15550001111",
          phone_number_id: "100000000000001",
          allowed_origins: ["https://lumen.example", "https://*.lumen.example"],
          with_key: true,
        },
      },
    ]);
    expect(r.stdout).toContain("Site site_01");
    expect(r.stdout).toMatch(
      /allowed origins\s+https:\/\/lumen\.example https:\/\/\*\.lumen\.example/,
    );
    expect(r.stdout).toContain(NEW_KEY.key);
    expect(r.stdout).toMatch(/shown only once/);
  });

  it("sites create --no-key --json: machine output is the API's JSON", async () => {
    respondWith(() => ({ status: 201, body: { ...SITE, api_key: null } }));
    const r = await withAuth(
      "sites",
      "create",
      "--json",
      "--no-key",
      "--key=lumen",
      "--name=Lumen",
      "--number=15550001111",
      "--phone-number-id=1",
      "--waba-id=42",
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ...SITE, api_key: null });
    expect(seen[0]?.body).toMatchObject({ with_key: false, waba_id: "42", allowed_origins: [] });
  });

  it("sites list: follows the cursor and prints a table", async () => {
    respondWith((req) =>
      req.url.includes("cursor=site_01")
        ? {
            status: 200,
            body: { data: [{ ...SITE, id: "site_02", key: "second" }], next_cursor: null },
          }
        : { status: 200, body: { data: [SITE], next_cursor: "site_01" } },
    );
    const r = await withAuth("sites", "list");
    expect(r.code).toBe(0);
    expect(seen.map((s) => s.url)).toEqual([
      "/api/v1/sites?limit=500",
      "/api/v1/sites?limit=500&cursor=site_01",
    ]);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^ID\s+KEY\s+NAME\s+NUMBER\s+PHONE_NUMBER_ID\s+ORIGINS$/);
    expect(lines[1]).toMatch(
      /^site_01\s+lumen\s+Lumen Coffee\s+15550001111\s+100000000000001\s+https:/,
    );
    expect(lines[2]).toMatch(/^site_02\s+second\s+/);
    expect(lines).toHaveLength(3);
  });

  it("sites update: sends only the given fields, --origin replaces the list", async () => {
    respondWith(() => ({ status: 200, body: { ...SITE, name: "New" } }));
    const r = await updateSiteCli("--name", "New", "--origin", "*");
    expect(r.code).toBe(0);
    expect(seen[0]).toMatchObject({
      method: "PATCH",
      url: "/api/v1/sites/site_01",
      body: { name: "New", allowed_origins: ["*"] },
    });
    const consent = await updateSiteCli(
      "--opt-out-keyword",
      "chega",
      "--opt-out-keyword",
      "basta",
      "--click-retention-days",
      "30",
      "--timezone",
      "America/Sao_Paulo",
    );
    expect(consent.code).toBe(0);
    expect(seen[1]?.body).toEqual({
      consent_keywords: { opt_out: ["chega", "basta"], opt_in: [] },
      click_retention_days: 30,
      timezone: "America/Sao_Paulo",
    });
    expect(consent.stdout).toContain("time zone        UTC");
    seen.length = 0;
    const none = await updateSiteCli();
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/nothing to update/);
    expect(seen).toHaveLength(0);
  });

  it("keys create / list / revoke", async () => {
    respondWith((req) => {
      if (req.method === "POST") return { status: 201, body: { ...NEW_KEY, name: "Looker" } };
      if (req.method === "DELETE")
        return {
          status: 200,
          body: { ...NEW_KEY, key: undefined, revoked_at: "2026-11-21T11:00:00.000Z" },
        };
      return {
        status: 200,
        body: {
          data: [
            { ...NEW_KEY, key: undefined },
            {
              ...NEW_KEY,
              id: "key_02",
              name: "Old",
              prefix: null,
              revoked_at: "2026-11-20T00:00:00.000Z",
            },
          ],
        },
      };
    });
    const created = await withAuth("keys", "create", "site_01", "--name", "Looker");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(NEW_KEY.key);
    expect(seen[0]).toMatchObject({
      method: "POST",
      url: "/api/v1/sites/site_01/keys",
      body: { name: "Looker" },
    });

    const full = await withAuth("keys", "create", "site_01", "--name", "CRM", "--scope", "full");
    expect(full.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({
      method: "POST",
      url: "/api/v1/sites/site_01/keys",
      body: { name: "CRM", scope: "full" },
    });
    expect((seen[0] as { body: object }).body).not.toHaveProperty("scope");

    const list = await withAuth("keys", "list", "site_01");
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^ID\s+NAME\s+PREFIX\s+CREATED\s+STATUS$/);
    expect(lines[1]).toMatch(/^key_01\s+default\s+crk_ABCD1234…\s+\S+\s+active$/);
    expect(lines[2]).toMatch(/^key_02\s+Old\s+-\s+\S+\s+revoked 2026-11-20/);

    const revoked = await withAuth("keys", "revoke", "site_01", "key_01");
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/Revoked key key_01/);
    expect(seen.at(-1)).toMatchObject({
      method: "DELETE",
      url: "/api/v1/sites/site_01/keys/key_01",
    });
  });

  it("an API error: exit 1 with its code and message", async () => {
    respondWith(() => ({
      status: 409,
      body: { error: { code: "conflict", message: "A site with key lumen already exists" } },
    }));
    const r = await withAuth("sites", "get", "site_01");
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      "chatref: conflict (HTTP 409): A site with key lumen already exists",
    );
    const json = await withAuth("sites", "get", "site_01", "--json");
    expect(JSON.parse(json.stdout)).toEqual({
      error: { code: "conflict", message: "A site with key lumen already exists", status: 409 },
    });
  });

  it("reads the URL and token from CHATREF_URL and CHATREF_ADMIN_TOKEN", async () => {
    respondWith(() => ({ status: 200, body: { data: [] } }));
    const r = await run(["keys", "list", "site_01"], {
      CHATREF_URL: `${base}/`,
      CHATREF_ADMIN_TOKEN: "from-env",
    });
    expect(r).toMatchObject({ code: 0, stdout: "(none)\n" });
    expect(seen[0]).toMatchObject({
      url: "/api/v1/sites/site_01/keys",
      authorization: "Bearer from-env",
    });
  });

  it.each([
    [["sites"], /unknown command "sites"/],
    [["nope", "list"], /unknown command/],
    [["sites", "create", "--name", "x"], /--key is required/],
    [["keys", "create", "site_01"], /--name is required/],
    [["keys", "revoke", "site_01"], /missing <key-id>/],
    [
      ["keys", "create", "site_01", "--name", "x", "--scope", "admin"],
      /--scope takes read, full or events/,
    ],
    [["keys", "list", "a", "b"], /unexpected argument "b"/],
    [["sites", "list", "--name", "x"], /--name does not apply/],
    [["sites", "list", "--bogus"], /Unknown option '--bogus'/],
    [["sites", "list", "--url", "ftp://x"], /--url must be/],
  ])("usage error %j: exit 2, no request", async (args, message) => {
    const r = await run([...args], { CHATREF_ADMIN_TOKEN: TOKEN, CHATREF_URL: base });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(seen).toEqual([]);
  });

  it("no admin token for a remote Worker: exit 2", async () => {
    const r = await run(["sites", "list", "--url", "https://chatref.example"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no admin token/);
  });

  it("an unreachable Worker: exit 3", async () => {
    const r = await run(["sites", "list", "--url", "http://127.0.0.1:9", "--admin-token", TOKEN]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9/);
  });

  it("--help: overall and per command, exit 0", async () => {
    const all = await run(["--help"]);
    expect(all.code).toBe(0);
    for (const cmd of [
      "sites create",
      "sites list",
      "sites update",
      "keys create",
      "keys list",
      "keys revoke",
    ])
      expect(all.stdout).toContain(cmd);
    const one = await run(["keys", "create", "--help"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Usage: chatref keys create <site-id> --name <name>/);
    expect(one.stdout).toContain("--admin-token");
  });
});
