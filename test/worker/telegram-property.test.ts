/**
 * Property test of the Telegram webhook (fast-check, inside workerd with real D1): 1,000
 * generated updates, valid ones mutated (wrong types, huge strings, unicode, missing and extra
 * fields, broken JSON), each with the bot's secret → never a 5xx; a refused update stores
 * nothing, and an unmutated `/start` always makes its user's lead.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyValue as fuzzValue } from "./fuzz-values";
import { createSite } from "./helpers";
import { connectBot, newTgUser, sendUpdate, textUpdate } from "./telegram-helpers";

const RUNS = 1_000;
type Json = Record<string, unknown>;

/** Also fractions and ids past 2^53, which Telegram's numeric fields must refuse. */
const anyValue = fc.oneof(fuzzValue, fc.double(), fc.constant(2 ** 60));

type Mutation = { name: string; apply: (update: Json) => string };
const msg = (u: Json) => u.message as Json;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ name: "none", apply: (u: Json) => JSON.stringify(u) }) },
  fc
    .tuple(fc.constantFrom("message_id", "date", "text", "from", "chat", "caption"), anyValue)
    .map(([k, v]) => ({
      name: `message.${k}`,
      apply: (u: Json) => JSON.stringify({ ...u, message: { ...msg(u), [k]: v } }),
    })),
  fc.tuple(fc.constantFrom("id", "is_bot", "first_name", "username"), anyValue).map(([k, v]) => ({
    name: `from.${k}`,
    apply: (u: Json) =>
      JSON.stringify({
        ...u,
        message: { ...msg(u), from: { ...(msg(u).from as Json), [k]: v } },
      }),
  })),
  fc.tuple(fc.constantFrom("update_id", "message"), anyValue).map(([k, v]) => ({
    name: `update.${k}`,
    apply: (u: Json) => JSON.stringify({ ...u, [k]: v }),
  })),
  fc.nat({ max: 200 }).map((cut) => ({
    name: "truncated",
    apply: (u: Json) => JSON.stringify(u).slice(0, cut),
  })),
);

describe("Telegram webhook, property", () => {
  it(`${RUNS} generated and mutated updates: never a 5xx, nothing half-written`, async () => {
    const site = await createSite();
    const bot = await connectBot(site);
    await fc.assert(
      fc.asyncProperty(mutation, fc.string({ maxLength: 40 }), async (m, text) => {
        const user = newTgUser();
        const res = await sendUpdate(bot, m.apply(textUpdate(user, `/start ${text}`)));
        expect(res.status, m.name).toBeLessThan(500);
        const stored = await env.DB.prepare(
          "select count(*) as n from contact_identities where site_id = ? and kind = 'tg_user' and value = ?",
        )
          .bind(site.id, String(user.id))
          .first<{ n: number }>();
        if (res.status >= 400) expect(stored?.n, m.name).toBe(0);
        if (m.name === "none") {
          expect(res.status).toBe(200);
          expect(stored?.n).toBe(1);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
