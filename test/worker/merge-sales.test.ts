/**
 * A merge of two contacts that both have sale events: the loser's events move to the winner's
 * lead (an order reported for both is kept once), the merge does not fail on the events'
 * foreign key, and the stats rollup still equals the raw rows.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { localDay, localMidnight } from "../../worker/reporting/time-zone";
import { createSite } from "./helpers";
import { onePersonTwoContacts, peopleOf, say } from "./identity-helpers";
import { count, send } from "./lead-events-helpers";
import { expectSalesRollupEqualsRaw, rollupSums } from "./stats-sales-helpers";

describe("merging contacts with sale events", () => {
  it("moves the loser's events to the winner's lead; the rollup equals the raw rows", async () => {
    const site = await createSite();
    const { phone, userId, t0 } = await onePersonTwoContacts(site);
    const split = await peopleOf(site);
    expect(split.leads).toHaveLength(2);
    const winner = split.leads.find((l) => l.firstMessageAt === t0 * 1000);
    const loser = split.leads.find((l) => l.id !== winner?.id);
    const event = (lead: string | undefined, body: object) =>
      send(site, `/api/v1/leads/${lead}/events`, body);
    const order = { type: "purchase", value: 30, currency: "USD", external_id: "o-1" };
    expect((await event(winner?.id, order)).status).toBe(201);
    expect((await event(loser?.id, order)).status).toBe(201);
    expect((await event(loser?.id, { ...order, value: 12, external_id: "o-2" })).status).toBe(201);
    expect((await event(loser?.id, { type: "qualified" })).status).toBe(201);
    const before = await rollupSums(site);

    await say(site, { phone, userId, username: "u" }, { timestamp: t0 + 180, body: "thanks" });
    const merged = await peopleOf(site);
    expect(merged.leads.map((l) => l.id)).toEqual([winner?.id]);
    const events = await env.DB.prepare(
      "select type, external_id, value_micros from lead_events where site_id = ?1 order by external_id",
    )
      .bind(site.id)
      .all();
    expect(events.results).toEqual([
      { type: "purchase", external_id: "o-1", value_micros: 30_000_000 },
      { type: "purchase", external_id: "o-2", value_micros: 12_000_000 },
      { type: "qualified", external_id: "qualified", value_micros: null },
    ]);
    expect(await count("lead_events", "lead_id = ?", loser?.id)).toBe(0);
    // The duplicate o-1 is gone from the counts; everything else is now the winner's.
    expect(await rollupSums(site)).toEqual({
      ...before,
      pf: (before?.pf ?? 0) - 1,
      pl: (before?.pl ?? 0) - 1,
      rf: (before?.rf ?? 0) - 30_000_000,
      rl: (before?.rl ?? 0) - 30_000_000,
    });
    const today = localDay("UTC", Date.now());
    const [from, to] = [localMidnight("UTC", today - 3), localMidnight("UTC", today + 1)];
    await expectSalesRollupEqualsRaw(site, "UTC", from, to, ["day"]);
  });
});
