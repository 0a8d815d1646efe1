/** Styles of the set-up checklist: one row per step, a mark, the step and its next step. */
import { css } from "lit";

export const setupChecklistStyles = css`
  section.card { border-color: #e0b400; background: #fffdf3; }
  section.card.complete { border-color: #d5dbe1; background: #fff; padding-block: 8px; }
  .head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 12px; }
  .head h2 { margin: 0; }
  .head p { margin: 0; }
  .head .tools { margin-inline-start: auto; }
  .tools { display: flex; gap: 8px; }
  .tools button { font-size: 13px; min-height: 32px; padding: 4px 10px; }
  ol { list-style: none; margin: 10px 0 0; padding: 0; display: grid; gap: 10px; }
  li { display: grid; grid-template-columns: 24px minmax(0, 1fr); gap: 2px 8px; }
  .mark { width: 22px; height: 22px; border-radius: 50%; display: grid; place-items: center; font-size: 13px;
    font-weight: 700; border: 2px solid #8a96a3; color: #3e4a56; background: #fff; }
  li[data-done="true"] .mark { border-color: #0b7a4b; background: #0b7a4b; color: #fff; }
  .step { font-weight: 600; }
  .what { grid-column: 2; margin: 0; font-size: 14px; color: #3e4a56; }
  .fix { grid-column: 2; margin: 2px 0 0; padding: 6px 8px; font: 12px/1.45 ui-monospace, Menlo, Consolas, monospace;
    background: #f3f5f7; border-radius: 6px; overflow-wrap: anywhere; white-space: pre-wrap; color: #1f2933; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  details summary { cursor: pointer; font-weight: 600; min-height: 32px; display: flex; align-items: center; gap: 8px; }
`;
