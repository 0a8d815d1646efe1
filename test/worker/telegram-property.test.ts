/**
 * Property test of the Telegram webhook (fast-check, inside workerd with real D1): 1,000
 * generated updates, valid ones mutated (wrong types, huge strings, unicode, missing and extra
 * fields, broken JSON), each with the bot's secret → never a 5xx; a refused update stores
 * nothing, and an unmutated `/start` always makes its user's lead.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyValue as fuzzValue } from "./fuzz-values";
import { createSite } from "./helpers";
import type { Json, Mutation } from "./property-mutations";
import * as fuzz from "./property-mutations";
import { connectBot, newTgUser, sendUpdate, textUpdate } from "./telegram-helpers";

const RUNS = 1_000;

/** Also fractions and ids past 2^53, which Telegram's numeric fields must refuse. */
const anyValue = fc.oneof(fuzzValue, fc.double(), fc.constant(2 ** 60));

const msg = (u: Json) => u.message as Json;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fuzz.unchanged,
  fuzz.fieldSet(
    "message",
    ["message_id", "date", "text", "from", "chat", "caption"],
    anyValue,
    (u, k, v) => ({ ...u, message: { ...msg(u), [k]: v } }),
  ),
  fuzz.fieldSet("from", ["id", "is_bot", "first_name", "username"], anyValue, (u, k, v) => ({
    ...u,
    message: { ...msg(u), from: { ...(msg(u).from as Json), [k]: v } },
  })),
  fuzz.fieldSet("update", ["update_id", "message"], anyValue, (u, k, v) => ({ ...u, [k]: v })),
  fuzz.truncated(200),
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
        await fuzz.expectIdentityAllOrNothing(res, m.name, site, "tg_user", String(user.id));
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
