/**
 * What one sale event (a `lead_events` row) adds to the stats, as SQL over its alias: shared by
 * the raw stats (stats-query.ts) and the rollup (sales-rollup.ts), so they cannot disagree.
 *
 * - qualified: a lead counts once, on the day of its first qualified event (by occurred_at, then
 *   id), so the count is additive over days and a period counts each lead at most once;
 * - purchases: every purchase event (repeat orders are rows of their own), whatever its currency;
 * - revenue: purchases' values minus refunds' values, in millionths, for events in the site's
 *   currency (sites.currency) only; other currencies are reported apart, never summed with it;
 * - lost: not counted.
 */

/** Whether event `e` is its lead's first qualified event (earliest occurred_at, then id). */
export const firstQualified = (e: string) =>
  `not exists (select 1 from lead_events o where o.lead_id = ${e}.lead_id and o.type = 'qualified'
    and (o.occurred_at < ${e}.occurred_at or (o.occurred_at = ${e}.occurred_at and o.id < ${e}.id)))`;

/** The signed value of a purchase (+) or refund (−) event `e` in millionths, else 0. */
export const signedValue = (e: string) =>
  `(case ${e}.type when 'purchase' then coalesce(${e}.value_micros, 0)
    when 'refund' then -coalesce(${e}.value_micros, 0) else 0 end)`;

/** The site's currency, for the event `e`'s site. */
const siteCurrency = (e: string) => `(select s.currency from sites s where s.id = ${e}.site_id)`;

/** Each figure's SQL for event `e`, and the condition that it adds anything at all. */
export interface SaleParts {
  qualified: string;
  purchases: string;
  revenue: string;
  /** Rows adding nothing are left out, so a group of them never shows. */
  counts: string;
}

/**
 * The figures of event `e`; `qualified` may be replaced (the rollup takes back a qualification
 * that an earlier event has just superseded, once the earlier one is stored).
 */
export function saleParts(
  e = "e",
  qualified = `(${e}.type = 'qualified' and ${firstQualified(e)})`,
): SaleParts {
  const revenue = `(case when ${e}.currency = ${siteCurrency(e)} then ${signedValue(e)} else 0 end)`;
  return {
    qualified,
    purchases: `(${e}.type = 'purchase')`,
    revenue,
    counts: `(${e}.type = 'purchase' or ${qualified} or ${revenue} != 0)`,
  };
}

/** Events in another currency than the site's (purchases and refunds with a value). */
export const otherCurrency = (e: string) =>
  `${e}.type in ('purchase', 'refund') and ${e}.currency is not null and ${e}.currency != ${siteCurrency(e)}`;
