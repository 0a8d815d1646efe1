/**
 * Styles shared by the links and forwarding panels and their parts: headings, status pills, and
 * the responsive table — a scrolling table that becomes one card per row with each cell labelled
 * (`data-label`) when its container (the list, `container-type: inline-size`) is narrow.
 * `--label-width` is the share of a card row its labels take.
 */
import { css } from "lit";

export const panelStyles = css`
  h3 { margin: 0; font-size: 15px; }
  .ok { color: #0b6b2f; font-weight: 600; }
  button[aria-expanded="true"] { background: #e8f1ec; border-color: #0b5d3b; }
  .status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
    white-space: nowrap; }
  .status.on { background: #e3f4ea; color: #0b5d3b; }
  .status.off { background: #eceff2; color: #3e4a56; }
`;

export const tableStyles = css`
  .scroll { overflow-x: auto; margin-top: 8px; }
  .scroll:focus-visible { outline: 3px solid #1a73e8; }
  table { width: 100%; border-collapse: collapse; font-size: 13px; }
  th, td { padding: 6px 8px; border-bottom: 1px solid #e3e6ea; text-align: start; vertical-align: top; }
  thead th { font-weight: 600; color: #3e4a56; white-space: nowrap; }
  td { overflow-wrap: anywhere; }
  td.date { white-space: nowrap; }
  .num { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; }
  td.act button { font-size: 13px; min-height: 32px; padding: 4px 10px; white-space: nowrap; }
  .more { margin: 10px 0 0; }
  @container (max-width: 760px) {
    thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    table, tbody, tr, td { display: block; }
    tbody tr { border: 1px solid #d5dbe1; border-radius: 8px; margin-bottom: 10px; padding: 6px 0; background: #fff; }
    td { border: 0; padding: 3px 10px; }
    td[data-label] { display: grid; grid-template-columns: minmax(7em, var(--label-width, 35%)) minmax(0, 1fr); gap: 8px; }
    td[data-label] > * { justify-self: start; }
    td[data-label]::before { content: attr(data-label); font-weight: 600; color: #3e4a56; }
    .num { text-align: start; }
    td.act { padding-top: 6px; }
  }
`;
