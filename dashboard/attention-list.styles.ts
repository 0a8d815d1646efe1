/** Styles of the deliveries that need attention (the table itself: panel.styles.ts). */
import { css } from "lit";

export const attentionListStyles = css`
  .attention { margin-top: 18px; border-top: 1px solid #e3e6ea; padding-top: 12px; container-type: inline-size; }
  .attention .intro { margin-top: 4px; }
  .status.dead { background: #fbe9e7; color: #8c1d18; }
  .status.retrying { background: #fff4d6; color: #6b4a00; }
  .status.sent { background: #e3f4ea; color: #0b5d3b; }
  .status.pending, .status.skipped { background: #eceff2; color: #3e4a56; }
  td.lead { min-width: 9em; }
  td.error-cell { min-width: 14em; }
  td.error-cell .err-text { margin-top: 0; }
  td.act { min-width: 8em; }
  td.act p { margin: 4px 0 0; font-size: 12px; }
  @container (max-width: 760px) {
    td.error-cell[data-label] > .err-text { justify-self: stretch; }
  }
`;
