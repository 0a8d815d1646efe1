/**
 * Property test of the Messenger webhook (fast-check, inside workerd with real D1): 1,000
 * generated bodies, valid ones mutated (wrong types, huge strings, unicode, missing and extra
 * fields, broken JSON), each signed with the app secret → never a 5xx; a refused body stores
 * nothing, and an unmutated message always makes its sender's contact.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyValue } from "./fuzz-values";
import { createSite } from "./helpers";
import {
  callWith,
  connectAccount,
  metaBody,
  metaRequest,
  newSender,
  postbackItem,
  textItem,
} from "./meta-messaging-helpers";
import type { Json, Mutation } from "./property-mutations";
import * as fuzz from "./property-mutations";

const RUNS = 1_000;

const entry = (b: Json) => (b.entry as Json[])[0] as Json;
const item = (b: Json) => (entry(b).messaging as Json[])[0] as Json;
const withItem = (b: Json, patch: Json) => ({
  ...b,
  entry: [{ ...entry(b), messaging: [{ ...item(b), ...patch }] }],
});
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fuzz.unchanged,
  fuzz.fieldSet(
    "item",
    ["sender", "timestamp", "message", "postback", "referral"],
    anyValue,
    (b, k, v) => withItem(b, { [k]: v }),
  ),
  fuzz.fieldSet("message", ["mid", "text", "is_echo", "referral"], anyValue, (b, k, v) =>
    withItem(b, { message: { ...(item(b).message as Json), [k]: v } }),
  ),
  fuzz.fieldSet("entry", ["id", "messaging", "time"], anyValue, (b, k, v) => ({
    ...b,
    entry: [{ ...entry(b), [k]: v }],
  })),
  fuzz.fieldSet("body", ["object", "entry"], anyValue, (b, k, v) => ({ ...b, [k]: v })),
  fuzz.truncated(200),
);

describe("Messenger webhook, property", () => {
  it(`${RUNS} generated and mutated bodies: never a 5xx, nothing half-written`, async () => {
    const site = await createSite();
    const page = await connectAccount(site, "messenger");
    await fc.assert(
      fc.asyncProperty(
        mutation,
        fc.boolean(),
        fc.string({ maxLength: 40 }),
        async (m, postback, text) => {
          const sender = newSender();
          const one = postback ? postbackItem(sender, page, text) : textItem(sender, page, text);
          const res = await callWith(
            await metaRequest("messenger", m.apply(metaBody("messenger", page, one))),
          );
          expect(res.status, m.name).toBeLessThan(500);
          await fuzz.expectIdentityAllOrNothing(res, m.name, site, "fb_psid", sender);
        },
      ),
      { numRuns: RUNS },
    );
  }, 180_000);
});
