/**
 * `GET /api/v1/deliveries/summary` and the list's period filter: per destination, the counts by
 * status equal the log's, the last success and the newest error are the log's, the period is
 * respected, another site's key sees none of it.
 */
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { RESPONSE_SCHEMAS } from "../../worker/api/openapi";
import { outbox } from "../../worker/db/schema";
import {
  apiSend,
  captureQueue,
  createDestination,
  listDeliveries,
  newSink,
  runQueue,
  setPlan,
  sinkUrl,
} from "./forward-helpers";
import { click, createSite, db, deliver, message, newPhone } from "./helpers";

interface Summary {
  from: string;
  to: string;
  destinations: {
    destination_id: string;
    counts: Record<string, number>;
    last_sent_at: string | null;
    last_error: { message: string; at: string } | null;
  }[];
}

describe("GET /api/v1/deliveries/summary", () => {
  it("counts each destination's deliveries by status over the period, as the log has them", async () => {
    const site = await createSite();
    const ok = newSink("summary-ok");
    const bad = newSink("summary-bad");
    await setPlan(bad, [{ mode: "status", status: 500, body: "<b>upstream down</b>", times: 99 }]);
    const good = await createDestination(site, {
      kind: "webhook",
      name: "CRM",
      url: `${sinkUrl(ok)}/in`,
    });
    const failing = await createDestination(site, {
      kind: "webhook",
      name: "Broken",
      url: `${sinkUrl(bad)}/in`,
    });
    const idle = await createDestination(site, {
      kind: "webhook",
      name: "Idle",
      url: `${sinkUrl(ok)}/idle`,
    });
    await apiSend(site, "PATCH", `/api/v1/destinations/${idle.id}`, { disabled: true });
    // The idle one was disabled before any lead: it has no deliveries, and is still listed.
    const queue = captureQueue();
    for (let i = 0; i < 3; i++) {
      const ref = await click(site, { utm_source: "newsletter" });
      await deliver(site, message({ from: newPhone(), body: formatRef(ref) }));
    }
    const ids = queue.drain();
    expect(ids).toHaveLength(6);
    await runQueue(ids);
    // One of the failing rows is given up on (dead).
    const failed = await listDeliveries(site, `destination_id=${failing.id}`);
    await db()
      .update(outbox)
      .set({ status: "dead", nextAttemptAt: null })
      .where(inArray(outbox.id, [failed[0]?.id ?? ""]))
      .run();

    const res = await apiSend(site, "GET", "/api/v1/deliveries/summary");
    expect(res.status).toBe(200);
    const summary = (await res.json()) as Summary;
    expect(RESPONSE_SCHEMAS.DeliverySummary.safeParse(summary).success).toBe(true);
    expect(summary.destinations.map((d) => d.destination_id)).toEqual([
      good.id,
      failing.id,
      idle.id,
    ]);
    const log = await listDeliveries(site);
    for (const d of summary.destinations) {
      const mine = log.filter((r) => r.destination.id === d.destination_id);
      for (const status of ["pending", "retrying", "sent", "dead", "skipped"])
        expect(d.counts[status], `${d.destination_id} ${status}`).toBe(
          mine.filter((r) => r.status === status).length,
        );
    }
    const [g, f, i] = summary.destinations;
    expect(g?.counts.sent).toBe(3);
    expect(g?.last_sent_at).toBe(
      log
        .filter((r) => r.destination.id === good.id)
        .map((r) => r.sent_at)
        .sort()
        .at(-1),
    );
    expect(f?.counts).toMatchObject({ retrying: 2, dead: 1, sent: 0 });
    expect(f?.last_sent_at).toBeNull();
    expect(f?.last_error?.message).toContain("HTTP 500");
    expect(f?.last_error?.message).toContain("<b>upstream down</b>");
    expect(i?.counts).toEqual({ pending: 0, retrying: 0, sent: 0, dead: 0, skipped: 0 });

    // A period before the leads: every destination at zero; the list's period filter agrees.
    const before = new Date(Date.now() - 3_600_000).toISOString();
    const old = (await (
      await apiSend(site, "GET", `/api/v1/deliveries/summary?to=${encodeURIComponent(before)}`)
    ).json()) as Summary;
    expect(old.destinations.every((d) => Object.values(d.counts).every((n) => n === 0))).toBe(true);
    expect(await listDeliveries(site, `to=${encodeURIComponent(before)}`)).toEqual([]);
    expect(await listDeliveries(site, `from=${encodeURIComponent(before)}`)).toHaveLength(6);

    // Another site's key sees only its own (empty) summary.
    const other = await createSite();
    const theirs = (await (
      await apiSend(other, "GET", "/api/v1/deliveries/summary")
    ).json()) as Summary;
    expect(theirs.destinations).toEqual([]);
  });

  it("400 on a bad period", async () => {
    const site = await createSite();
    for (const q of ["from=2026-02-01&to=2026-01-01", "from=2020-01-01&to=2026-01-01", "from=x"]) {
      const res = await apiSend(site, "GET", `/api/v1/deliveries/summary?${q}`);
      expect(res.status, q).toBe(400);
    }
  });
});
