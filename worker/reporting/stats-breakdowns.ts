/**
 * The breakdowns of one stats period as D1 statements. Each is its own statement
 * (stats-query.ts `breakdownStatement`), except the breakdowns that only the full tuple
 * (stats_daily_tuples) answers — a campaign or landing-page breakdown under a filter: those
 * share one read of it. Issue 14's bench: at 1,000,000 clicks the full tuple holds ~3,000 rows
 * a day, and reading 91 days of them costs ~35 ms however few rows the filter keeps (it is a
 * condition on each row, not a key prefix), so two such breakdowns read it once: the period's
 * filtered rows summed by the breakdowns' columns and attribution (a few hundred groups), then
 * each breakdown grouped from those. Integer sums of sums: the very same figures.
 */
import { COUNT_COLUMNS, ROLLUP_COLUMNS, ROLLUP_KEY } from "./rollup-projections";
import {
  breakdownStatement,
  FILTER_COLUMN,
  filterWhere,
  type GroupBy,
  type GroupRow,
  rolled,
  rolledTable,
  rollupAnswers,
  type StatsParams,
  type StatsStatement,
} from "./stats-query";
import { localDay } from "./time-zone";

/** The breakdowns' statements, and how to read each breakdown's rows from their results. */
export interface BreakdownPlan {
  statements: StatsStatement[];
  /** The rows of each group (in the order asked) from the statements' results, in order. */
  rows: (results: GroupRow[][]) => GroupRow[][];
}

/** A row of the shared statement: which breakdown it belongs to. */
type SharedRow = GroupRow & { dim?: string; reach?: number };

/**
 * The top `limit` rows (one more is read to tell if it was cut) of each of `groups` over period
 * `p`, each from the narrowest rollup that holds its columns, the full tuple's read once.
 */
export function breakdownPlan(p: StatsParams, groups: GroupBy[], limit: number): BreakdownPlan {
  const full = rollupAnswers(p)
    ? groups.filter((g) => rolledTable(p, ROLLUP_COLUMNS(g)) === "stats_daily_tuples")
    : [];
  if (full.length < 2) {
    const statements = groups.map((g) => breakdownStatement(p, g, limit));
    return { statements, rows: (results) => groups.map((_, i) => results[i] ?? []) };
  }
  const own = groups.filter((g) => !full.includes(g));
  const statements = [
    ...own.map((g) => breakdownStatement(p, g, limit)),
    sharedStatement(p, full, limit),
  ];
  return {
    statements,
    rows: (results) => {
      const shared = (results[own.length] ?? []) as SharedRow[];
      return groups.map((g) =>
        own.includes(g)
          ? (results[own.indexOf(g)] ?? [])
          : shared.filter((r) => r.dim === g).map(({ dim: _, reach: __, ...r }) => r),
      );
    },
  };
}

/**
 * The breakdowns `groups` of the full tuple in one statement: its period's filtered rows summed
 * by the groups' columns and attribution (materialised once), each breakdown's top rows from
 * those, tagged `dim` and ordered as each breakdown orders its own.
 */
function sharedStatement(p: StatsParams, groups: GroupBy[], limit: number): StatsStatement {
  const columns = [...new Set([...groups.flatMap(ROLLUP_COLUMNS), "attribution"])];
  const { binds, where } = filterWhere(p, FILTER_COLUMN, "attribution");
  const sums = COUNT_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(", ");
  const arms = groups.map(
    (g) =>
      `select '${g}' as dim, *, chat + scan as reach from (${rolled(p, ROLLUP_KEY(g), limit, [], "g").sql})`,
  );
  return {
    sql: `with g as materialized (select ${columns.join(", ")}, ${sums}
    from stats_daily_tuples where site_id = ?1 and day >= ?2 and day < ?3${where}
    group by ${columns.map((_, i) => i + 1).join(", ")})
  ${unionAll(arms)}
  order by dim, conv desc, reach desc, key`,
    binds: [p.siteId, localDay(p.tz, p.from), localDay(p.tz, p.to), ...binds],
  };
}

/** D1 builds SQLite with at most 5 terms in a compound SELECT; a sub-select counts anew. */
const MAX_TERMS = 5;

/** The selects `arms` as one UNION ALL, nested in sub-selects of at most MAX_TERMS terms. */
function unionAll(arms: string[]): string {
  if (arms.length <= MAX_TERMS) return arms.join("\n  union all\n  ");
  const chunks: string[] = [];
  for (let i = 0; i < arms.length; i += MAX_TERMS)
    chunks.push(`select * from (${unionAll(arms.slice(i, i + MAX_TERMS))})`);
  return unionAll(chunks);
}
