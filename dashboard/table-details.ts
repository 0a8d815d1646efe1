/**
 * Every row of a breakdown in a modal dialog (`<dialog>`: focus kept inside, Escape closes):
 * search, sort by any column (the header buttons, `aria-sort`), pages of 25 and the CSV of the
 * rows found, in their order. A row with an action drills down as in the card (`row-select`
 * with its index in the whole table), closing the dialog. Loaded as a chunk of its own the first
 * time a card's "All rows" button is pressed (data-table.ts), so the dashboard's first load does
 * not carry it.
 */
import { html, LitElement } from "lit";
import { downloadCsv, toCsv } from "./csv";
import { type Cell, type Column, type DetailsTexts, tableRows } from "./data-table";
import { tableStyles } from "./data-table.styles";
import { fill } from "./format";
import { attributes, inputs, states } from "./properties";
import { tableDetailsStyles } from "./table-details.styles";
import { pageOf, type Sort, searchRows, sortRows } from "./table-view";

export class TableDetails extends LitElement {
  static override properties = {
    ...inputs("columns", "rows", "actions", "texts", "weight"),
    ...attributes("heading", "note"),
    ...states("query", "sort", "page"),
    fileName: { attribute: "file-name" },
    exportLabel: { attribute: "export-label" },
  };
  heading = "";
  columns: Column[] = [];
  rows: Cell[][] = [];
  /** Per row (index in `rows`), its drill-down's description; null: none. */
  actions: (string | null)[] = [];
  texts: DetailsTexts | null = null;
  /** Each row's bar share (data-table.ts `weight()`), or null for no bars. */
  weight: ((row: Cell[]) => number) | null = null;
  fileName = "table";
  exportLabel = "Export CSV";
  note = "";
  query = "";
  sort: Sort = null;
  page = 0;

  static override styles = [tableStyles, tableDetailsStyles];

  /** Shows the dialog (modal), from the first page. */
  open(): void {
    this.page = 0;
    const dialog = this.renderRoot.querySelector("dialog");
    if (dialog && !dialog.open) dialog.showModal();
  }

  close(): void {
    this.renderRoot.querySelector("dialog")?.close();
  }

  get #lang(): string {
    return document.documentElement.lang || "en";
  }

  /** The rows found, in the chosen order (indexes into `rows`). */
  found(): number[] {
    const hits = searchRows(this.#lang, this.columns, this.rows, this.query);
    return sortRows(this.#lang, this.rows, hits, this.sort);
  }

  /** A header press: numbers sort high to low first, text A to Z; again reverses. */
  #sortBy(col: number): void {
    const first = this.columns[col]?.numeric === true;
    this.sort = this.sort?.col === col ? { col, desc: !this.sort.desc } : { col, desc: first };
    this.page = 0;
  }

  #choose(index: number): void {
    this.close();
    this.dispatchEvent(new CustomEvent("row-select", { detail: { index } }));
  }

  override render() {
    const t = this.texts;
    if (!t) return html``;
    const found = this.found();
    const view = pageOf(found, this.page);
    const sorted = this.sort;
    const status = sorted
      ? fill(sorted.desc ? t.sortedDesc : t.sortedAsc, {
          col: this.columns[sorted.col]?.label ?? "",
        })
      : "";
    return html`<dialog aria-labelledby="details-h">
      <header>
        <h2 id="details-h">${this.heading}</h2>
        <div class="tools">
          <button type="button" ?disabled=${!found.length}
            aria-label="${this.exportLabel}: ${this.heading}"
            @click=${() => downloadCsv(`${this.fileName}.csv`, this.csvOf(found))}>${this.exportLabel}</button>
          <button type="button" class="close" @click=${() => this.close()}>${t.close}</button>
        </div>
      </header>
      <label class="search">${t.search}
        <input type="search" .value=${this.query} maxlength="200" autocomplete="off" autofocus
          @input=${(e: InputEvent) => {
            this.query = (e.target as HTMLInputElement).value;
            this.page = 0;
          }} /></label>
      <p class="sr" role="status">${status}</p>
      <div class="scroll" tabindex="0" role="region" aria-labelledby="details-h">
        <table aria-labelledby="details-h">
          <thead><tr>${this.columns.map((c, i) => {
            const aria = sorted?.col === i ? (sorted.desc ? "descending" : "ascending") : "none";
            const arrow = sorted?.col === i ? (sorted.desc ? " ▼" : " ▲") : "";
            return html`<th scope="col" class=${c.numeric ? "num" : ""} aria-sort=${aria}>
              <button type="button" class="sort" @click=${() => this.#sortBy(i)}>${c.label}<span
                aria-hidden="true">${arrow}</span></button></th>`;
          })}</tr></thead>
          <tbody>${tableRows(
            this.columns,
            view.items.map((i) => this.rows[i] ?? []),
            view.items,
            this.actions,
            (i) => this.#choose(i),
            this.weight,
          )}</tbody>
        </table>
      </div>
      ${found.length ? "" : html`<p>${t.noMatches}</p>`}
      <nav class="pager" aria-label=${this.heading}>
        <button type="button" ?disabled=${view.page === 0}
          @click=${() => {
            this.page = view.page - 1;
          }}>${t.prevPage}</button>
        <span data-page>${fill(t.pageOf, {
          from: String(view.from),
          to: String(view.to),
          n: String(found.length),
        })}</span>
        <button type="button" ?disabled=${view.page >= view.pages - 1}
          @click=${() => {
            this.page = view.page + 1;
          }}>${t.nextPage}</button>
      </nav>
      ${this.note ? html`<p>${this.note}</p>` : ""}
    </dialog>`;
  }

  /** The CSV of the rows `indexes` (raw values), in that order. */
  csvOf(indexes: number[]): string {
    return toCsv(
      this.columns.map((c) => c.label),
      indexes.map((i) => this.rows[i] ?? []),
    );
  }
}

if (!customElements.get("table-details")) customElements.define("table-details", TableDetails);

declare global {
  interface HTMLElementTagNameMap {
    "table-details": TableDetails;
  }
}
