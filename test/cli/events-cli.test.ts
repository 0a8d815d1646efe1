/**
 * `npx chatref events send|list`: a site's API key (not the admin token) and POST /api/v1/events
 * with exactly one way to name the lead; usage mistakes are caught before anything is sent.
 */
import { describe, expect, it } from "vitest";
import { base, respondWith, run, seen, useStubApi } from "./cli-stub";

useStubApi();

const KEY = "crk_SITEKEY0000000000000000000000000";
const EVENT = {
  id: "lev_01",
  lead_id: "lead_01",
  type: "purchase",
  external_id: "order-7",
  value: 49.9,
  currency: "EUR",
  occurred_at: "2026-12-05T10:00:00.000Z",
  created_at: "2026-12-05T10:00:01.000Z",
};
const events = (...args: string[]) => run(["events", ...args, "--url", base]);

describe("chatref events", () => {
  it("send: the site's key, the lead by phone, value with currency", async () => {
    respondWith(() => ({ status: 201, body: { event: EVENT, recorded: true } }));
    const r = await events(
      "send",
      "--type",
      "purchase",
      "--phone",
      "+1 555 000 4444",
      "--value",
      "49.90",
      "--currency",
      "EUR",
      "--external-id",
      "order-7",
      "--api-key",
      KEY,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toEqual({
      method: "POST",
      url: "/api/v1/events",
      authorization: `Bearer ${KEY}`,
      body: {
        type: "purchase",
        wa_id: "+1 555 000 4444",
        value: 49.9,
        currency: "EUR",
        external_id: "order-7",
      },
    });
    expect(r.stdout).toContain("Recorded: purchase 49.9 EUR (order-7)");
    respondWith(() => ({ status: 200, body: { event: EVENT, recorded: false } }));
    const again = await run(
      ["events", "send", "--type", "purchase", "--lead", "lead_01", "--url", base],
      {
        CHATREF_API_KEY: KEY,
      },
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Already recorded (nothing changed)");
  });

  it("list: the lead's events as a table", async () => {
    respondWith(() => ({ status: 200, body: { data: [EVENT] } }));
    const r = await events("list", "lead_01", "--api-key", KEY);
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: "GET", url: "/api/v1/leads/lead_01/events" });
    expect(r.stdout).toMatch(/lev_01\s+purchase\s+49\.9 EUR\s+order-7/);
  });

  it("usage mistakes: no key, no lead or two, money half given, an unknown type", async () => {
    const before = seen.length;
    const cases: [string[], RegExp][] = [
      [["send", "--type", "lost", "--lead", "l"], /no API key: pass --api-key/],
      [["send", "--type", "lost", "--api-key", KEY], /exactly one of --lead, --contact/],
      [["send", "--type", "lost", "--lead", "l", "--phone", "1", "--api-key", KEY], /exactly one/],
      [["send", "--type", "purchase", "--lead", "l", "--value", "5", "--api-key", KEY], /together/],
      [["send", "--type", "sold", "--lead", "l", "--api-key", KEY], /--type takes qualified/],
      [
        [
          "send",
          "--type",
          "purchase",
          "--lead",
          "l",
          "--value",
          "x",
          "--currency",
          "EUR",
          "--api-key",
          KEY,
        ],
        /must be a number/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await events(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
    }
    expect(seen).toHaveLength(before);
  });
});
