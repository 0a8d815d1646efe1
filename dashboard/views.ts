/** Template functions of the dashboard's read-only parts: KPI cards, attribution share, breakdown rows. */
import { html, nothing, svg } from "lit";
import type { BreakdownRow, Period } from "./api";
import type { Cell, Column } from "./data-table";
import { fill, formatMoney, formatNumber, formatPercent } from "./format";
import { direction, type Strings } from "./i18n";

/** Colours of ref / ctwa / none (≥ 3:1 against white, as graphics need). */
export const ATTRIBUTION_COLORS = {
  ref: "#0b7a4b",
  inferred: "#5e8c31",
  ctwa: "#1a5fb4",
  none: "#8a6d00",
} as const;

function delta(
  lang: string,
  t: Strings,
  now: number | null,
  before: number | null | undefined,
  show: (n: number | null) => string = (n) => formatNumber(lang, n),
) {
  if (before === undefined) return nothing;
  const shown = show(before);
  let cls = "";
  if (now !== null && before !== null && now !== before) cls = now > before ? "up" : "down";
  const arrow = cls === "up" ? "▲ " : cls === "down" ? "▼ " : "";
  return html`<span class="prev ${cls}">${arrow}${t.previous}: ${shown}</span>`;
}

/** Revenue per conversation, null without conversations. */
const perConversation = (k: Period["kpis"]) =>
  k.conversations ? k.revenue / k.conversations : null;

/**
 * The KPI cards. Opt-ins and opt-outs are site-wide (consent is not tied to a campaign): with
 * `filtered`, the API says null, shown as "—" with the reason, not as 0. The rate divides the
 * conversations that had a click; those without one are counted under it, apart. Revenue is in the site's `currency`;
 * other currencies are listed under it, never added to it.
 */
export function kpiCards(
  lang: string,
  t: Strings,
  now: Period,
  before: Period | undefined,
  filtered: boolean,
  currency: string,
) {
  const k = now.kpis;
  const p = before?.kpis;
  const money = (n: number | null) => formatMoney(lang, n, currency);
  const cards: [string, string, string, number | null, number | null | undefined][] = [
    ["chat_clicks", t.chatClicks, formatNumber(lang, k.chat_clicks), k.chat_clicks, p?.chat_clicks],
    ["scans", t.scans, formatNumber(lang, k.scans), k.scans, p?.scans],
    [
      "conversations",
      t.conversations,
      formatNumber(lang, k.conversations),
      k.conversations,
      p?.conversations,
    ],
    ["rate", t.rate, formatPercent(lang, k.click_to_conversation_rate), null, undefined],
    [
      "opt_ins",
      t.optIns,
      k.opt_ins === null ? "—" : formatNumber(lang, k.opt_ins),
      k.opt_ins,
      undefined,
    ],
    [
      "opt_outs",
      t.optOuts,
      k.opt_outs === null ? "—" : formatNumber(lang, k.opt_outs),
      k.opt_outs,
      undefined,
    ],
    ["qualified", t.qualified, formatNumber(lang, k.qualified), k.qualified, p?.qualified],
    ["purchases", t.purchases, formatNumber(lang, k.purchases), k.purchases, p?.purchases],
    ["revenue", t.revenue, money(k.revenue), k.revenue, p?.revenue],
    ["value", t.valuePerConversation, money(perConversation(k)), null, undefined],
  ];
  const other = k.revenue_other.map((r) => formatMoney(lang, r.value, r.currency)).join(", ");
  const optInsNote = filtered ? t.optInsFiltered : t.notMeasured;
  // Conversations that had no click (ads, not attributed): not in the rate, said beside it.
  const noClick = k.conversations - k.clicked_conversations;
  return html`<dl class="kpis">
    ${cards.map(([id, label, value, n, before]) => {
      const unknown = (id === "opt_ins" || id === "opt_outs") && n === null;
      return html`<div class="kpi" data-kpi=${id}>
        <dt>${label}</dt>
        <dd><span class="value" title=${unknown ? optInsNote : nothing}>${value}</span>
          ${id === "rate" && p ? delta(lang, t, k.click_to_conversation_rate, p.click_to_conversation_rate, (r) => formatPercent(lang, r)) : delta(lang, t, n, before, id === "revenue" ? money : undefined)}
          ${unknown ? html`<span class="prev">${optInsNote}</span>` : nothing}
          ${id === "rate" && noClick > 0 ? html`<span class="prev" data-no-click>${fill(t.withoutClick, { n: formatNumber(lang, noClick) })}</span>` : nothing}
          ${id === "revenue" && other ? html`<span class="prev" data-revenue-other>${t.revenueOther}: ${other}</span>` : nothing}
        </dd>
      </div>`;
    })}
  </dl>`;
}

/**
 * A notice when opt-ins wait for their text to be registered (they count in no status or KPI
 * until then); `n` is capped by the read, so 100 reads "100+".
 */
export function unverifiedNotice(t: Strings, n: number, more: boolean) {
  if (!n) return nothing;
  return html`<p class="muted" role="status">${fill(t.unverifiedOptins, { n: more ? `${n}+` : String(n) })}</p>`;
}

export function attributionShare(lang: string, t: Strings, now: Period) {
  const a = now.attribution;
  const total = a.ref + a.inferred + a.ctwa + a.none;
  // `inferred` next to the exact refs, but its own part: never mixed with them.
  const parts = (["ref", "inferred", "ctwa", "none"] as const).map((k) => ({
    k,
    n: a[k],
    share: total ? a[k] / total : 0,
  }));
  // SVG presentation attributes, not style attributes: the dashboard's CSP refuses inline styles.
  // Right to left (Arabic), the bar starts on the right, as its legend does.
  const rtl = direction(lang) === "rtl";
  let x = 0;
  return html`
    <svg class="share" aria-hidden="true">
      ${parts.map((p) => {
        const start = rtl ? Math.max(0, 1 - x - p.share) : x;
        const bar = svg`<rect x="${(start * 100).toFixed(2)}%" width="${(p.share * 100).toFixed(2)}%"
          height="100%" fill=${ATTRIBUTION_COLORS[p.k]} />`;
        x += p.share;
        return bar;
      })}
    </svg>
    <ul class="legend">
      ${parts.map(
        (p) => html`<li data-attribution=${p.k}>
          <svg class="swatch" aria-hidden="true"><rect width="10" height="10" rx="2"
            fill=${ATTRIBUTION_COLORS[p.k]} /></svg>${t[p.k]}:
          <strong>${formatNumber(lang, p.n)}</strong> (${formatPercent(lang, total ? p.share : null)})
        </li>`,
      )}
    </ul>
  `;
}

/** Columns and rows of one breakdown table; `label` turns a key into its display text. */
export function breakdownTable(
  lang: string,
  t: Strings,
  heading: string,
  rows: BreakdownRow[],
  label: (row: BreakdownRow) => string,
  currency: string,
): { columns: Column[]; rows: Cell[][] } {
  const num = (v: Cell) => formatNumber(lang, v === null ? null : Number(v));
  const money = (v: Cell) => formatMoney(lang, v === null ? null : Number(v), currency);
  return {
    columns: [
      { label: heading },
      { label: t.colConversations, numeric: true, format: num },
      { label: t.colClicks, numeric: true, format: num },
      { label: t.colScans, numeric: true, format: num },
      {
        label: t.colRate,
        numeric: true,
        format: (v) => formatPercent(lang, v === null ? null : Number(v)),
      },
      { label: t.colQualified, numeric: true, format: num },
      { label: t.colPurchases, numeric: true, format: num },
      { label: t.colRevenue, numeric: true, format: money },
    ],
    // Conversations first: the figure that matters stays visible on a phone.
    rows: rows.map((r) => [
      label(r),
      r.conversations,
      r.chat_clicks,
      r.scans,
      r.rate,
      r.qualified,
      r.purchases,
      r.revenue,
    ]),
  };
}
