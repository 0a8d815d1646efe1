/**
 * A lead's outcome: its sale events (`lead_events`, api/record-lead-event.ts) summed up for the
 * lead JSON of the API (`outcome`) and the dashboard's leads table.
 *
 * - stage: `purchase` once the lead has a purchase (a later lost deal does not undo a sale);
 *   otherwise the latest of its `qualified` / `lost` events (by occurred_at; a lost deal wins a
 *   tie), so a deal lost and then reopened reads qualified; null without any;
 * - purchases: its purchase events (repeat orders are events of their own);
 * - revenue: purchases' values minus refunds' values per currency, summed in millionths as the
 *   stats do (reporting/sales-sql.ts), the site's currency first and the others after it, never
 *   added to it.
 *
 * One query per page whatever its size (the ids travel as one JSON parameter, looked up on
 * lead_events' (lead_id, …) unique index), like the touch paths (api/lead-touches.ts).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { leadEvents, type SaleEventType, sites } from "../db/schema";
import type { OutcomeJson } from "./lead-schema";

/** What the outcome reads of one sale event. */
export interface OutcomeEvent {
  type: SaleEventType;
  valueMicros: number | null;
  currency: string | null;
  occurredAt: number;
}

/** No sale event yet. */
export const NO_OUTCOME: OutcomeJson = { stage: null, purchases: 0, revenue: [] };

/** The outcome of one lead's events (any order), its site's currency first in `revenue`. */
export function outcomeOf(events: readonly OutcomeEvent[], siteCurrency: string): OutcomeJson {
  let purchases = 0;
  let latest: OutcomeEvent | null = null;
  const micros = new Map<string, number>();
  for (const e of events) {
    if (e.type === "purchase") purchases++;
    if ((e.type === "purchase" || e.type === "refund") && e.currency && e.valueMicros !== null) {
      const signed = e.type === "purchase" ? e.valueMicros : -e.valueMicros;
      micros.set(e.currency, (micros.get(e.currency) ?? 0) + signed);
    }
    if (e.type !== "qualified" && e.type !== "lost") continue;
    if (
      !latest ||
      e.occurredAt > latest.occurredAt ||
      (e.occurredAt === latest.occurredAt && e.type === "lost")
    )
      latest = e;
  }
  const revenue = [...micros]
    .map(([currency, m]) => ({ currency, value: m / 1e6 }))
    .sort((a, b) =>
      a.currency === siteCurrency
        ? -1
        : b.currency === siteCurrency
          ? 1
          : a.currency.localeCompare(b.currency),
    );
  return {
    stage: purchases ? "purchase" : ((latest?.type as "qualified" | "lost" | undefined) ?? null),
    purchases,
    revenue,
  };
}

/** The sale events of these leads of the site, with its currency (exported for the plan test). */
export function outcomeQuery(db: Db, siteId: string, leadIds: readonly string[]) {
  return db
    .select({
      leadId: leadEvents.leadId,
      type: leadEvents.type,
      valueMicros: leadEvents.valueMicros,
      currency: leadEvents.currency,
      occurredAt: leadEvents.occurredAt,
      siteCurrency: sites.currency,
    })
    .from(leadEvents)
    .innerJoin(sites, eq(sites.id, leadEvents.siteId))
    .where(
      and(
        sql`${leadEvents.leadId} in (select value from json_each(${JSON.stringify(leadIds)}))`,
        // Unary + keeps SQLite off lead_events_site_occurred_idx (every event of the site):
        // the lead ids drive the lookup, on the unique index's lead_id prefix.
        sql`+${leadEvents.siteId} = ${siteId}`,
      ),
    );
}

/** The outcomes of these leads of the site, by lead id (every id present). */
export async function readOutcomes(
  db: Db,
  siteId: string,
  leadIds: readonly string[],
): Promise<Map<string, OutcomeJson>> {
  const out = new Map<string, OutcomeJson>(leadIds.map((id) => [id, NO_OUTCOME]));
  if (!leadIds.length) return out;
  const rows = await outcomeQuery(db, siteId, leadIds).all();
  const byLead = new Map<string, typeof rows>();
  for (const r of rows) byLead.set(r.leadId, [...(byLead.get(r.leadId) ?? []), r]);
  for (const [id, events] of byLead) out.set(id, outcomeOf(events, events[0]?.siteCurrency ?? ""));
  return out;
}

/** A page of lead JSON with each lead's outcome (one query). */
export async function withOutcomes<B extends { data: { id: string }[] }>(
  db: Db,
  siteId: string,
  body: B,
): Promise<B & { data: (B["data"][number] & { outcome: OutcomeJson })[] }> {
  const outcomes = await readOutcomes(
    db,
    siteId,
    body.data.map((l) => l.id),
  );
  return {
    ...body,
    data: body.data.map((l) => ({ ...l, outcome: outcomes.get(l.id) ?? NO_OUTCOME })),
  };
}
