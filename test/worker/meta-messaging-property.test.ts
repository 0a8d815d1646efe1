/**
 * Property test of the Messenger webhook (fast-check, inside workerd with real D1): 1,000
 * generated bodies, valid ones mutated (wrong types, huge strings, unicode, missing and extra
 * fields, broken JSON), each signed with the app secret → never a 5xx; a refused body stores
 * nothing, and an unmutated message always makes its sender's contact.
 */
import { env } from "cloudflare:workers";
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

const RUNS = 1_000;
type Json = Record<string, unknown>;

type Mutation = { name: string; apply: (body: Json) => string };
const entry = (b: Json) => (b.entry as Json[])[0] as Json;
const item = (b: Json) => (entry(b).messaging as Json[])[0] as Json;
const withItem = (b: Json, patch: Json) =>
  JSON.stringify({ ...b, entry: [{ ...entry(b), messaging: [{ ...item(b), ...patch }] }] });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ name: "none", apply: (b: Json) => JSON.stringify(b) }) },
  fc
    .tuple(fc.constantFrom("sender", "timestamp", "message", "postback", "referral"), anyValue)
    .map(([k, v]) => ({ name: `item.${k}`, apply: (b: Json) => withItem(b, { [k]: v }) })),
  fc.tuple(fc.constantFrom("mid", "text", "is_echo", "referral"), anyValue).map(([k, v]) => ({
    name: `message.${k}`,
    apply: (b: Json) => withItem(b, { message: { ...(item(b).message as Json), [k]: v } }),
  })),
  fc.tuple(fc.constantFrom("id", "messaging", "time"), anyValue).map(([k, v]) => ({
    name: `entry.${k}`,
    apply: (b: Json) => JSON.stringify({ ...b, entry: [{ ...entry(b), [k]: v }] }),
  })),
  fc.tuple(fc.constantFrom("object", "entry"), anyValue).map(([k, v]) => ({
    name: `body.${k}`,
    apply: (b: Json) => JSON.stringify({ ...b, [k]: v }),
  })),
  fc.nat({ max: 200 }).map((cut) => ({
    name: "truncated",
    apply: (b: Json) => JSON.stringify(b).slice(0, cut),
  })),
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
          const stored = await env.DB.prepare(
            "select count(*) as n from contact_identities where site_id = ? and kind = 'fb_psid' and value = ?",
          )
            .bind(site.id, sender)
            .first<{ n: number }>();
          if (res.status >= 400) expect(stored?.n, m.name).toBe(0);
          if (m.name === "none") {
            expect(res.status).toBe(200);
            expect(stored?.n).toBe(1);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 180_000);
});
