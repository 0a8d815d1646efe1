/**
 * The figures of one `GET /api/v1/stats` answer, as sections of the shell's page: KPIs (with the
 * unverified opt-ins notice), the attribution share, the time series and the breakdown tables,
 * whose rows drill down (`onDrill`) when they name an exact value not yet filtered on.
 * Template parts of the shell's own tree (its grid lays them out), not elements of their own.
 */
import { html } from "lit";
import type { BreakdownRow, Stats } from "./api";
import { chatAppName } from "./chat-apps";
import type { RowSelectEvent } from "./data-table";
import { formatNumber } from "./format";
import type { Lang, Strings } from "./i18n";
import { type Filters, hasFilters, rowFilters } from "./view-state";
import { attributionShare, breakdownTable, kpiCards, unverifiedNotice } from "./views";
import "./data-table";
import "./series-chart";

/** The breakdowns the dashboard shows, in order. */
export const DASHBOARD_GROUPS = [
  "chat_app",
  "channel",
  "source_medium",
  "campaign",
  "landing_page",
  "placement",
  "link",
] as const;
export type DashboardGroup = (typeof DASHBOARD_GROUPS)[number];

/** What the sections show besides the answer itself. */
export interface StatsView {
  lang: Lang;
  t: Strings;
  stats: Stats;
  /** The filters applied, so that their rows are no drill-down. */
  filters: Filters;
  /** For the CSV file names. */
  touch: string;
  from: string;
  to: string;
  /** Opt-ins waiting for their text to be registered, and whether there are more. */
  unverified: { n: number; more: boolean };
  onDrill: (by: DashboardGroup, row: BreakdownRow | undefined) => void;
}

export function statsSections(v: StatsView) {
  const { lang, t, stats: s } = v;
  return html`
    <section aria-label=${t.conversations}>${kpiCards(lang, t, s, s.previous, Object.keys(s.filters ?? {}).length > 0, s.currency)}${unverifiedNotice(t, v.unverified.n, v.unverified.more)}</section>
    <section class="card" aria-labelledby="attr-h">
      <h2 id="attr-h">${t.attribution}</h2>
      ${attributionShare(lang, t, s)}
    </section>
    <section class="card" aria-labelledby="chart-h">
      <h2 id="chart-h">${t.chart}</h2>
      <series-chart locale=${lang} .labels=${s.series.map((b) => b.period)} summary=${`${t.chartLabel}: ${t.conversations} ${formatNumber(lang, s.kpis.conversations)}, ${t.chatClicks} ${formatNumber(lang, s.kpis.chat_clicks)}`}
        .lines=${[
          {
            label: t.conversations,
            values: s.series.map((b) => b.conversations),
            color: "#0b7a4b",
          },
          {
            label: t.chatClicks,
            values: s.series.map((b) => b.chat_clicks),
            color: "#1a5fb4",
          },
          ...(s.previous
            ? [
                {
                  label: `${t.conversations} (${t.previous})`,
                  values: s.previous.series.map((b) => b.conversations),
                  color: "#6b7785",
                  dashed: true,
                },
              ]
            : []),
        ]}></series-chart>
    </section>
    <div class="tables">${DASHBOARD_GROUPS.map((by) => breakdownSection(v, by))}</div>`;
}

/** Rows each breakdown card shows; the details dialog has the rest. */
export const TOP_ROWS = 10;

/**
 * One breakdown's table: its top rows with bars by conversations, every row in the details
 * dialog; rows with an exact value not yet filtered on drill down. A "(not set)" row gets no
 * rate: it gathers conversations of unknown origin with clicks that carried no value.
 */
function breakdownSection(v: StatsView, by: DashboardGroup) {
  const { lang, t } = v;
  const b = v.stats.breakdowns[by];
  const rows = (b?.rows ?? []).map((r) =>
    r.key === null && by !== "link" ? { ...r, rate: null } : r,
  );
  const linkLabel = (r: BreakdownRow) => r.label ?? r.key ?? t.noLink;
  const label = (r: BreakdownRow) => {
    if (by === "link") return linkLabel(r);
    if (r.key === null) return t.notSet;
    if (by === "placement") return t[`pl_${r.key}` as keyof typeof t] ?? r.key;
    if (by === "chat_app") return chatAppName(r.key);
    return r.key;
  };
  const table = breakdownTable(lang, t, t[by], rows, label, v.stats.currency);
  // (not set) cannot drill down.
  const actions = rows.map((r) => {
    const add = rowFilters(by, r.key);
    return add && !hasFilters(v.filters, add) ? t.filterBy : null;
  });
  return html`<section class="card" data-breakdown=${by}>
    <data-table .heading=${t[by]} .columns=${table.columns} .rows=${table.rows}
      .actions=${actions} .texts=${t} limit=${TOP_ROWS} bar-column="1" @row-select=${(e: RowSelectEvent) => v.onDrill(by, rows[e.detail.index])}
      file-name=${`chatref-${by}-${v.touch}-${v.from}-${v.to}`}
      export-label=${t.exportCsv} empty-text=${t.empty} note=${b?.truncated ? t.truncated : ""}></data-table>
  </section>`;
}
