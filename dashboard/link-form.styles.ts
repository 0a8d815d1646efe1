/** Styles of the new-link form: a grid of fields, each with its help and its error. */
import { css } from "lit";

export const linkFormStyles = css`
  .new { border-top: 1px solid #e3e6ea; padding-top: 12px; margin-top: 4px; }
  .new h3 { margin-bottom: 8px; }
  .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 210px), 1fr));
    gap: 10px 14px; align-items: start; }
  .more-fields { display: flex; flex-wrap: wrap; gap: 10px 14px; margin-top: 10px; align-items: start; }
  .more-fields .lang { flex: 0 1 230px; }
  .more-fields .msg { flex: 1 1 320px; }
  .field { display: grid; gap: 2px; min-width: 0; }
  .field input, .field select, .field textarea { width: 100%; }
  .field .muted, .field .error { margin: 0; font-size: 12px; }
  textarea { font: inherit; font-size: 14px; padding: 6px 8px; border: 1px solid #8a96a3; border-radius: 6px;
    background: #fff; color: #1f2933; min-height: 60px; resize: vertical; }
  textarea:focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
  [aria-invalid="true"] { border-color: #b3261e; border-width: 2px; }
  .form-end { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; margin-top: 12px; }
  .form-end p { margin: 0; }
  /* Folding (link-form.ts): only narrow screens fold; wide ones always show the form. */
  .fold { display: none; flex-wrap: wrap; align-items: center; gap: 8px 14px; border-top: 1px solid #e3e6ea;
    padding-top: 12px; margin-top: 4px; }
  .fold p { margin: 0; }
  .cancel { display: none; }
  @media (max-width: 700px) {
    .fold { display: flex; }
    form.folded { display: none; }
    .cancel { display: inline-block; }
  }
`;
