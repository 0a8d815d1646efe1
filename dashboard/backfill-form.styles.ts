/** Styles of the "Send past leads" form: its date range, the dry run's counts, the window note. */
import { css } from "lit";

export const backfillFormStyles = css`
  .backfill { border-top: 1px solid #e3e6ea; padding-top: 10px; display: grid; gap: 8px; }
  .backfill h5 { margin: 0; font-size: 14px; }
  .backfill p { margin: 0; font-size: 13px; }
  .range { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; }
  .range label { flex: 1 1 130px; }
  .range input { width: 100%; }
  .result { display: grid; gap: 2px; margin: 0; font-size: 13px; max-width: 28em; }
  .result > div { display: flex; justify-content: space-between; gap: 12px; }
  .result dt { color: #3e4a56; }
  .result dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
  .result .total { border-top: 1px solid #d5dbe1; padding-top: 2px; }
  .result .total dt { color: #1f2933; font-weight: 600; }
  .window { padding: 6px 8px; border-inline-start: 3px solid #1a5fb4; background: #f1f5fb; }
`;
