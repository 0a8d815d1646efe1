/** Styles of the active filters: removable chips and "Clear all". */
import { css } from "lit";

export const filterBarStyles = css`
  .filter-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
  .chips { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; list-style: none; min-width: 0; }
  .chip { display: inline-flex; align-items: center; gap: 2px; max-width: 100%; min-height: 36px;
    padding-block: 2px; padding-inline: 12px 2px; border: 1px solid #0b5d3b; border-radius: 18px;
    background: #e4f1ea; color: #0b3d27; font-size: 14px; }
  .chip-text { overflow-wrap: anywhere; min-width: 0; }
  .chip-text bdi { font-weight: 600; }
  .chip .chip-remove { flex-shrink: 0; min-height: 30px; min-width: 30px; padding: 0; border: 0;
    border-radius: 15px; background: transparent; color: #0b3d27; font-size: 18px; line-height: 1; }
  .chip .chip-remove:hover { background: #c5e1d2; }
  .clear-filters { border-color: transparent; background: transparent; color: #0b5d3b;
    text-decoration: underline; padding-inline: 4px; }
  .clear-filters:hover { color: #063b25; }
`;
