/** Styles of an open link: its QR code beside copy, downloads, rename and disable / enable. */
import { css } from "lit";

export const linkDetailStyles = css`
  .detail-grid { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 16px 20px; align-items: start; }
  .qr { margin: 0; display: grid; justify-items: center; gap: 6px; }
  .qr-box { width: 200px; height: 200px; display: grid; place-items: center; background: #fff;
    border: 1px solid #d5dbe1; border-radius: 6px; }
  .qr img { display: block; width: 184px; height: 184px; }
  .actions { display: grid; gap: 12px; min-width: 0; max-width: 560px; }
  .actions h4 { margin: 0; font-size: 15px; overflow-wrap: anywhere; }
  .actions p { margin: 0; }
  .actions p.ok:empty { margin-top: -12px; }
  .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; }
  .row label { flex: 1 1 200px; min-width: 0; }
  .row input { width: 100%; }
  input[readonly] { background: #f3f5f7; }
  @container (max-width: 760px) {
    .detail-grid { grid-template-columns: minmax(0, 1fr); }
  }
`;
