/**
 * The SQL that keeps the sale columns of `stats_daily_tuples` current (qualified_*, purchases_*,
 * revenue_*; `_first` under the lead's first-touch tuple, `_last` under its last touch, as
 * conv_first / conv_last): written into migrations/0025_stats_sales.sql after its marker (a test
 * checks the file holds exactly these statements). What an event adds is sales-sql.ts's.
 *
 * - an inserted event adds its figures on its local day (occurred_at) under both tuples; a
 *   qualified event earlier than the lead's first one takes the count over from it;
 * - nothing else about an event changes the counts: erasure only rewrites external_id;
 * - a lead whose first touch is replaced (stats_leads_au) moves its events' `_first` figures,
 *   and `_last` too while it has no touches; a touch that becomes the lead's newest moves its
 *   events' `_last` figures from the previous last touch to it (as stats_touches_ai does for
 *   conversations).
 */
import { KEY_COLUMNS, TUPLE } from "./rollup-triggers";
import { saleParts } from "./sales-sql";
import { LAST_TOUCH_JOIN, leadDimensionColumns } from "./stats-query";
import { storedLocalDaySql } from "./time-zone";

const FIGURES = ["qualified", "purchases", "revenue"] as const;
const SALE_COLUMNS = FIGURES.flatMap((f) => [`${f}_first`, `${f}_last`]);

/** Adds the rows `x` (site_id, day, the sale columns, the dimension columns), grouped. */
function upsert(x: string): string {
  const tuple = TUPLE.map(([, c, none]) => `coalesce(x.${c}, '${none}')`).join(", ");
  const groupBy = KEY_COLUMNS.split(", ").map((_, i) => i + 1);
  return `insert into stats_daily_tuples (${KEY_COLUMNS}, ${SALE_COLUMNS.join(", ")})
select x.site_id, x.day, ${tuple}, ${SALE_COLUMNS.map((c) => `sum(x.${c})`).join(", ")}
from (${x}) x where true group by ${groupBy.join(", ")}
on conflict (${KEY_COLUMNS}) do update set ${SALE_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(",\n  ")}`;
}

/** Which tuple the rows count under: its attribution SQL and the joins after `e` and `l`. */
interface Tuple {
  attr: string;
  joins: string;
}
const FIRST: Tuple = { attr: "l.attribution", joins: "left join clicks c on c.id = l.click_id" };
const LAST: Tuple = { attr: "coalesce(t.kind, l.attribution)", joins: LAST_TOUCH_JOIN };

/**
 * The events `e` matching `where`, times `sign`, into the `touch` columns under `tuple`;
 * `qualified` replaces the qualified figure's SQL.
 */
function saleRows(
  sign: 1 | -1,
  touch: "first" | "last",
  where: string,
  tuple: Tuple,
  qualified?: string,
): string {
  const parts = saleParts("e", qualified);
  const columns = SALE_COLUMNS.map((c) => {
    const [figure, which] = c.split("_") as [(typeof FIGURES)[number], string];
    return `${which === touch ? `${sign} * ${parts[figure]}` : "0"} as ${c}`;
  }).join(", ");
  return `select e.site_id as site_id, ${storedLocalDaySql("e.site_id", "e.occurred_at")} as day,
    ${columns}, ${leadDimensionColumns(tuple.attr)}
    from lead_events e join leads l on l.id = e.lead_id ${tuple.joins}
    where ${where} and ${parts.counts}`;
}

/**
 * Adds (`sign` 1) or removes (-1) the figures of the events `e` matching `where` under their
 * leads' current first and last touches: a zone's move (zone-move.ts), a currency change (remove, change,
 * add back) and the re-derivation of click dimensions (ga4-rederive.ts). A contact merge
 * (identity/merge.ts) would call it beside leadRollupSql.
 */
export function saleRollupSql(sign: 1 | -1, where: string): string[] {
  return [
    upsert(saleRows(sign, "first", where, FIRST)),
    upsert(saleRows(sign, "last", where, LAST)),
  ];
}

/** The qualified event the new one supersedes as its lead's first (the earliest other one). */
const superseded = `e.id = (select o.id from lead_events o where o.lead_id = new.lead_id
    and o.type = 'qualified' and o.id != new.id order by o.occurred_at, o.id limit 1)
  and new.type = 'qualified' and ${saleParts("new").qualified}`;
const eventsInsert = `create trigger stats_lead_events_ai after insert on lead_events
when new.type != 'lost' begin
${saleRollupSql(1, "e.id = new.id").join(";\n")};
${upsert(saleRows(-1, "first", superseded, FIRST, "1"))};
${upsert(saleRows(-1, "last", superseded, LAST, "1"))};
end`;

const noTouches = "not exists (select 1 from touches where lead_id = new.id)";
const oldTuple = { attr: "old.attribution", joins: "left join clicks c on c.id = old.click_id" };
const newTuple = { attr: "new.attribution", joins: "left join clicks c on c.id = new.click_id" };
const ofLead = "e.lead_id = new.id";
const leadsUpdate = `create trigger stats_sales_leads_au after update of attribution, click_id on leads
when old.attribution is not new.attribution or old.click_id is not new.click_id begin
${upsert(saleRows(-1, "first", ofLead, oldTuple))};
${upsert(saleRows(1, "first", ofLead, newTuple))};
${upsert(saleRows(-1, "last", `${ofLead} and ${noTouches}`, oldTuple))};
${upsert(saleRows(1, "last", `${ofLead} and ${noTouches}`, newTuple))};
end`;

/** The lead's last touch before `new` (or the lead itself when it had none). */
const previousLast: Tuple = {
  attr: "case when p.id is null then l.attribution else p.kind end",
  joins: `left join touches p on p.id = (select p2.id from touches p2 where p2.lead_id = l.id
    and p2.id != new.id order by p2.occurred_at desc, p2.id desc limit 1)
  left join clicks c on c.id = case when p.id is null then l.click_id else p.click_id end`,
};
const touchesInsert = `create trigger stats_sales_touches_ai after insert on touches
when not exists (select 1 from touches o where o.lead_id = new.lead_id and o.id != new.id
  and o.occurred_at > new.occurred_at) begin
${upsert(saleRows(-1, "last", "e.lead_id = new.lead_id", previousLast))};
${upsert(saleRows(1, "last", "e.lead_id = new.lead_id", { attr: "new.kind", joins: "left join clicks c on c.id = new.click_id" }))};
end`;

/** The statements of migrations/0025_stats_sales.sql after its marker. */
export const SALES_ROLLUP_SQL = [
  eventsInsert,
  leadsUpdate,
  touchesInsert,
  // The events recorded before this migration (0023), on their sites' current zones.
  ...saleRollupSql(1, "true"),
];
