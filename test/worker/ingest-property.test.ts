/**
 * Property tests of the public click endpoint (fast-check, inside workerd with real D1): 10,000
 * generated beacons, valid ones mutated (wrong types, huge strings, unicode, missing and extra
 * fields, broken JSON) → never a 5xx, and nothing partially written: at the end, the site holds
 * exactly one click row per 201 and none for anything else. Each run comes from its own client
 * address, so the rate limit (tested in rate-limit.test.ts) does not decide the outcome.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mintRef } from "../../widget/protocol/ref-codec";
import { call, createSite } from "./helpers";

const RUNS = 10_000;

type Json = Record<string, unknown>;

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom("", "=cmd|' /C calc'!A0", "\u0000\u202e", "😀".repeat(300), "x".repeat(3000)),
);
const anyValue = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

const touch = fc.record(
  {
    utm_source: fc.constantFrom("google", "facebook", "新闻"),
    utm_campaign: text,
    gclid: fc.string({ maxLength: 100 }),
    landing_url: fc.webUrl({ withQueryParameters: true, withFragments: true }),
    referrer: fc.webUrl(),
    at: fc.nat(),
  },
  { requiredKeys: [] },
);

/** A valid beacon of `siteKey` (before mutation). */
const validBeacon = (siteKey: string, origin: string) =>
  fc.record({
    site: fc.constant(siteKey),
    ref: fc.constant(null).map(() => mintRef()),
    placement: fc.constantFrom("button", "qr_panel", "inline_qr"),
    page_url: fc.webUrl({ withQueryParameters: true }).map((u) => `${origin}/${u.length}?${u}`),
    lang: fc.constantFrom("en", "es", "zh-Hans"),
    touch,
    first_touch: fc.option(touch, { nil: undefined }),
  });

type Mutation = (b: Json) => string;
const PATHS = ["site", "ref", "placement", "page_url", "lang", "touch", "first_touch"];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant((b: Json) => JSON.stringify(b)),
  fc.tuple(fc.constantFrom(...PATHS), anyValue).map(
    ([k, v]) =>
      (b: Json) =>
        JSON.stringify({ ...b, [k]: v }),
  ),
  fc.constantFrom(...PATHS).map((k) => (b: Json) => {
    const { [k]: _, ...rest } = b;
    return JSON.stringify(rest);
  }),
  fc.tuple(fc.string({ maxLength: 8 }), anyValue).map(
    ([k, v]) =>
      (b: Json) =>
        JSON.stringify({ ...b, [`x${k}`]: v }),
  ),
  fc.tuple(fc.constantFrom("utm_source", "landing_url", "fbclid", "nope"), anyValue).map(
    ([k, v]) =>
      (b: Json) =>
        JSON.stringify({ ...b, touch: { ...(b.touch as Json), [k]: v } }),
  ),
  fc.nat({ max: 400 }).map((n) => (b: Json) => JSON.stringify(b).slice(0, n)),
  fc.constantFrom("", "null", "[]", '"x"', "{", "\u0000", "1e999").map((s) => () => s),
  fc.nat({ max: 40_000 }).map((n) => (b: Json) => JSON.stringify({ ...b, pad: "é".repeat(n) })),
);

describe("POST /v1/clicks, property", () => {
  it(`${RUNS} generated and mutated beacons: no 5xx, one row per 201 and none otherwise`, {
    timeout: 180_000,
  }, async () => {
    const site = await createSite();
    const accepted = new Set<string>();
    const refused = new Set<string>();
    const statuses = new Map<number, number>();
    let run = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(validBeacon(site.key, site.origin), mutation, async (beacon, mutate) => {
        run++;
        const body = mutate(beacon as Json);
        const res = await call(
          new Request("https://chatref.test/v1/clicks", {
            method: "POST",
            headers: {
              "content-type": "text/plain",
              origin: site.origin,
              "cf-connecting-ip": `10.${(run >> 16) & 255}.${(run >> 8) & 255}.${run & 255}`,
            },
            body,
          }),
        );
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, body.slice(0, 200)).toBeLessThan(500);
        const answer = (await res.json()) as { ref?: string; recorded?: boolean };
        if (res.status === 201 && answer.ref) accepted.add(answer.ref);
        else if (beacon.ref && res.status >= 400) refused.add(beacon.ref);
      }),
      { numRuns: RUNS },
    );
    const rows = await env.DB.prepare("SELECT ref FROM clicks WHERE site_id = ?")
      .bind(site.id)
      .all<{ ref: string }>();
    const stored = new Set(rows.results.map((r) => r.ref));
    expect(stored.size).toBe(rows.results.length);
    expect(stored).toEqual(accepted);
    for (const ref of refused) expect(stored.has(ref), ref).toBe(false);
    // Both outcomes were exercised, in numbers.
    expect(accepted.size).toBeGreaterThan(RUNS / 20);
    expect(refused.size).toBeGreaterThan(RUNS / 5);
    console.log(
      `beacons: ${RUNS} runs in ${Date.now() - started} ms`,
      Object.fromEntries(statuses),
    );
  });
});
