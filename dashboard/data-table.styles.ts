/**
 * Styles of the dashboard's data tables (data-table.ts) and of their details dialog
 * (table-details.ts): the table, the weight bars behind the first cells, and the scroll hint.
 *
 * The scroll hint is CSS only: shadows on the scrolling box's edges (`background-attachment:
 * scroll`) hidden under white covers that move with the content (`local`), so an edge shows a
 * shadow exactly while there is more table beyond it — on a 390 px phone the right edge, and
 * after scrolling, the left one too. No script, no inline style (the CSP refuses those).
 * A table with `stack` (the leads) becomes one card per row when narrow instead of scrolling.
 */
import { css } from "lit";

export const tableStyles = css`
  :host { display: block; min-width: 0; }
  header { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
  h2 { margin: 0; font-size: 15px; }
  .tools { display: flex; gap: 8px; flex-wrap: wrap; justify-content: flex-end; }
  button { font: inherit; font-size: 13px; padding: 4px 10px; border: 1px solid #8a96a3;
    border-radius: 6px; background: #fff; color: #1f2933; cursor: pointer;
    white-space: nowrap; flex-shrink: 0; min-height: 32px; }
  button:disabled { cursor: default; color: #6b7785; border-color: #c3cad1; }
  button:focus-visible, input:focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
  .scroll { overflow-x: auto; margin-top: 8px;
    background:
      linear-gradient(to right, #fff 30%, #fff0) left / 32px 100% no-repeat local,
      linear-gradient(to left, #fff 30%, #fff0) right / 32px 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, #1f29334d, #1f293300) left / 14px 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, #1f29334d, #1f293300) right / 14px 100% no-repeat scroll;
    background-color: #fff; }
  .scroll:focus-visible { outline: 3px solid #1a73e8; }
  table { width: 100%; border-collapse: collapse; font-size: 13px; }
  th, td { padding: 6px 8px; border-bottom: 1px solid #e3e6ea; text-align: start; vertical-align: top; }
  th { font-weight: 600; color: #3e4a56; white-space: nowrap; }
  td { overflow-wrap: anywhere; min-width: 4em; }
  tbody th { font-weight: 600; overflow-wrap: anywhere; min-width: 7em; max-width: 18em;
    white-space: normal; position: relative; }
  :is(th, td).short { white-space: nowrap; }
  .num { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; min-width: 0; }
  p { margin: 8px 0 0; font-size: 13px; color: #4a5561; }
  tr.drill { cursor: pointer; }
  tr.drill:hover { background: #f0f6f2; }
  tbody th button { all: unset; box-sizing: border-box; cursor: pointer; color: #0b5d3b;
    text-align: start; overflow-wrap: anywhere; border-radius: 3px;
    text-decoration: underline dotted 1px; text-underline-offset: 3px; }
  tr.drill:hover th button { text-decoration: underline solid 1px; }
  tbody th button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
  /* The row's weight: an SVG bar behind its first cell (a presentation attribute, not a style). */
  svg.bar { position: absolute; inset: 3px 0; width: 100%; height: calc(100% - 6px); z-index: 0; }
  svg.bar:dir(rtl) { transform: scaleX(-1); }
  svg.bar rect { fill: #d7ecdf; }
  tbody th > :not(svg) { position: relative; z-index: 1; }
  .more { margin-top: 8px; }
  .more button { color: #0b5d3b; border-color: #0b5d3b; }
  /* Stacked ("stack" attribute, narrow): one card per row, each value after its column's name. The header
     row is hidden from sight only, so a screen reader still reads a table with its headers. */
  :host([stack]) { container-type: inline-size; }
  @container (max-width: 560px) {
    :host([stack]) .scroll { overflow: visible; background: none; }
    :host([stack]) thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    :host([stack]) :is(table, tbody, tr) { display: block; }
    :host([stack]) tbody tr { border: 1px solid #d5dbe1; border-radius: 8px; margin-bottom: 10px; padding: 6px 0; }
    :host([stack]) tbody :is(th, td) { display: grid; grid-template-columns: minmax(6.5em, 36%) minmax(0, 1fr);
      gap: 8px; border: 0; padding: 3px 10px; min-width: 0; max-width: none; text-align: start;
      white-space: normal; }
    :host([stack]) tbody :is(th, td)::before { content: attr(data-label); font-weight: 600; color: #3e4a56; }
    :host([stack]) tbody th { font-size: 14px; }
  }
`;
