/**
 * The API-edge part of the destination test kit (re-exported by destination-test-kit.ts): bad
 * settings refused with clear 400s, the secret sealed, the host pin, a secret that never follows
 * a moved endpoint, and the pin checked again at delivery. `describeDestinationApi(spec)` runs
 * the checks every kind shares from one table; the single checks serve a kind's own tests.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { destinations } from "../../worker/db/schema";
import { deliverOutbox } from "../../worker/forward/deliver";
import { urlProblem } from "../../worker/forward/url-policy";
import { apiSend, createDestination, type DestinationOut } from "./forward-helpers";
import {
  apiRequest,
  callWith,
  destinationRow,
  outboxRow,
  PRODUCTION,
} from "./forward-safety-helpers";
import { createSite, db, type TestSite } from "./helpers";
import { received } from "./sink-helpers";

/** An expected message: the exact text or a pattern. */
export type Expected = string | RegExp;

const matches = (actual: unknown, expected: Expected, label?: string) => {
  if (expected instanceof RegExp) expect(actual, label).toMatch(expected);
  else expect(actual, label).toEqual(expected);
};

/** Sends a request that must be refused: asserts the 400 and returns its error. */
export async function refusal(
  site: TestSite,
  body: object,
  method = "POST",
  path = "/api/v1/destinations",
) {
  const res = await apiSend(site, method, path, body);
  const text = await res.text();
  expect(res.status, text).toBe(400);
  return (JSON.parse(text) as { error: { code: string; message: string } }).error;
}

/**
 * Creates `{...base, ...patch}` for each case: each is a 400 `validation_failed` with its
 * message, and the site has no destination afterwards.
 */
export async function expectRefused(site: TestSite, base: object, cases: [object, Expected][]) {
  for (const [patch, message] of cases) {
    const error = await refusal(site, { ...base, ...patch });
    const want = message instanceof RegExp ? expect.stringMatching(message) : message;
    expect(error, JSON.stringify(patch)).toEqual({ code: "validation_failed", message: want });
  }
  const stored = await db().select().from(destinations).where(eq(destinations.siteId, site.id));
  expect(stored).toEqual([]);
}

/**
 * GETs the destination: none of `secrets` is in the answer or the stored row, whose secret is
 * sealed (`v1.`). Returns the public config for the kind's own checks (`…_last4`, defaults).
 */
export async function expectSealed(site: TestSite, id: string, secrets: string[]) {
  const text = await (await apiSend(site, "GET", `/api/v1/destinations/${id}`)).text();
  for (const secret of secrets) expect(text).not.toContain(secret);
  const row = await destinationRow(id);
  expect(row?.secret).toMatch(/^v1\./);
  for (const secret of secrets) expect(row?.secret).not.toContain(secret);
  return (JSON.parse(text) as { config: Record<string, unknown> }).config;
}

/**
 * Creates a destination from `body` on `site` through the API, then expectSealed with `secrets`:
 * the answer as created (`made`) and the public config read back (`config`).
 */
export async function createSealed(site: TestSite, body: object, secrets: string[]) {
  const made = await createDestination(site, body);
  return { made, config: await expectSealed(site, made.id, secrets) };
}

/** The URL policy of a kind: which URLs it allows, which it refuses and why. */
export interface HostPin {
  allowed: string[];
  refused: string[];
  /** One refused URL and the reason urlProblem gives for it. */
  reason: [url: string, expected: Expected];
  /** A loopback URL, allowed in local development only. */
  loopback: string;
}

/** Checks urlProblem against a kind's host pin (production, then local development). */
export function expectHostPin(kind: Parameters<typeof urlProblem>[1], pin: HostPin) {
  for (const ok of pin.allowed) expect(urlProblem(ok, kind, false), ok).toBeNull();
  for (const bad of [...pin.refused, pin.loopback])
    expect(urlProblem(bad, kind, false), bad).not.toBeNull();
  matches(urlProblem(pin.reason[0], kind, false), pin.reason[1]);
  expect(urlProblem(pin.loopback, kind, true)).toBeNull();
}

/** Creates `body` in production (no loopback): a 400 whose message is `expected`. */
export async function expectApiRefusesEndpoint(site: TestSite, body: object, expected: Expected) {
  const res = await callWith(apiRequest(site, "POST", "/api/v1/destinations", body), PRODUCTION);
  expect(res.status).toBe(400);
  const { error } = (await res.json()) as { error: { message: string } };
  matches(error.message, expected);
}

/** How a kind's secret stays with its endpoint. */
export interface SecretMove {
  /** The field the secret is given in (credentials, access_token, oauth_token). */
  secretField: string;
  /** Moves refused without the secret: [field, new value]. */
  moves: [field: string, value: string | null][];
  /** A move given with a new secret (accepted; the field is stored). */
  accepted: Record<string, unknown>;
  /** Other settings, changed without the secret (accepted)… */
  keep: Record<string, unknown>;
  /** …and how the stored config reads afterwards (default: as `keep`). */
  kept?: Record<string, unknown>;
}

/**
 * PATCHing where a destination sends needs its secret again: each move alone is a 400 and
 * changes nothing; the move with a new secret is stored; other settings keep the secret.
 */
export async function expectMoveNeedsSecret(site: TestSite, id: string, move: SecretMove) {
  const path = `/api/v1/destinations/${id}`;
  const before = await destinationRow(id);
  for (const [field, value] of move.moves) {
    const error = await refusal(site, { [field]: value }, "PATCH", path);
    expect(error.message).toBe(
      `${field}: changing where this destination sends needs ${move.secretField} again in the same request (the stored one stays with its endpoint)`,
    );
  }
  expect(await destinationRow(id)).toEqual(before);
  const ok = await apiSend(site, "PATCH", path, move.accepted);
  expect(ok.status).toBe(200);
  const config = (await destinationRow(id))?.config ?? {};
  for (const [field, value] of Object.entries(move.accepted))
    if (field !== move.secretField) expect(config[field]).toBe(value);
  const same = await apiSend(site, "PATCH", path, move.keep);
  expect(same.status).toBe(200);
  expect((await destinationRow(id))?.config).toMatchObject(move.kept ?? move.keep);
}

/**
 * Writes config fields around the API (an older row, a hand edit), so a test can show the URL
 * policy is checked again per request.
 */
export async function storeAroundApi(id: string, patch: Record<string, unknown>) {
  const stored = (await destinationRow(id))?.config ?? {};
  await db()
    .update(destinations)
    .set({ config: { ...stored, ...patch } })
    .where(eq(destinations.id, id))
    .run();
}

/**
 * Delivers outbox row `id` in production: no request, the row dead with `lastError` (for a URL
 * stored around the API, see storeAroundApi).
 */
export async function expectDeadAtDelivery(id: string, lastError: string) {
  expect(await deliverOutbox(PRODUCTION, id)).toEqual({ outcome: "dead" });
  const row = await outboxRow(id);
  expect(row?.status).toBe("dead");
  expect(row?.lastError).toBe(lastError);
}

/** A site with a destination on fake sinks: one `sink`, or `sinks` by role. */
export interface SiteOnSinks {
  site: TestSite;
  sink?: string;
  sinks?: Record<string, string>;
}

/** None of the site's sinks received a request. */
export async function expectQuiet({ sink, sinks }: SiteOnSinks) {
  for (const quiet of [sink ?? [], Object.values(sinks ?? {})].flat())
    expect(await received(quiet)).toEqual([]);
}

/** What every ad-platform kind must do at the API edge, as one table. */
export interface DestinationApiSpec {
  kind: Parameters<typeof urlProblem>[1];
  /** A valid create body (the secret may come in each case instead). */
  base: Record<string, unknown>;
  /** Bad settings (`{...base, ...patch}`) and each one's 400 message. */
  refusals: [patch: object, message: Expected][];
  hostPin: HostPin;
  /** Create bodies (`{...base, ...patch}`) sending to another host, and each one's 400 message. */
  otherHosts: [patch: object, message: Expected][];
  /** A site with the destination on fake sinks (`sink`, or `sinks` by role); none may get a request. */
  siteWith: () => Promise<SiteOnSinks & { dest: DestinationOut }>;
  move: SecretMove;
  /**
   * For a queue-delivered kind: a URL stored around the API (`stored`) is refused again at
   * delivery: the lead's row is dead with `lastError`.
   */
  atDelivery?: {
    stored: Record<string, unknown>;
    lead: (site: TestSite) => Promise<{ ids: string[] }>;
    lastError: string;
  };
}

/** The shared API-edge tests of a kind, in one describe block; its own checks go beside it. */
export function describeDestinationApi(spec: DestinationApiSpec) {
  describe(`${spec.kind}: the destinations API edge`, () => {
    it("400 with a clear message for each bad setting; nothing stored", async () => {
      await expectRefused(await createSite(), spec.base, spec.refusals);
    });

    it("the URL policy allows its hosts only (loopback only in local development)", () => {
      expectHostPin(spec.kind, spec.hostPin);
    });

    it("the API refuses another host for each URL it sends to", async () => {
      const site = await createSite();
      for (const [patch, message] of spec.otherHosts)
        await expectApiRefusesEndpoint(site, { ...spec.base, ...patch }, message);
    });

    it(`moving where it sends needs ${spec.move.secretField} again: 400 without, 200 with; other settings keep it`, async () => {
      const made = await spec.siteWith();
      await expectMoveNeedsSecret(made.site, made.dest.id, spec.move);
      await expectQuiet(made);
    });

    const at = spec.atDelivery;
    if (at)
      it("at delivery: a URL stored around the API gets no request; the row is dead with the reason", async () => {
        const { site, dest } = await spec.siteWith();
        await storeAroundApi(dest.id, at.stored);
        const { ids } = await at.lead(site);
        await expectDeadAtDelivery(ids[0] ?? "", at.lastError);
      });
  });
}
