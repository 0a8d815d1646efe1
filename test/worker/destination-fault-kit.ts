/**
 * The fault table every destination sender goes through (re-exported by destination-test-kit.ts):
 * a refused connection, a 5xx, a request that gets no answer, then recovery — each a retry with
 * the attempt counted and the reason recorded, and the platform accepting the event once.
 *
 * For a queue-delivered kind: `openQueueFaults(kind, siteAt, lead)` opens the table (a closed port,
 * the destination's endpoint behind it, one lead) and its `recover(sink, unavailable)` runs
 * `expectFaultRecovery(queueFaults(...))`. A cron-delivered kind (yandex_metrica) gives its own
 * `attempt` and `states`.
 */
import { expect } from "vitest";
import type { PlanStep, Recorded } from "../support/fake-destinations";
import { byKind, captureConsole } from "./forward-faults-helpers";
import { type DeliveryOut, listDeliveries } from "./forward-helpers";
import type { TestSite } from "./helpers";
import { makeDue, runQueue } from "./queue-helpers";
import { closedPort, received, setPlan, switchPort } from "./sink-helpers";

/** A delivery row's state, as the deliveries API and the outbox table both hold it. */
export interface AttemptState {
  status: string;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
}

/** One destination under the fault table. */
export interface FaultCase {
  /** The fake sink behind the port. */
  sink: string;
  /** A port that refuses connections until the table opens it (`closedPort()`). */
  port: number;
  /** The outbox ids under test. */
  ids: string[];
  /** Runs attempt `n` of every row (the queue consumer, or the cron); returns the acked ids if known. */
  attempt: (n: number) => Promise<string[] | undefined>;
  /** The rows' states now. */
  states: () => Promise<(AttemptState | undefined)[]>;
  /** The 5xx body the platform sends and the last_error it leaves. */
  unavailable: { body: string; lastError: string | RegExp };
  /** The accepting answer, where the sink's standing answer is not it. */
  accept?: PlanStep;
  /** Rows' state once accepted (default sent, no error; `{status: "pending"}` where a poll follows). */
  accepted?: Partial<AttemptState>;
  /** Which requests count (default: all the sink received). */
  requestsOf?: (reqs: Recorded[]) => Recorded[];
  /** What must be the same in every attempt (default: the body). */
  payloadOf?: (req: Recorded) => string;
}

/** The one delivery row of `kind` on a site (asserts there is exactly one). */
export async function deliveryOf(site: TestSite, kind: string): Promise<DeliveryOut> {
  const rows = byKind(await listDeliveries(site), kind);
  expect(rows).toHaveLength(1);
  return rows[0] as DeliveryOut;
}

const stateOf = (r: DeliveryOut): AttemptState => ({
  status: r.status,
  attempts: r.attempts,
  responseStatus: r.response_status,
  lastError: r.last_error,
});

/** A queue-delivered kind: attempts run by the queue consumer, states from the deliveries API. */
export const queueFaults = (
  site: TestSite,
  kind: string,
  c: Omit<FaultCase, "attempt" | "states">,
): FaultCase => ({
  ...c,
  attempt: async (n) => (await runQueue(c.ids, n)).acked,
  states: async () => [stateOf(await deliveryOf(site, kind))],
});

/**
 * Runs the table: refused → retrying (no status); 5xx → retrying with the platform's reason;
 * no answer → retrying; then accepted. The platform received three requests (5xx, hang, 200),
 * all with the same payload. Returns those requests.
 */
export async function expectFaultRecovery(c: FaultCase): Promise<Recorded[]> {
  const expectAll = async (want: Partial<AttemptState>, lastError?: string | RegExp) => {
    for (const s of await c.states()) {
      expect(s).toMatchObject(want);
      if (lastError instanceof RegExp) expect(s?.lastError).toMatch(lastError);
      else if (lastError !== undefined) expect(s?.lastError).toBe(lastError);
    }
  };
  try {
    await c.attempt(1);
    await expectAll({ status: "retrying", attempts: 1, responseStatus: null }, /^request failed: /);

    await switchPort(c.port, true);
    await setPlan(c.sink, [
      { mode: "status", status: 503, body: c.unavailable.body },
      { mode: "hang" },
      ...(c.accept ? [c.accept] : []),
    ]);
    await makeDue(c.ids);
    await c.attempt(2);
    await expectAll(
      { status: "retrying", attempts: 2, responseStatus: 503 },
      c.unavailable.lastError,
    );

    await makeDue(c.ids);
    await c.attempt(3);
    await expectAll({ status: "retrying", attempts: 3 }, "no answer within 400 ms");

    await makeDue(c.ids);
    const acked = await c.attempt(4);
    if (acked) expect(acked).toEqual(c.ids);
    const accepted = c.accepted ?? { status: "sent", lastError: null };
    await expectAll({ ...accepted, attempts: 4, responseStatus: 200 });

    const reqs = (c.requestsOf ?? ((r) => r))(await received(c.sink));
    expect(reqs.map((q) => q.answer)).toEqual([503, "hang", 200]);
    expect(new Set(reqs.map(c.payloadOf ?? ((q) => q.body))).size).toBe(1);
    return reqs;
  } finally {
    await switchPort(c.port, false);
  }
}

/**
 * A queue-delivered kind's fault table, opened: the console captured (`logs`), a closed port, the
 * site whose destination sends there (`siteAt(base)`), and one lead (`lead(site)`) with exactly
 * one outbox row (`ids`). `recover(sink, unavailable)` then runs the table (expectFaultRecovery).
 */
export async function openQueueFaults<S extends { site: TestSite }>(
  kind: string,
  siteAt: (base: string) => Promise<S>,
  lead: (site: TestSite) => Promise<{ ids: string[] }>,
) {
  const logs = captureConsole();
  const port = await closedPort();
  const made = await siteAt(`http://127.0.0.1:${port}`);
  const { ids } = await lead(made.site);
  expect(ids).toHaveLength(1);
  return {
    ...made,
    logs,
    ids,
    recover: (sink: string, unavailable: FaultCase["unavailable"]) =>
      expectFaultRecovery(queueFaults(made.site, kind, { sink, port, ids, unavailable })),
    /** Once due again, `sink` still holds only the table's three requests: accepted once. */
    async expectAcceptedOnce(sink: string) {
      await makeDue(ids);
      await runQueue(ids, 1);
      expect(await received(sink)).toHaveLength(3);
    },
  };
}

/** No captured console line holds any of `secrets`. */
export function expectNoSecretLogged(logs: string[], secrets: string[]) {
  for (const line of logs) for (const secret of secrets) expect(line).not.toContain(secret);
}
