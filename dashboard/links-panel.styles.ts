/** Styles of the campaign links panel and its list (the table itself: panel.styles.ts). */
import { css } from "lit";

export const linksPanelStyles = css`
  .intro { margin: 0 0 12px; max-width: 70ch; }
  .list { margin-top: 18px; border-top: 1px solid #e3e6ea; padding-top: 12px; container-type: inline-size;
    --label-width: 38%; }
  .list-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; }
  .list-head .tools { display: flex; gap: 8px; }
  .list-head button { font-size: 13px; min-height: 32px; padding: 4px 10px; }
  tbody th { font-weight: 600; overflow-wrap: anywhere; min-width: 7em; max-width: 16em; }
  td.url { min-width: 12em; }
  td.url .code { white-space: nowrap; }
  td.tag { min-width: 5em; }
  tr.off > :not(.act) { color: #5b6570; }
  .status { justify-self: start; }
  /* An open link and its details read as one block: the same tint, no line between them. */
  tr.open > * { background: #f7f9fa; border-bottom-color: transparent; }
  tr.detail > td { background: #f7f9fa; padding: 14px; border-bottom: 2px solid #d5dbe1; }
  @container (max-width: 760px) {
    tbody th { display: block; border: 0; padding: 3px 10px; max-width: none; font-size: 14px; }
    /* Cards: the open link's card and its details are one card (joined edges, one border). */
    tbody tr.open { margin-bottom: 0; border-bottom: 1px dashed #c3cad1; border-radius: 8px 8px 0 0;
      background: #f7f9fa; }
    tbody tr.detail { margin: 0 0 10px; border-top: 0; border-radius: 0 0 8px 8px; padding: 0; background: #f7f9fa; }
    td[data-label]::before { white-space: normal; }
    tr.detail > td { border-bottom: 0; border-radius: 0 0 8px 8px; }
  }
`;
