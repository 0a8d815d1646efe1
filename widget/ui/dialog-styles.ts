/**
 * Styles of the dialog (the desktop QR panel and the chooser), adopted by `<chatref-button>`'s
 * shadow root when it opens (ui/dialog.ts). Inherited text properties are reset on the dialog (the host's `all: initial` does not
 * stop a page's `* { … !important }`, which reaches the host element itself) so the host page's
 * typography does not leak in. Themeable with `--chatref-panel-bg`, `--chatref-panel-fg`, `--chatref-bg` (accent),
 * `--chatref-font`, `--chatref-qr-fg`, `--chatref-qr-bg`, and `::part(panel)`, `::part(close)`,
 * `::part(qr)`, `::part(web)`.
 */

// A plain string (Lit's css`` is not bundled); the build minifies css`` literals by name.
const css = String.raw;

export const dialogStyles = css`
  dialog {
    box-sizing: border-box;
    width: min(384px, calc(100vw - 32px));
    max-height: calc(100vh - 32px);
    padding: 0;
    border: 0;
    border-radius: 16px;
    background: var(--chatref-panel-bg, #fff);
    color: var(--chatref-panel-fg, #1f2328);
    box-shadow: 0 24px 64px rgb(0 0 0 / 0.3);
    font: 400 15px / 1.45
      var(--chatref-font, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif);
    letter-spacing: normal;
    word-spacing: normal;
    text-align: center;
    text-transform: none;
    text-shadow: none;
    white-space: normal;
  }
  dialog::backdrop {
    background: rgb(17 24 28 / 0.5);
  }
  .box {
    padding: 16px 24px 24px;
  }
  header {
    display: flex;
    align-items: center;
    gap: 8px;
    text-align: start;
  }
  header svg {
    flex: none;
    width: 24px;
    height: 24px;
    color: var(--chatref-bg, #008069);
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: 17px;
    font-weight: 600;
  }
  header button {
    flex: none;
    width: 40px;
    height: 40px;
    margin-inline-end: -12px;
    border: 0;
    border-radius: 50%;
    background: none;
    color: inherit;
    font: 28px / 1 sans-serif;
    cursor: pointer;
  }
  header button:hover {
    background: rgb(0 0 0 / 0.07);
  }
  .code {
    width: 240px;
    height: 240px;
    margin: 16px auto 12px;
  }
  p {
    margin: 0 0 16px;
    font-size: 16px;
  }
  .box > a {
    color: var(--chatref-bg, #008069);
    font-weight: 600;
    text-underline-offset: 3px;
  }
  @media (forced-colors: active) {
    dialog {
      border: 2px solid CanvasText;
    }
  }
`;
