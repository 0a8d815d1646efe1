/** `chatref consent-texts add|list` (scripts/chatref.mjs) against a stubbed fetch: requests and output. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../scripts/chatref.mjs";
import { stubFetch } from "./fetch-stub";

const ENV = { CHATREF_URL: "https://chatref.example", CHATREF_ADMIN_TOKEN: "t0ken" };
const TEXT = {
  version: "abc123.0011223344556677",
  text: "Send me offers from Lumen on WhatsApp",
  lang: "en",
  registered: true,
  registered_by: "admin",
  registered_at: "2026-11-21T10:00:00.000Z",
  first_seen_at: "2026-11-20T10:00:00.000Z",
  unverified_optins: 0,
};

/** Stubs fetch with one JSON answer and records the requests. */
const stub = (status: number, body: unknown) => stubFetch(() => ({ status, body }));

afterEach(() => vi.unstubAllGlobals());

describe("chatref consent-texts", () => {
  it("add: posts the exact text and language, prints the version", async () => {
    const seen = stub(201, TEXT);
    const text = "  Send me offers from Lumen on WhatsApp";
    const r = await main(
      ["consent-texts", "add", "--site", "site_01", "--text", text, "--lang", "en"],
      ENV,
    );
    expect(r.code).toBe(0);
    expect(seen).toEqual([
      {
        method: "POST",
        url: "https://chatref.example/api/v1/sites/site_01/consent-texts",
        body: { text, lang: "en" },
      },
    ]);
    expect(r.stdout).toContain(TEXT.version);
  });

  it("list: a table naming unregistered texts and the opt-ins waiting on them", async () => {
    const seen = stub(200, {
      data: [
        TEXT,
        { ...TEXT, version: "zz.ff", registered: false, registered_by: null, unverified_optins: 3 },
      ],
      next_cursor: null,
    });
    const r = await main(["consent-texts", "list", "--site", "site_01"], ENV);
    expect(r.code).toBe(0);
    expect(seen[0]?.url).toBe(
      "https://chatref.example/api/v1/sites/site_01/consent-texts?limit=500",
    );
    const lines = (r.stdout ?? "").trim().split("\n");
    expect(lines[1]).toMatch(/^abc123\.0011223344556677\s+en\s+registered \(admin\)\s+0\s+Send/);
    expect(lines[2]).toMatch(/^zz\.ff\s+en\s+NOT registered\s+3\s+Send/);
  });

  it("add without --lang is a usage error (exit 2), nothing sent", async () => {
    const seen = stub(201, TEXT);
    const r = await main(["consent-texts", "add", "--site", "s", "--text", "x"], ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--lang is required/);
    expect(seen).toEqual([]);
  });
});
