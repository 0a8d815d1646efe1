/**
 * Styles shared by the dashboard's shell: layout, cards, form controls. Contrast ≥ 4.5:1.
 * Sides are logical (`inline-start` / `inline-end`), so the Arabic (right-to-left) layout mirrors.
 */
import { css } from "lit";

export const shellStyles = css`
  :host { display: block; color: #1f2933; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
  * { box-sizing: border-box; }
  header.top { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px;
    padding: 12px 16px; background: #0b5d3b; color: #fff; }
  header.top h1 { margin: 0; font-size: 18px; }
  header.top .name { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; min-width: 0; }
  header.top .site { color: #d9f2e6; font-size: 15px; overflow-wrap: anywhere; }
  header.top .tools { display: flex; gap: 8px; align-items: center; }
  header.top label { color: #fff; }
  header.top select, header.top button { color: #1f2933; }
  main { max-width: 1200px; margin: 0 auto; padding: 16px; display: grid;
    grid-template-columns: minmax(0, 1fr); gap: 16px; }
  main > *, .tables > * { min-width: 0; }
  section.card { background: #fff; border: 1px solid #d5dbe1; border-radius: 10px; padding: 14px; min-width: 0; }
  h2 { margin: 0 0 10px; font-size: 16px; }
  label { font-size: 13px; color: #3e4a56; display: grid; gap: 2px; }
  input, select, button { font: inherit; font-size: 14px; padding: 6px 8px; border: 1px solid #8a96a3;
    border-radius: 6px; background: #fff; color: #1f2933; min-height: 36px; }
  button { cursor: pointer; }
  button.primary { background: #0b5d3b; border-color: #0b5d3b; color: #fff; font-weight: 600; }
  :is(input, select, button):focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
  .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; }
  .kpi { background: #fff; border: 1px solid #d5dbe1; border-radius: 10px; padding: 12px 14px; }
  .kpi dt { font-size: 13px; color: #3e4a56; }
  .kpi dd { margin: 4px 0 0; font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
  .kpi .prev { display: block; font-size: 12px; font-weight: 400; color: #4a5561; }
  .up { color: #0b6b2f; } .down { color: #b3261e; }
  /* One breakdown a row: its eight columns (sales included) fit a 1280 px screen with no scroll. */
  .tables { display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; }
  .share { display: block; width: 100%; height: 14px; border-radius: 7px; overflow: hidden; background: #e3e6ea; }
  .legend { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 10px 0 0; padding: 0; list-style: none; font-size: 14px; }
  .legend .swatch { width: 10px; height: 10px; margin-inline-end: 6px; vertical-align: -1px; }
  .error { color: #b3261e; font-weight: 600; }
  .muted { color: #4a5561; font-size: 13px; }
  .signin { max-width: 420px; margin: 40px auto; display: grid; gap: 12px; }
  [hidden] { display: none !important; }
`;
