/**
 * Two narrower rollups derived from `stats_daily_tuples` by triggers on it, so the dashboard's
 * statements read a few rows per day instead of every dimension tuple (issue 14's bench: with a
 * shop's spread — campaigns landing on their own pages, organic traffic over hundreds of pages —
 * the full tuple has thousands of values a day, and every breakdown read them all):
 *
 * - `stats_daily_coarse`: the tuple without campaign and landing page (placement, channel, source,
 *   medium, link, attribution, chat app): tens of rows a day. It answers the KPIs, the series and
 *   every breakdown and filter on those columns;
 * - `stats_daily_dims`: one row per day, campaign (dim 'campaign') or landing page (dim
 *   'landing_page') and attribution: the unfiltered campaign and landing-page breakdowns.
 *
 * Everything else (a campaign filter, or a campaign / landing-page breakdown under a filter) reads
 * the full tuple. Whatever writes `stats_daily_tuples` (the click, lead, touch and sale-event
 * triggers, merges, re-derivations) moves these rows in the same statement (a zone's move empties
 * and fills one site's instead, zone-move.ts): an insert adds the new row, an update adds the
 * difference, a delete subtracts the old row (an UPDATE, so that deleting tuple rows after the
 * site's projections were emptied adds nothing back).
 * Written into migrations/0026_stats_rollup_projections.sql (a test checks the file holds these
 * statements); read by stats-query.ts (`rollupSource`).
 */
import type { GroupBy } from "./stats-query";

/** The count columns of the rollups. */
export const COUNT_COLUMNS = [
  "chat",
  "scans",
  "conv_first",
  "conv_last",
  "qualified_first",
  "qualified_last",
  "purchases_first",
  "purchases_last",
  "revenue_first",
  "revenue_last",
] as const;

/** The columns of the coarse rollup's tuple (the full tuple without campaign and landing page). */
export const COARSE_COLUMNS = [
  "placement",
  "channel",
  "source",
  "medium",
  "link_id",
  "attribution",
  "chat_app",
] as const;
const COARSE_KEY = `site_id, day, ${COARSE_COLUMNS.join(", ")}`;
/** The dimensions kept one by one in stats_daily_dims. */
export const DIMS = ["campaign", "landing_page"] as const;
const DIMS_KEY = "site_id, dim, day, value, attribution";

/** `add` to every count on conflict. */
const addCounts = COUNT_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(", ");

/** The counts of row `r` times `sign`, or new − old (the update's difference). */
const counts = (r: "new" | "old" | "delta", sign = 1) =>
  COUNT_COLUMNS.map((c) =>
    r === "delta" ? `new.${c} - old.${c}` : sign === 1 ? `${r}.${c}` : `-${r}.${c}`,
  ).join(", ");

/** Upserts of row `r`'s key with `values` counts into both projections. */
function upserts(r: "new" | "old", values: string): string[] {
  const coarse = `insert into stats_daily_coarse (${COARSE_KEY}, ${COUNT_COLUMNS.join(", ")})
values (${r}.site_id, ${r}.day, ${COARSE_COLUMNS.map((c) => `${r}.${c}`).join(", ")}, ${values})
on conflict (${COARSE_KEY}) do update set ${addCounts}`;
  const dims = `insert into stats_daily_dims (${DIMS_KEY}, ${COUNT_COLUMNS.join(", ")})
values ${DIMS.map((d) => `(${r}.site_id, '${d}', ${r}.day, ${r}.${d}, ${r}.attribution, ${values})`).join(", ")}
on conflict (${DIMS_KEY}) do update set ${addCounts}`;
  return [coarse, dims];
}

/** Subtracts row `old` from both projections where they hold its key (never inserts). */
function subtracts(): string[] {
  const set = COUNT_COLUMNS.map((c) => `${c} = ${c} - old.${c}`).join(", ");
  const coarse = `update stats_daily_coarse set ${set}
where site_id = old.site_id and day = old.day and ${COARSE_COLUMNS.map((c) => `${c} = old.${c}`).join(" and ")}`;
  const dims = DIMS.map(
    (d) => `update stats_daily_dims set ${set}
where site_id = old.site_id and dim = '${d}' and day = old.day and value = old.${d} and attribution = old.attribution`,
  );
  return [coarse, ...dims];
}

const body = (statements: string[]) => `${statements.join(";\n")};`;
/** The tuple's key (rollup-triggers.ts TUPLE: these columns, a test checks) is unchanged. */
const sameKey = ["site_id", "day", ...COARSE_COLUMNS, ...DIMS]
  .map((c) => `old.${c} = new.${c}`)
  .join(" and ");

/** The triggers on stats_daily_tuples. */
export const PROJECTION_TRIGGERS_SQL = [
  `create trigger stats_tuples_ai after insert on stats_daily_tuples begin
${body(upserts("new", counts("new")))}
end`,
  `create trigger stats_tuples_au after update on stats_daily_tuples when ${sameKey} begin
${body(upserts("new", counts("delta")))}
end`,
  // A key changed (no writer does so today): the old row out, the new one in.
  `create trigger stats_tuples_au_key after update on stats_daily_tuples when not (${sameKey}) begin
${body([...subtracts(), ...upserts("new", counts("new"))])}
end`,
  `create trigger stats_tuples_ad after delete on stats_daily_tuples begin
${body(subtracts())}
end`,
];

/**
 * Fills both projections from the tuple rows already there (`where`: which rows; all of them in
 * the migration, before the triggers; a zone's move fills one site's, zone-move.ts).
 */
export function projectionFillSql(where?: string): string[] {
  const rows = `from stats_daily_tuples${where ? ` where ${where}` : ""}`;
  return [
    `insert into stats_daily_coarse (${COARSE_KEY}, ${COUNT_COLUMNS.join(", ")})
select ${COARSE_KEY}, ${COUNT_COLUMNS.map((c) => `sum(${c})`).join(", ")}
${rows} group by ${COARSE_KEY}`,
    ...DIMS.map(
      (d) => `insert into stats_daily_dims (${DIMS_KEY}, ${COUNT_COLUMNS.join(", ")})
select site_id, '${d}', day, ${d}, attribution, ${COUNT_COLUMNS.map((c) => `sum(${c})`).join(", ")}
${rows} group by site_id, day, ${d}, attribution`,
    ),
  ];
}

/** The projections filled from every tuple row: migrations/0026 (before its triggers). */
export const PROJECTION_BACKFILL_SQL = projectionFillSql();

/** Empties one site's (?1) projections (a zone's move, zone-move.ts, before it fills them). */
export const PROJECTION_CLEAR_SQL = [
  "delete from stats_daily_coarse where site_id = ?1",
  "delete from stats_daily_dims where site_id = ?1",
];

/**
 * The rollup that answers a statement reading the tuple columns `columns` (its key's and its
 * filters'), as a FROM item whose columns are named as the tuple's: the dims of one dimension
 * (unfiltered), else the coarse tuple when it holds them all, else the full tuple.
 */
export function rollupSource(columns: readonly string[], filtered: boolean): string {
  const [only, ...more] = columns;
  if (!filtered && only && !more.length && (DIMS as readonly string[]).includes(only))
    return `(select value as ${only}, * from stats_daily_dims where dim = '${only}')`;
  if (columns.every((c) => (COARSE_COLUMNS as readonly string[]).includes(c)))
    return "stats_daily_coarse";
  return "stats_daily_tuples";
}

/**
 * Each dimension's value over the rollups' tuple columns ('' stored for null), and the columns
 * it reads (which say the rollup that answers).
 */
const DIMENSION: Record<GroupBy, [key: string, columns: string[]]> = {
  channel: ["nullif(channel, '')", ["channel"]],
  source_medium: [
    "case when source = '' then null else source || ' / ' || medium end",
    ["source", "medium"],
  ],
  source: ["nullif(source, '')", ["source"]],
  medium: ["nullif(medium, '')", ["medium"]],
  campaign: ["nullif(campaign, '')", ["campaign"]],
  landing_page: ["nullif(landing_page, '')", ["landing_page"]],
  placement: ["nullif(placement, '')", ["placement"]],
  link: ["nullif(link_id, '')", ["link_id"]],
  attribution: ["nullif(attribution, '')", ["attribution"]],
  // Never '': the rollup stores 'whatsapp' for a row without one.
  chat_app: ["chat_app", ["chat_app"]],
};
/** The SQL of a dimension's value over a rollup's columns. */
export const ROLLUP_KEY = (by: GroupBy): string => DIMENSION[by][0];
/** The tuple columns a dimension's value reads. */
export const ROLLUP_COLUMNS = (by: GroupBy): string[] => DIMENSION[by][1];
