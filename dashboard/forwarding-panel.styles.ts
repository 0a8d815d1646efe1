/** Styles of the forwarding panel and the ones its parts share (errors from remote servers, action rows). */
import { css } from "lit";

/** Shared by destination-card, backfill-form and attention-list. */
export const forwardingStyles = css`
  .intro { margin: 0 0 6px; max-width: 75ch; }
  .err-text { display: block; margin-top: 2px; padding: 4px 6px; border-radius: 4px; background: #fbe9e7;
    color: #5f1410; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px;
    overflow-wrap: anywhere; white-space: pre-wrap; max-height: 7.5em; overflow-y: auto; }
  .dest-actions { display: flex; flex-wrap: wrap; gap: 8px; }
  .dest-actions button { font-size: 13px; min-height: 32px; padding: 4px 10px; }
`;

/** The panel itself: heading bar, hints and the grid of destination cards. */
export const forwardingPanelStyles = css`
  .hint { margin: 0 0 12px; max-width: 75ch; }
  .bar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; }
  .bar button { font-size: 13px; min-height: 32px; padding: 4px 10px; }
  .period { margin: 4px 0 10px; }
  .dests { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 330px), 1fr)); }
  /* Cards of a row share its height (the card fills its item; its actions sit at the bottom). */
  .dests > li { min-width: 0; display: grid; }
`;
