/**
 * A titled table with CSV export. Cells are Lit text bindings (never HTML), so hostile UTM
 * values and profile names render as text; the CSV neutralises formulas (csv.ts). Rows given an
 * action are drill-downs: the first cell is a button (Tab + Enter), the whole row clickable; a
 * `row-select` event tells which row.
 *
 * With `limit`, only the top rows show, each with a bar behind its first cell proportional to
 * its `bar-column` value, and a button opens every row in the details dialog (table-details.ts,
 * a chunk loaded on first use: search, sort, pages, CSV). The CSV button exports every row.
 */
import { html, LitElement, nothing, svg } from "lit";
import { downloadCsv, toCsv } from "./csv";
import { tableStyles } from "./data-table.styles";
import { fill } from "./format";
import { attributes, inputs, states } from "./properties";
import type { TableDetails } from "./table-details";
import { cellText } from "./table-view";

export interface Column {
  label: string;
  numeric?: boolean;
  /** How a value is shown (numbers are localised); the CSV takes the raw value. */
  format?: (value: string | number | null) => string;
}
export type Cell = string | number | null;
/** Sent when a row with an action is chosen: `detail.index` is the row's index in `rows`. */
export type RowSelectEvent = CustomEvent<{ index: number }>;

/** The words of the details dialog, in the interface language (the shell's strings). */
export interface DetailsTexts {
  /** "All {n} rows": the button that opens the dialog. */
  showAll: string;
  search: string;
  close: string;
  /** "{from}–{to} of {n}". */
  pageOf: string;
  prevPage: string;
  nextPage: string;
  noMatches: string;
  /** "Sorted by {col}, descending" / "ascending": the sort's announcement. */
  sortedDesc: string;
  sortedAsc: string;
}

/** A first letter in a right-to-left script (Arabic, Hebrew, Syriac, Thaana, N'Ko). */
const RTL_FIRST =
  /^[^\p{L}]*[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
/**
 * The direction of a value by its first letter; with no letter (a date, a figure) left to right.
 */
export const textDir = (text: string): "rtl" | "ltr" => (RTL_FIRST.test(text) ? "rtl" : "ltr");
/** Values this short stay on one line; longer ones (URLs, paths) wrap anywhere. */
const SHORT = 20;

/**
 * The rows of a table body: `indexes` are the rows' indexes in the full list (for `row-select`
 * and actions); `weight` gives each row's bar share (0–1), or null for no bars.
 */
export function tableRows(
  columns: Column[],
  rows: Cell[][],
  indexes: number[],
  actions: (string | null)[],
  select: (index: number) => void,
  weight: ((row: Cell[]) => number) | null,
) {
  return rows.map((r, n) => {
    const index = indexes[n] ?? n;
    const action = actions[index] ?? null;
    // The row's click comes from anywhere in it, the button's (Enter, Space) included.
    return html`<tr class=${action === null ? "" : "drill"}
      @click=${action === null ? nothing : () => select(index)}>${r.map((v, i) => {
        const c = columns[i];
        const text = cellText(c, v);
        // The label names the value where the table stacks into cards (`stack`, narrow).
        const label = c?.label ?? "";
        if (c?.numeric) return html`<td class="num" data-label=${label}>${text}</td>`;
        // Text is isolated in its own direction: a Latin value in the Arabic page keeps its
        // order ("=spring", not "spring="), the cell its alignment.
        const value = html`<bdi dir=${textDir(text)}>${text}</bdi>`;
        const cls = text.length <= SHORT ? "short" : "";
        if (i > 0) return html`<td class=${cls} data-label=${label}>${value}</td>`;
        const share = weight ? weight(r) : null;
        // A presentation attribute, not a style: the CSP refuses inline styles.
        const bar =
          share === null
            ? nothing
            : html`<svg class="bar" aria-hidden="true">${svg`<rect height="100%" rx="3"
                width="${(share * 100).toFixed(2)}%" />`}</svg>`;
        return action === null
          ? html`<th scope="row" class=${cls} data-label=${label}>${bar}${value}</th>`
          : html`<th scope="row" class=${cls} data-label=${label}>${bar}<button type="button"
              title=${action}>${value}</button></th>`;
      })}</tr>`;
  });
}

export class DataTable extends LitElement {
  static override properties = {
    ...inputs("columns", "rows", "actions", "texts"),
    ...attributes("heading", "note"),
    ...states("detailsReady"),
    fileName: { attribute: "file-name" },
    exportLabel: { attribute: "export-label" },
    emptyText: { attribute: "empty-text" },
    limit: { type: Number },
    barColumn: { attribute: "bar-column", type: Number },
    stack: { type: Boolean, reflect: true },
  };
  heading = "";
  columns: Column[] = [];
  rows: Cell[][] = [];
  /** Name of the exported file, without `.csv`. */
  fileName = "table";
  exportLabel = "Export CSV";
  emptyText = "";
  /** A line under the table (e.g. "top 100 shown"). */
  note = "";
  /** Per row, the description of its drill-down button (e.g. "Show only this"); null: none. */
  actions: (string | null)[] = [];
  /** How many rows show; 0: all (no details dialog). */
  limit = 0;
  /** The numeric column whose value sizes each row's bar; -1: no bars. */
  barColumn = -1;
  /** The details dialog's words; without them, no dialog. */
  texts: DetailsTexts | null = null;
  /**
   * Narrow (≤ 560 px), each row becomes a card of labelled values instead of a table that scrolls
   * sideways; still a table to assistive technology (its header row is only hidden from sight).
   */
  stack = false;
  /** Whether the details dialog's chunk is loaded (then it is in the tree). */
  detailsReady = false;

  static override styles = tableStyles;

  /** The CSV of every row (raw values). */
  csv(): string {
    return toCsv(
      this.columns.map((c) => c.label),
      this.rows,
    );
  }

  /** Each row's bar share: its value over the largest of the column (every row, not the shown). */
  weight(): ((row: Cell[]) => number) | null {
    const col = this.barColumn;
    if (col < 0) return null;
    const max = Math.max(0, ...this.rows.map((r) => Number(r[col] ?? 0)));
    return (r) => (max > 0 ? Math.max(0, Number(r[col] ?? 0)) / max : 0);
  }

  #select(index: number): void {
    // A drag that selects the row's text is not a click on it.
    if (getSelection()?.toString()) return;
    this.dispatchEvent(new CustomEvent("row-select", { detail: { index } }));
  }

  /** Opens the details dialog, loading its chunk the first time. */
  async openDetails(): Promise<void> {
    await import("./table-details");
    this.detailsReady = true;
    await this.updateComplete;
    (this.renderRoot.querySelector("table-details") as TableDetails | null)?.open();
  }

  override render() {
    const id = "caption";
    const cut = this.limit > 0 && this.rows.length > this.limit;
    const shown = cut ? this.rows.slice(0, this.limit) : this.rows;
    const t = this.texts;
    return html`
      <header>
        <h2 id=${id}>${this.heading}</h2>
        ${
          // An empty table has nothing to export: no button (a disabled one only raised questions).
          this.rows.length
            ? html`<button type="button" aria-label="${this.exportLabel}: ${this.heading}"
                @click=${() => downloadCsv(`${this.fileName}.csv`, this.csv())}>${this.exportLabel}</button>`
            : nothing
        }
      </header>
      ${
        this.rows.length
          ? html`<div class="scroll" tabindex="0" role="region" aria-labelledby=${id}>
              <table aria-labelledby=${id}>
                <thead><tr>${this.columns.map(
                  (c) => html`<th scope="col" class=${c.numeric ? "num" : ""}>${c.label}</th>`,
                )}</tr></thead>
                <tbody>${tableRows(
                  this.columns,
                  shown,
                  shown.map((_, i) => i),
                  this.actions,
                  (i) => this.#select(i),
                  this.weight(),
                )}</tbody>
              </table>
            </div>`
          : html`<p>${this.emptyText}</p>`
      }
      ${
        cut && t
          ? html`<div class="more"><button type="button" aria-haspopup="dialog"
              aria-label="${fill(t.showAll, { n: String(this.rows.length) })}: ${this.heading}"
              @click=${() => void this.openDetails()}>${fill(t.showAll, { n: String(this.rows.length) })}</button></div>`
          : nothing
      }
      ${this.note ? html`<p>${this.note}</p>` : nothing}
      ${
        this.detailsReady && t
          ? html`<table-details .heading=${this.heading} .columns=${this.columns}
              .rows=${this.rows} .actions=${this.actions} .texts=${t} .weight=${this.weight()}
              file-name=${this.fileName} export-label=${this.exportLabel} note=${this.note}
              @row-select=${(e: RowSelectEvent) => this.#select(e.detail.index)}></table-details>`
          : nothing
      }
    `;
  }
}

if (!customElements.get("data-table")) customElements.define("data-table", DataTable);

declare global {
  interface HTMLElementTagNameMap {
    "data-table": DataTable;
  }
}
