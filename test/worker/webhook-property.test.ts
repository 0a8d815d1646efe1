/**
 * Property test of the WhatsApp webhook (fast-check, inside workerd with real D1): 10,000
 * generated Cloud API deliveries, valid ones mutated (wrong types, huge strings, unicode,
 * missing and extra fields, broken JSON), each signed with the test app secret → never a 5xx,
 * and nothing partially written (process-delivery.ts stores the raw delivery and its messages
 * in one batch): no message of a refused delivery is stored, every stored message belongs to a
 * delivery whose processing finished, and an unmutated delivery has all its messages stored.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyValue } from "./fuzz-values";
import { call, createSite, envelope, message, newPhone, webhookRequest } from "./helpers";
import type { Json, Mutation } from "./property-mutations";
import * as fuzz from "./property-mutations";

const RUNS = 10_000;
/** The first change's value and its first message (the generated envelope always has both). */
const at = (body: Json) => {
  const entry = (body.entry as Json[])[0] as Json;
  const value = ((entry.changes as Json[])[0] as Json).value as Json;
  return { value, first: (value.messages as Json[])[0] as Json };
};
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fuzz.unchanged,
  fc.tuple(fc.constantFrom("from", "id", "timestamp", "type", "text"), anyValue).map(([k, v]) => ({
    name: `message.${k}`,
    apply: (b: Json) => {
      at(b).first[k] = v;
      return JSON.stringify(b);
    },
  })),
  fc
    .tuple(fc.constantFrom("metadata", "contacts", "messages", "statuses"), anyValue)
    .map(([k, v]) => ({
      name: `value.${k}`,
      apply: (b: Json) => {
        at(b).value[k] = v;
        return JSON.stringify(b);
      },
    })),
  fc.constantFrom("object", "entry").map((k) => ({
    name: `drop.${k}`,
    apply: (b: Json) => {
      delete b[k];
      return JSON.stringify(b);
    },
  })),
  fc.tuple(fc.string({ maxLength: 6 }), anyValue).map(([k, v]) => ({
    name: "extra",
    apply: (b: Json) => {
      at(b).first[`x_${k}`] = v;
      return JSON.stringify(b);
    },
  })),
  fuzz.truncated(600),
  fc.constantFrom("", "null", "[]", "{}", '{"entry":{}}', "\u0000").map((s) => ({
    name: "not-an-envelope",
    apply: () => s,
  })),
);

describe("POST /webhooks/whatsapp, property", () => {
  it(`${RUNS} generated and mutated signed deliveries: no 5xx, nothing partially written`, {
    timeout: 300_000,
  }, async () => {
    const site = await createSite();
    const refusedIds = new Set<string>();
    const whole: string[][] = [];
    const statuses = new Map<number, number>();
    let run = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.string({ unit: "grapheme", maxLength: 60 }),
        mutation,
        async (count, text, mutate) => {
          run++;
          const ids = Array.from({ length: count }, (_, i) => `wamid.prop${run}x${i}`);
          const from = newPhone();
          const body = mutate.apply(
            envelope(
              site.phoneNumberId,
              ids.map((id) => message({ from, id, body: text || "hi" })),
            ) as unknown as Json,
          );
          const res = await call(await webhookRequest(body));
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, `${mutate.name}: ${body.slice(0, 200)}`).toBeLessThan(500);
          if (res.status !== 200) for (const id of ids) refusedIds.add(id);
          else if (mutate.name === "none") whole.push(ids);
        },
      ),
      { numRuns: RUNS },
    );
    const stored = await env.DB.prepare(
      `SELECT m.provider_message_id AS id, d.processed_at AS processed
         FROM messages m LEFT JOIN deliveries d ON d.id = m.delivery_id
        WHERE m.site_id = ?`,
    )
      .bind(site.id)
      .all<{ id: string; processed: number | null }>();
    const storedIds = new Set(stored.results.map((r) => r.id));
    for (const id of refusedIds) expect(storedIds.has(id), id).toBe(false);
    for (const r of stored.results) expect(r.processed, r.id).not.toBeNull();
    for (const ids of whole) for (const id of ids) expect(storedIds.has(id), id).toBe(true);
    expect(whole.length).toBeGreaterThan(RUNS / 10);
    expect(refusedIds.size).toBeGreaterThan(RUNS / 10);
    console.log(
      `webhooks: ${RUNS} runs in ${Date.now() - started} ms`,
      Object.fromEntries(statuses),
    );
  });
});
