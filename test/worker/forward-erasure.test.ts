/**
 * Erasure wins over forwarding (worker/forward/erased.ts): an attempt in flight when the contact
 * is erased cannot write its payload back or turn `skipped` into `sent`, and one still getting
 * its OAuth token sends nothing; a row of an erased
 * contact is never sent; the retry route refuses it.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { outbox } from "../../worker/db/schema";
import { deliverOutbox } from "../../worker/forward/deliver";
import { apiSend, received, releaseHeld, setPlan, siteWithHook } from "./forward-helpers";
import { envWith, leadFor, outboxRow } from "./forward-safety-helpers";
import { db, type TestSite } from "./helpers";
import { erasePhone, holdFetch } from "./hold-fetch";
import { microsoftLead, msTokenAnswer, siteWithMicrosoftAds } from "./microsoft-ads-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Attempts may wait for the test: the fake holds its answer until released. */
const PATIENT = envWith({ FORWARD_TIMEOUT_MS: "10000" });

async function erase(site: TestSite, contactId: string) {
  const res = await apiSend(site, "DELETE", `/api/v1/contacts/${contactId}`);
  expect(res.status).toBe(200);
}

async function hookLead(label: string) {
  const { site, sink, hook } = await siteWithHook(label);
  return { site, sink, ...(await leadFor(site, hook.id)) };
}

describe("erasure during a delivery", () => {
  it.each([200, 500])(
    "erased while the request is in flight (answer %i): the row stays skipped, payload erased",
    async (status) => {
      const { site, sink, outboxId, contactId } = await hookLead(`erase-inflight-${status}`);
      await setPlan(sink, [{ mode: "hold", status }]);
      const attempt = deliverOutbox(PATIENT, outboxId);
      const deadline = Date.now() + 5_000;
      while ((await received(sink)).length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(await received(sink)).toHaveLength(1);
      await erase(site, contactId);
      expect(await releaseHeld(sink)).toBe(1);
      // The outcome was not the sender's to record any more.
      expect(await attempt).toEqual({ outcome: "busy" });
      expect(await outboxRow(outboxId)).toMatchObject({
        status: "skipped",
        lastError: "contact erased",
        payload: null,
        sentAt: null,
        nextAttemptAt: null,
      });
    },
  );

  it("erased while the OAuth token is fetched: the conversion never leaves", async () => {
    const { site, sinks } = await siteWithMicrosoftAds();
    const { ids, phone } = await microsoftLead(site, { msclkid: "msclkid-erase-token" });
    // The token endpoint answers only once the test has erased the contact (the fake's held
    // answers carry no body, so the exchange is held here, in front of it).
    const token = holdFetch(
      (url) => url.includes(sinks.token),
      () => new Response(msTokenAnswer(), { headers: { "content-type": "application/json" } }),
    );
    const attempt = deliverOutbox(PATIENT, ids[0] ?? "");
    await token.asked;
    await erasePhone(site, phone);
    token.release();
    expect(await attempt).toEqual({ outcome: "busy" });
    expect(await received(sinks.api)).toEqual([]);
    expect(await outboxRow(ids[0] ?? "")).toMatchObject({ status: "skipped", payload: null });
  });

  it("a live row of an erased contact is skipped without a request", async () => {
    const { site, sink, outboxId, contactId } = await hookLead("erase-before");
    await erase(site, contactId);
    // As if written around the erasure (a race with a backfill, an old retry).
    await db()
      .update(outbox)
      .set({ status: "pending", nextAttemptAt: Date.now(), payload: '{"data":"old copy"}' })
      .where(eq(outbox.id, outboxId))
      .run();
    expect(await deliverOutbox(env, outboxId)).toEqual({ outcome: "skipped" });
    expect(await outboxRow(outboxId)).toMatchObject({
      status: "skipped",
      lastError: "contact erased",
      payload: null,
    });
    expect(await received(sink)).toEqual([]);
  });
});

describe("POST /api/v1/deliveries/:id/retry", () => {
  it("409 for a delivery of an erased contact; nothing is rescheduled", async () => {
    const { site, outboxId, contactId } = await hookLead("erase-retry");
    await erase(site, contactId);
    const before = await outboxRow(outboxId);
    const res = await apiSend(site, "POST", `/api/v1/deliveries/${outboxId}/retry`);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: {
        code: "conflict",
        message: `Delivery ${outboxId} belongs to an erased contact; it is never sent`,
      },
    });
    expect(await outboxRow(outboxId)).toEqual(before);
  });

  it("a skipped delivery of a live contact can still be retried", async () => {
    const { site, outboxId } = await hookLead("retry-live");
    await db()
      .update(outbox)
      .set({ status: "skipped", lastError: "the destination is disabled", nextAttemptAt: null })
      .where(eq(outbox.id, outboxId))
      .run();
    const res = await apiSend(site, "POST", `/api/v1/deliveries/${outboxId}/retry`);
    expect(res.status).toBe(202);
    expect((await outboxRow(outboxId))?.status).toBe("pending");
  });
});
