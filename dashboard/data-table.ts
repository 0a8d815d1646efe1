/**
 * A titled table with CSV export. Cells are Lit text bindings (never HTML), so hostile UTM
 * values and profile names render as text; the CSV neutralises formulas (csv.ts). Rows given an
 * action are drill-downs: the first cell is a button (Tab + Enter), the whole row clickable; a
 * `row-select` event tells which row.
 */
import { css, html, LitElement, nothing } from "lit";
import { downloadCsv, toCsv } from "./csv";
import { attributes, inputs } from "./properties";

export interface Column {
  label: string;
  numeric?: boolean;
  /** How a value is shown (numbers are localised); the CSV takes the raw value. */
  format?: (value: string | number | null) => string;
}
export type Cell = string | number | null;
/** Sent when a row with an action is chosen: `detail.index` is the row's index in `rows`. */
export type RowSelectEvent = CustomEvent<{ index: number }>;

/** A first letter in a right-to-left script (Arabic, Hebrew, Syriac, Thaana, N'Ko). */
const RTL_FIRST =
  /^[^\p{L}]*[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
/**
 * The direction of a value by its first letter; with no letter (a date, a figure) left to right.
 */
export const textDir = (text: string): "rtl" | "ltr" => (RTL_FIRST.test(text) ? "rtl" : "ltr");
/** Values this short stay on one line; longer ones (URLs, paths) wrap anywhere. */
const SHORT = 20;

export class DataTable extends LitElement {
  static override properties = {
    ...inputs("columns", "rows", "actions"),
    ...attributes("heading", "note"),
    fileName: { attribute: "file-name" },
    exportLabel: { attribute: "export-label" },
    emptyText: { attribute: "empty-text" },
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

  static override styles = css`
    :host { display: block; min-width: 0; }
    header { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
    h2 { margin: 0; font-size: 15px; }
    button { font: inherit; font-size: 13px; padding: 4px 10px; border: 1px solid #8a96a3;
      border-radius: 6px; background: #fff; color: #1f2933; cursor: pointer;
      white-space: nowrap; flex-shrink: 0; }
    button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
    .scroll { overflow-x: auto; margin-top: 8px; }
    .scroll:focus-visible { outline: 3px solid #1a73e8; }
    table { width: 100%; border-collapse: collapse; font-size: 13px; }
    th, td { padding: 6px 8px; border-bottom: 1px solid #e3e6ea; text-align: start; vertical-align: top; }
    th { font-weight: 600; color: #3e4a56; white-space: nowrap; }
    td { overflow-wrap: anywhere; min-width: 4em; }
    tbody th { font-weight: 600; overflow-wrap: anywhere; min-width: 7em; max-width: 18em; white-space: normal; }
    :is(th, td).short { white-space: nowrap; }
    .num { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; min-width: 0; }
    p { margin: 8px 0 0; font-size: 13px; color: #4a5561; }
    tr.drill { cursor: pointer; }
    tr.drill:hover { background: #f0f6f2; }
    th button { all: unset; box-sizing: border-box; cursor: pointer; color: #0b5d3b;
      text-align: start; overflow-wrap: anywhere; border-radius: 3px;
      text-decoration: underline dotted 1px; text-underline-offset: 3px; }
    tr.drill:hover th button { text-decoration: underline solid 1px; }
    th button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
  `;

  /** The CSV of the rows as shown (raw values). */
  csv(): string {
    return toCsv(
      this.columns.map((c) => c.label),
      this.rows,
    );
  }

  #select(index: number): void {
    // A drag that selects the row's text is not a click on it.
    if (getSelection()?.toString()) return;
    this.dispatchEvent(new CustomEvent("row-select", { detail: { index } }));
  }

  override render() {
    const id = "caption";
    return html`
      <header>
        <h2 id=${id}>${this.heading}</h2>
        <button type="button" ?disabled=${!this.rows.length}
          aria-label="${this.exportLabel}: ${this.heading}"
          @click=${() => downloadCsv(`${this.fileName}.csv`, this.csv())}>${this.exportLabel}</button>
      </header>
      ${
        this.rows.length
          ? html`<div class="scroll" tabindex="0" role="region" aria-labelledby=${id}>
              <table aria-labelledby=${id}>
                <thead><tr>${this.columns.map(
                  (c) => html`<th scope="col" class=${c.numeric ? "num" : ""}>${c.label}</th>`,
                )}</tr></thead>
                <tbody>${this.rows.map((r, row) => {
                  const action = this.actions[row] ?? null;
                  // The row's click comes from anywhere in it, the button's (Enter, Space) included.
                  return html`<tr class=${action === null ? "" : "drill"}
                    @click=${action === null ? nothing : () => this.#select(row)}>${r.map(
                      (v, i) => {
                        const c = this.columns[i];
                        const text = c?.format ? c.format(v) : v === null ? "" : String(v);
                        if (c?.numeric) return html`<td class="num">${text}</td>`;
                        // Text is isolated in its own direction: a Latin value in the Arabic page
                        // keeps its order ("=spring", not "spring="), the cell its alignment.
                        const value = html`<bdi dir=${textDir(text)}>${text}</bdi>`;
                        const cls = text.length <= SHORT ? "short" : "";
                        if (i > 0) return html`<td class=${cls}>${value}</td>`;
                        return action === null
                          ? html`<th scope="row" class=${cls}>${value}</th>`
                          : html`<th scope="row" class=${cls}><button type="button"
                            title=${action}>${value}</button></th>`;
                      },
                    )}</tr>`;
                })}</tbody>
              </table>
            </div>`
          : html`<p>${this.emptyText}</p>`
      }
      ${this.note ? html`<p>${this.note}</p>` : nothing}
    `;
  }
}

if (!customElements.get("data-table")) customElements.define("data-table", DataTable);

declare global {
  interface HTMLElementTagNameMap {
    "data-table": DataTable;
  }
}
