/** Styles of the view controls: dates, interval, the touch model as a segmented control, comparison. */
import { css } from "lit";

export const viewControlsStyles = css`
  .controls { display: flex; flex-wrap: wrap; gap: 10px 14px; align-items: end; }
  .check { display: flex; gap: 6px; align-items: center; font-size: 14px; color: #1f2933; min-height: 36px; }
  fieldset { border: 0; padding: 0; margin: 0; }
  fieldset legend { font-size: 13px; color: #3e4a56; padding: 0; margin-bottom: 2px; }
  .seg { display: inline-flex; border: 1px solid #8a96a3; border-radius: 6px; overflow: hidden; }
  .seg label { display: flex; align-items: center; gap: 4px; padding: 0 10px; min-height: 34px; font-size: 14px;
    color: #1f2933; cursor: pointer; }
  .seg label + label { border-inline-start: 1px solid #8a96a3; }
  .seg label:has(input:checked) { background: #0b5d3b; color: #fff; }
  .seg input { position: absolute; opacity: 0; width: 1px; height: 1px; }
  .seg label:has(input:focus-visible) { outline: 3px solid #1a73e8; outline-offset: -3px; }
`;
