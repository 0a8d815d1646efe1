/** Styles of the realtime strip: three figures in a row, each with its per-minute bars. */
import { css } from "lit";

export const realtimeStripStyles = css`
  section.card { padding: 10px 14px; }
  .head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; }
  .head h2 { margin: 0; }
  .head p { margin: 0; }
  .live { display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: #0b7a4b;
    margin-inline-end: 6px; vertical-align: 1px; }
  dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 8px 20px; margin: 8px 0 0; }
  dt { font-size: 13px; color: #3e4a56; }
  dd { margin: 0; display: flex; align-items: end; gap: 10px; }
  .n { font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; min-width: 2ch; }
  svg.spark { display: block; flex: 1; min-width: 60px; height: 28px; }
`;
