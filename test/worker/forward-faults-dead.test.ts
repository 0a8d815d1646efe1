/**
 * Fault tests, continued: dead deliveries and their retry, final and transient errors,
 * Retry-After; lost queue messages and concurrent consumers.
 */

import { eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { outbox } from "../../worker/db/schema";
import { SWEEP_GRACE_MS } from "../../worker/forward/sweep";
import { leads, SECRETS } from "./forward-faults-helpers";
import { siteWithHook, siteWithQueue } from "./forward-fixtures";
import { apiSend, createDestination, listDeliveries } from "./forward-helpers";
import { db } from "./helpers";
import { captureQueue, makeDue, runCron, runQueue } from "./queue-helpers";
import { newSink, received, setPlan, sinkUrl } from "./sink-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("destinations that fail for a while and then recover", () => {
  it("gives up into a visible dead state, and POST /deliveries/:id/retry brings it back", async () => {
    const queue = captureQueue();
    const { site, sink } = await siteWithHook("dead", "Down");
    await setPlan(sink, [{ mode: "status", status: 502, times: 100 }]);
    await leads(site, 1);
    const [id = ""] = queue.drain();
    // A short allowance keeps the test quick; the production default is MAX_ATTEMPTS.
    await db().update(outbox).set({ maxAttempts: 2 }).where(eq(outbox.id, id)).run();

    expect((await runQueue([id], 1)).retried).toHaveLength(1);
    await makeDue([id]);
    const last = await runQueue([id], 2);
    expect(last).toEqual({ acked: [id], retried: [] });
    let [row] = await listDeliveries(site, "status=dead");
    expect(row).toMatchObject({
      id,
      status: "dead",
      attempts: 2,
      max_attempts: 2,
      response_status: 502,
    });
    expect(row?.last_error).toMatch(/^gave up after 2 attempts; last: HTTP 502/);
    expect(row?.next_attempt_at).toBeNull();
    expect(await listDeliveries(site, "status=retrying")).toEqual([]);

    // Fixed on the receiver's side; retried by hand.
    await setPlan(sink, []);
    const res = await apiSend(site, "POST", `/api/v1/deliveries/${id}/retry`);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({
      id,
      status: "retrying",
      attempts: 2,
      max_attempts: 17,
    });
    expect(queue.drain()).toEqual([id]);
    await runQueue([id], 1);
    [row] = await listDeliveries(site);
    expect(row).toMatchObject({
      status: "sent",
      attempts: 3,
      last_error: null,
      response_status: 200,
    });

    // A sent delivery is never sent twice.
    const again = await apiSend(site, "POST", `/api/v1/deliveries/${id}/retry`);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: { code: "bad_request" } });
    expect(queue.drain()).toEqual([]);
  });

  it("a final error (Meta 400) is dead at once; a transient one is retried", async () => {
    const { queue, site } = await siteWithQueue();
    const sink = newSink("meta400");
    await createDestination(site, {
      kind: "meta_capi",
      name: "Meta",
      dataset_id: "777",
      access_token: SECRETS.meta,
      endpoint: sinkUrl(sink),
    });
    const invalid = JSON.stringify({
      error: { message: "Invalid OAuth access token", type: "OAuthException", code: 190 },
    });
    const limited = JSON.stringify({
      error: { message: "Application request limit reached", code: 4, is_transient: true },
    });
    await setPlan(sink, [
      { mode: "status", status: 400, body: invalid },
      { mode: "status", status: 400, body: limited },
    ]);
    await leads(site, 2);
    const ids = queue.drain();
    const run = await runQueue(ids);
    expect(run.retried).toHaveLength(1);
    const rows = await listDeliveries(site);
    expect(rows.map((r) => r.status).sort()).toEqual(["dead", "retrying"]);
    const dead = rows.find((r) => r.status === "dead");
    expect(dead).toMatchObject({ attempts: 1, response_status: 400 });
    expect(dead?.last_error).toContain("Invalid OAuth access token");
    expect(rows.find((r) => r.status === "retrying")?.last_error).toContain("request limit");
  });

  it("honours Retry-After on 429", async () => {
    const queue = captureQueue();
    const { site, sink } = await siteWithHook("429", "Busy");
    await setPlan(sink, [{ mode: "status", status: 429, headers: { "retry-after": "600" } }]);
    await leads(site, 1);
    const run = await runQueue(queue.drain());
    expect(run.retried[0]?.delaySeconds).toBe(600);
    const [row] = await listDeliveries(site);
    expect(row).toMatchObject({ status: "retrying", response_status: 429 });
    expect(Date.parse(row?.next_attempt_at ?? "") - Date.now()).toBeGreaterThan(590_000);
  });
});

describe("lost queue messages and concurrent consumers", () => {
  it("the cron sweep re-enqueues rows whose message was lost, not fresh or leased ones", async () => {
    const queue = captureQueue();
    const { site, sink } = await siteWithHook("sweep", "CRM");
    await leads(site, 3);
    const [lost = "", leased = "", fresh = ""] = queue.drain(); // never delivered: "lost"
    await runCron();
    expect(queue.drain()).not.toContain(lost);

    const overdue = SWEEP_GRACE_MS + 60_000;
    await makeDue([lost, leased], overdue);
    // A consumer is still working on `leased` (its lease is live): the sweep leaves it alone.
    await db()
      .update(outbox)
      .set({ leaseUntil: Date.now() + 60_000 })
      .where(eq(outbox.id, leased))
      .run();
    await runCron();
    const swept = queue.drain();
    expect(swept).toContain(lost);
    expect(swept).not.toContain(leased);
    expect(swept).not.toContain(fresh);
    const after = await db().select().from(outbox).where(eq(outbox.id, lost)).get();
    expect(Math.abs((after?.nextAttemptAt ?? 0) - Date.now())).toBeLessThan(10_000);
    // Swept again only after another grace period.
    await runCron();
    expect(queue.drain()).not.toContain(lost);

    await runQueue([lost]);
    const rows = await listDeliveries(site, "status=sent");
    expect(rows.map((r) => r.id)).toEqual([lost]);
    expect((await received(sink)).length).toBe(1);
  });

  it("two consumers with the same message send once", async () => {
    const queue = captureQueue();
    const { site, sink } = await siteWithHook("twice", "CRM");
    await leads(site, 1);
    const ids = queue.drain();
    await Promise.all([runQueue(ids), runQueue(ids), runQueue(ids)]);
    expect((await received(sink)).length).toBe(1);
    const [row] = await listDeliveries(site);
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("a crashed consumer's lease expires and the row is attempted again", async () => {
    const queue = captureQueue();
    const { site, sink } = await siteWithHook("crash", "CRM");
    await leads(site, 1);
    const [id = ""] = queue.drain();
    await db()
      .update(outbox)
      .set({ leaseUntil: Date.now() + 60_000 })
      .where(inArray(outbox.id, [id]))
      .run();
    expect(await runQueue([id])).toEqual({ acked: [id], retried: [] });
    expect(await received(sink)).toEqual([]);
    await db()
      .update(outbox)
      .set({ leaseUntil: Date.now() - 1 })
      .where(eq(outbox.id, id))
      .run();
    await runQueue([id]);
    expect((await received(sink)).length).toBe(1);
  });
});
