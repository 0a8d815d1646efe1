/** Styles of one destination card: kind badge, counts by status, last success and error. */
import { css } from "lit";

export const destinationCardStyles = css`
  :host { height: 100%; }
  .dest { border: 1px solid #d5dbe1; border-radius: 8px; padding: 12px; display: flex; flex-direction: column;
    gap: 8px; min-width: 0; height: 100%; box-sizing: border-box; }
  .dest > .dest-actions { margin-top: auto; }
  .dest.off { background: #f7f9fa; }
  .dest-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 6px 8px; }
  .dest h4 { margin: 0; font-size: 15px; min-width: 0; overflow-wrap: anywhere; }
  .kind { display: inline-block; padding: 1px 8px; border-radius: 4px; font-size: 12px; font-weight: 700;
    background: #e8eef9; color: #1a4a8f; white-space: nowrap; }
  .kind.meta_capi { background: #ece8f9; color: #47308f; }
  .kind.webhook { background: #eef0f2; color: #2f3a45; }
  .kind.google_ads { background: #e6f4ea; color: #1e5e32; }
  .kind.tiktok { background: #fde8ef; color: #8a1538; }
  .kind.yandex_metrica { background: #fff4d6; color: #7a4b00; }
  .kind.microsoft_ads { background: #e5f1fb; color: #0b4a7d; }
  .setting, .meta { margin: 0; font-size: 13px; overflow-wrap: anywhere; }
  .setting .label, .meta .label { color: #4a5561; }
  .counts { display: flex; flex-wrap: wrap; gap: 4px; margin: 0; }
  .counts > div { flex: 1 0 auto; min-width: 3.4em; border: 1px solid #e3e6ea; border-radius: 6px; padding: 4px 6px;
    background: #fff; }
  .counts dt { font-size: 11px; color: #3e4a56; overflow-wrap: anywhere; }
  .counts dd { margin: 0; font-size: 17px; font-weight: 650; font-variant-numeric: tabular-nums; }
  .counts .warn dd { color: #8c1d18; }
  .reasons { margin: 0; padding: 0; list-style: none; font-size: 13px; display: grid; gap: 2px; }
  .reasons li { overflow-wrap: anywhere; }
  .reasons .label { color: #4a5561; }
  .note { margin: 0; font-size: 13px; }
  .note.ok { font-weight: 400; }
  .note:empty { display: none; }
`;
