/** Styles of the details dialog (table-details.ts), on top of the table's (data-table.styles.ts). */
import { css } from "lit";

export const tableDetailsStyles = css`
  dialog { width: min(960px, calc(100vw - 24px)); max-height: calc(100vh - 24px); padding: 16px;
    border: 1px solid #d5dbe1; border-radius: 10px; color: #1f2933; box-sizing: border-box;
    font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
  dialog::backdrop { background: #1f293366; }
  h2 { font-size: 16px; }
  header { flex-wrap: wrap; }
  label.search { display: grid; gap: 2px; margin-top: 10px; font-size: 13px; color: #3e4a56; }
  input { font: inherit; font-size: 14px; padding: 6px 8px; border: 1px solid #8a96a3;
    border-radius: 6px; min-height: 36px; max-width: 420px; box-sizing: border-box; }
  thead th { padding: 0; }
  button.sort { all: unset; box-sizing: border-box; display: block; width: 100%; padding: 6px 8px;
    cursor: pointer; text-align: inherit; white-space: nowrap; }
  button.sort:hover { text-decoration: underline; }
  button.sort:focus-visible { outline: 3px solid #1a73e8; outline-offset: -3px; }
  .pager { display: flex; align-items: center; justify-content: flex-end; gap: 10px;
    margin-top: 10px; font-size: 13px; flex-wrap: wrap; }
  .pager span { font-variant-numeric: tabular-nums; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
    margin: 0; }
`;
