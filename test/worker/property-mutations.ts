/**
 * The parts every webhook property test shares: named mutations of a valid body (left as it is,
 * one field set to a fuzz value, the text cut short) and the all-or-nothing check on the contact
 * identity a delivery makes. A provider's test adds the mutations of its own body shape.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { expect } from "vitest";

export type Json = Record<string, unknown>;

/** A named change to a valid body; `apply` returns the text that is sent. */
export interface Mutation {
  name: string;
  apply: (body: Json) => string;
}

/** The body as generated, weighted so that many runs send a valid body. */
export const unchanged = {
  weight: 3,
  arbitrary: fc.constant<Mutation>({ name: "none", apply: (b) => JSON.stringify(b) }),
};

/**
 * One of `keys` set to one of `values` by `set` (which returns the changed body), named
 * `<prefix>.<key>`.
 */
export const fieldSet = (
  prefix: string,
  keys: [string, ...string[]],
  values: fc.Arbitrary<unknown>,
  set: (body: Json, key: string, value: unknown) => Json,
): fc.Arbitrary<Mutation> =>
  fc.tuple(fc.constantFrom(...keys), values).map(([k, v]) => ({
    name: `${prefix}.${k}`,
    apply: (b: Json) => JSON.stringify(set(b, k, v)),
  }));

/** The body's JSON cut after at most `max` characters. */
export const truncated = (max: number): fc.Arbitrary<Mutation> =>
  fc.nat({ max }).map((cut) => ({
    name: "truncated",
    apply: (b: Json) => JSON.stringify(b).slice(0, cut),
  }));

/**
 * A refused delivery stored no identity of this sender; an unmutated one was accepted and stored
 * exactly one.
 */
export async function expectIdentityAllOrNothing(
  res: Response,
  mutation: string,
  site: { id: string },
  kind: string,
  value: string,
) {
  const stored = await env.DB.prepare(
    "select count(*) as n from contact_identities where site_id = ? and kind = ? and value = ?",
  )
    .bind(site.id, kind, value)
    .first<{ n: number }>();
  if (res.status >= 400) expect(stored?.n, mutation).toBe(0);
  if (mutation === "none") {
    expect(res.status).toBe(200);
    expect(stored?.n).toBe(1);
  }
}
