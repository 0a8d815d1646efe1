/**
 * Re-derives the stored reporting dimensions of clicks (source, medium, channel) with the
 * current classifier, for rows written by an older one: the SQL that reads a page of clicks and
 * the UPDATE for each row whose stored values differ. Plain SQL text, so the same statements run
 * through `wrangler d1 execute` (scripts/rederive-dimensions.mjs) and in the tests; every value
 * is written as a quoted literal. The derivation is click-dimensions.ts's, from the touch columns
 * the click stored, so a re-derived row equals what a fresh insert of the same touch would store.
 *
 * The daily rollup (stats_daily_tuples) is kept by INSERT triggers, so a batch moves it itself:
 * the changed clicks, and the conversions of the leads they are a first or last touch of, are
 * taken out of their old tuples, updated, and added to the new ones, in one batch. Counts of
 * clicks retention has since deleted stay where they are (a rebuild would lose them).
 */
import { TOUCH_FIELDS, type Touch, type TouchField } from "../../widget/protocol/click-beacon";
import { clickDimensions } from "./click-dimensions";
import { clickRollupSql, leadRollupSql } from "./rollup-triggers";
import { saleRollupSql } from "./sales-rollup";

/** Clicks read and updated per batch: one wrangler call each, well under D1's statement limits. */
export const REDERIVE_BATCH = 500;

/** One clicks row as clickPageSql reads it. */
export type StoredClick = {
  id: number;
  source: string | null;
  medium: string | null;
  channel: string | null;
} & { [K in TouchField]?: string | null };

/** An SQL string literal; NUL (which a literal cannot hold) is dropped. */
export function sqlText(value: string): string {
  return `'${value.replaceAll("\0", "").replaceAll("'", "''")}'`;
}

/**
 * The clicks after `afterId` (keyset by id), `limit` of them, optionally of one site, with the
 * touch columns the derivation reads (the touch fields are the columns' own snake_case names).
 */
export function clickPageSql(afterId: number, limit = REDERIVE_BATCH, siteId?: string): string {
  const site = siteId === undefined ? "" : ` and site_id = ${sqlText(siteId)}`;
  return `select id, source, medium, channel, ${TOUCH_FIELDS.join(", ")} from clicks
where id > ${Math.trunc(afterId)}${site} order by id limit ${Math.trunc(limit)}`;
}

/** The touch a stored click carries. */
function storedTouch(row: StoredClick): Touch {
  const touch: Touch = {};
  for (const field of TOUCH_FIELDS) {
    const value = row[field];
    if (value !== null && value !== undefined) touch[field] = value;
  }
  return touch;
}

/** The UPDATE that brings a click's dimensions up to date, or undefined when they already are. */
export function rederiveClickSql(row: StoredClick): string | undefined {
  const { source, medium, channel } = clickDimensions(storedTouch(row));
  if (source === row.source && medium === row.medium && channel === row.channel) return undefined;
  return `update clicks set source = ${sqlText(source)}, medium = ${sqlText(medium)}, channel = ${sqlText(channel)} where id = ${Math.trunc(row.id)}`;
}

/**
 * The batch that re-derives `rows` (a page of clickPageSql) and moves their counts in the
 * rollup; empty when every row is current. Run it as one batch (one transaction).
 */
export function rederiveBatchSql(rows: StoredClick[]): string[] {
  const changed = rows.flatMap((row) => {
    const sql = rederiveClickSql(row);
    return sql ? [{ id: Math.trunc(row.id), sql }] : [];
  });
  if (!changed.length) return [];
  const ids = changed.map((c) => c.id).join(", ");
  const clicks = `id in (${ids})`;
  // Leads whose first touch (the lead's click) or whose touches name one of these clicks.
  const leads = `(l.click_id in (${ids}) or exists (select 1 from touches tt
    where tt.lead_id = l.id and tt.click_id in (${ids})))`;
  return [
    clickRollupSql(-1, clicks),
    ...leadRollupSql(-1, leads),
    // Their sale events move with them (their tuples are the leads').
    ...saleRollupSql(-1, leads),
    ...changed.map((c) => c.sql),
    clickRollupSql(1, clicks),
    ...leadRollupSql(1, leads),
    ...saleRollupSql(1, leads),
  ];
}
