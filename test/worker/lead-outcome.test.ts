/**
 * Each lead's outcome in the lead JSON (worker/read-model/lead-outcome.ts; issue 14): the stage
 * its sale events brought it to, its purchases and its revenue per currency (purchases minus
 * refunds, the site's currency first, other currencies apart), the same on the list, the sync
 * pages and the single lead.
 */
import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { leads } from "../../worker/db/schema";
import { outcomeOf, outcomeQuery } from "../../worker/read-model/lead-outcome";
import { apiOk, click, createSite, db, deliver, message, newPhone, type TestSite } from "./helpers";
import { send } from "./lead-events-helpers";

interface Outcome {
  stage: string | null;
  purchases: number;
  revenue: { currency: string; value: number }[];
}
type Lead = { id: string; contact: { wa_id: string }; outcome: Outcome };

/** A lead of `site` from a fresh phone; its id. */
async function newLead(site: TestSite) {
  const phone = newPhone();
  const ref = await click(site, { utm_source: "google", utm_medium: "cpc" });
  await deliver(site, message({ from: phone, body: `Hi ${formatRef(ref)}` }));
  const page = await apiOk<{ data: Lead[] }>(site, "/api/v1/leads");
  return page.data.find((l) => l.contact.wa_id === phone)?.id ?? "";
}

const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3600_000).toISOString();

async function events(site: TestSite, lead: string, bodies: object[]) {
  for (const body of bodies) {
    const res = await send(site, `/api/v1/leads/${lead}/events`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
}

describe("the lead's outcome", () => {
  it("purchases minus refunds per currency, the site's first; stages by the latest event", async () => {
    const site = await createSite();
    const [sold, lost, reopened, none] = [
      await newLead(site),
      await newLead(site),
      await newLead(site),
      await newLead(site),
    ];
    await events(site, sold, [
      { type: "qualified", occurred_at: at(5) },
      { type: "purchase", value: 249.5, currency: "USD", external_id: "o-1" },
      { type: "purchase", value: 80, currency: "EUR", external_id: "o-2" },
      { type: "refund", value: 49.5, currency: "USD", external_id: "o-1" },
      // A lost deal after a sale does not undo it.
      { type: "lost", occurred_at: at(1) },
    ]);
    await events(site, lost, [
      { type: "qualified", occurred_at: at(3) },
      { type: "lost", occurred_at: at(2) },
    ]);
    await events(site, reopened, [
      { type: "lost", occurred_at: at(3) },
      { type: "qualified", occurred_at: at(2) },
    ]);
    const page = await apiOk<{ data: Lead[] }>(site, "/api/v1/leads?include=touches");
    const of = (id: string) => page.data.find((l) => l.id === id)?.outcome;
    expect(of(sold)).toEqual({
      stage: "purchase",
      purchases: 2,
      revenue: [
        { currency: "USD", value: 200 },
        { currency: "EUR", value: 80 },
      ],
    });
    expect(of(lost)).toEqual({ stage: "lost", purchases: 0, revenue: [] });
    expect(of(reopened)).toEqual({ stage: "qualified", purchases: 0, revenue: [] });
    expect(of(none)).toEqual({ stage: null, purchases: 0, revenue: [] });
    // The single lead and incremental sync say the same.
    for (const l of page.data) {
      const one = await apiOk<Lead>(site, `/api/v1/leads/${l.id}`);
      expect(one.outcome).toEqual(l.outcome);
    }
    // Incremental sync serves leads whose changes have settled (SYNC_SETTLE_MS): backdated.
    await db()
      .update(leads)
      .set({ updatedAt: Date.now() - 60_000 })
      .where(eq(leads.siteId, site.id))
      .run();
    const sync = await apiOk<{ data: Lead[] }>(
      site,
      "/api/v1/leads?updated_since=2020-01-01T00:00:00Z&limit=200",
    );
    expect(sync.data).toHaveLength(4);
    for (const l of sync.data) expect(l.outcome).toEqual(of(l.id));
  });

  it("outcomeOf: a qualification and a lost deal at the same time read lost; exact sums", () => {
    const e = (
      type: "qualified" | "lost" | "purchase" | "refund",
      micros: number | null = null,
    ) => ({
      type,
      valueMicros: micros,
      currency: micros === null ? null : "RUB",
      occurredAt: 1000,
    });
    expect(outcomeOf([e("lost"), e("qualified")], "RUB").stage).toBe("lost");
    expect(outcomeOf([e("qualified"), e("lost")], "RUB").stage).toBe("lost");
    // 0.1 + 0.2 in millionths is exactly 0.3.
    expect(outcomeOf([e("purchase", 100_000), e("purchase", 200_000)], "USD")).toEqual({
      stage: "purchase",
      purchases: 2,
      revenue: [{ currency: "RUB", value: 0.3 }],
    });
  });

  it("query plan: a page's events are looked up by lead id on the unique index, in one statement", async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `lead_${i}`);
    const q = outcomeQuery(db(), "site_x", ids).toSQL();
    expect(q.params.length).toBeLessThan(5);
    const plan = await env.DB.prepare(`explain query plan ${q.sql}`)
      .bind(...q.params)
      .all<{ detail: string }>();
    const text = plan.results.map((r) => r.detail).join("\n");
    expect(text).not.toMatch(/lead_events_site_occurred_idx/);
    expect(text).toMatch(
      /lead_events USING INDEX lead_events_lead_type_external_unique \(lead_id=\?\)/,
    );
  });
});
