/**
 * A destination's answer costs a few KB at most (worker/forward/send.ts): a huge or endless body
 * is cut after ANSWER_MAX_BYTES and the connection cancelled, keeping the status and a short
 * excerpt; a redirect is never followed (it would carry the credential elsewhere).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliverOutbox } from "../../worker/forward/deliver";
import type { Recorded } from "../support/fake-destinations";
import {
  createDestination,
  newSink,
  received,
  setPlan,
  sinkUrl,
  siteWithHook,
} from "./forward-helpers";
import { leadFor, outboxRow } from "./forward-safety-helpers";
import { createSite } from "./helpers";

const MB = 1024 * 1024;

/** The sink's one request, once the fake has seen its connection end. */
async function settled(sink: string): Promise<Recorded> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const [first] = await received(sink);
    if (first && (first.complete || Date.now() > deadline)) return first;
    // Give the fake time to see the socket close (written stops growing).
    const before = first?.written;
    await new Promise((r) => setTimeout(r, 100));
    const [again] = await received(sink);
    if (again && again.written === before) return again;
  }
}

async function hookWithLead(label: string) {
  const { site, sink, hook } = await siteWithHook(label);
  const { outboxId } = await leadFor(site, hook.id);
  return { site, sink, outboxId };
}

describe("bounded answers", () => {
  it("a 64 MB error body: status and a 300-character excerpt, the rest never read", async () => {
    const { sink, outboxId } = await hookWithLead("huge");
    await setPlan(sink, [{ mode: "stream", status: 500, bytes: 64 * MB }]);
    const started = Date.now();
    expect(await deliverOutbox(env, outboxId)).toMatchObject({ outcome: "retrying" });
    expect(Date.now() - started).toBeLessThan(2_000);
    const row = await outboxRow(outboxId);
    expect(row?.responseStatus).toBe(500);
    expect(row?.lastError).toBe(`HTTP 500: ${"x".repeat(300)}`);
    const seen = await settled(sink);
    expect(seen.complete).toBe(false);
    expect(seen.written).toBeLessThan(16 * MB);
  });

  it("an endless error body ends the attempt with its status, not the time limit", async () => {
    const { sink, outboxId } = await hookWithLead("endless");
    await setPlan(sink, [{ mode: "stream", status: 502 }]);
    expect(await deliverOutbox(env, outboxId)).toMatchObject({ outcome: "retrying" });
    const row = await outboxRow(outboxId);
    expect(row).toMatchObject({ responseStatus: 502, lastError: `HTTP 502: ${"x".repeat(300)}` });
    const seen = await settled(sink);
    expect(seen.complete).toBe(false);
    expect(seen.written).toBeLessThan(16 * MB);
  });

  it("a 2xx answer's body is not read at all", async () => {
    const { sink, outboxId } = await hookWithLead("ok-huge");
    await setPlan(sink, [{ mode: "stream", status: 200, bytes: 64 * MB }]);
    expect(await deliverOutbox(env, outboxId)).toEqual({ outcome: "sent" });
    const seen = await settled(sink);
    expect(seen.complete).toBe(false);
    expect(seen.written).toBeLessThan(16 * MB);
  });
});

describe("redirects", () => {
  it("a 302 is a failed attempt: the credential never reaches the Location host", async () => {
    const site = await createSite();
    const [first, elsewhere] = [newSink("redirect-from"), newSink("redirect-to")];
    // The receiver's own token travels in the query, like GA4's api_secret and Meta's token.
    const hook = await createDestination(site, {
      kind: "webhook",
      name: "h",
      url: `${sinkUrl(first)}?token=redirect-hook-token-0001`,
    });
    const { outboxId } = await leadFor(site, hook.id);
    await setPlan(first, [
      { mode: "status", status: 302, headers: { location: `${sinkUrl(elsewhere)}/events` } },
    ]);
    // Final, not retried: the same URL would redirect again.
    expect(await deliverOutbox(env, outboxId)).toEqual({ outcome: "dead" });
    const row = await outboxRow(outboxId);
    expect(row).toMatchObject({ status: "dead", responseStatus: 302 });
    expect(row?.lastError).toMatch(/^HTTP 302: redirect not followed/);
    expect(row?.lastError).not.toContain("redirect-hook-token");
    expect(await received(first)).toHaveLength(1);
    expect(await received(elsewhere)).toEqual([]);
  });

  it("a webhook answering 307 is not followed either", async () => {
    const { sink, outboxId } = await hookWithLead("redirect-hook");
    const target = newSink("redirect-hook-to");
    await setPlan(sink, [{ mode: "status", status: 307, headers: { location: sinkUrl(target) } }]);
    expect(await deliverOutbox(env, outboxId)).toEqual({ outcome: "dead" });
    expect((await outboxRow(outboxId))?.responseStatus).toBe(307);
    expect(await received(target)).toEqual([]);
  });
});
