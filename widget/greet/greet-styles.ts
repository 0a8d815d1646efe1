/**
 * Styles of the greeting bubble (widget-greet.js), adopted by the floating button's shadow root.
 * It sits above the button, on the button's side (bottom-left: left), text in the widget's
 * language and direction; the page's inherited typography is reset as on the dialog. Themeable
 * with `--chatref-greeting-bg`, `--chatref-greeting-fg`, `--chatref-font`, and
 * `::part(greeting)`, `::part(greeting-text)`, `::part(greeting-close)`.
 */

// A plain string (Lit's css`` is not bundled); the build minifies css`` literals by name.
const css = String.raw;

export const greetStyles = css`
  .greet {
    position: absolute;
    bottom: calc(100% + 12px);
    right: 0;
    box-sizing: border-box;
    width: max-content;
    max-width: min(300px, calc(100vw - 40px));
    padding-block: 12px;
    padding-inline: 16px 40px;
    border-radius: 16px;
    background: var(--chatref-greeting-bg, #fff);
    color: var(--chatref-greeting-fg, #1f2328);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.2), 0 1px 3px rgb(0 0 0 / 0.15);
    font: 400 15px / 1.4 var(--chatref-font, system-ui, sans-serif);
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-transform: none;
    text-shadow: none;
    white-space: normal;
    animation: chatref-in 0.3s ease-out;
  }
  :host([floating="bottom-left"]) .greet {
    right: auto;
    left: 0;
  }
  .greet button {
    margin: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    letter-spacing: inherit;
    text-transform: none;
    cursor: pointer;
  }
  .say {
    padding: 0;
    text-align: inherit;
    overflow-wrap: anywhere;
  }
  .x {
    position: absolute;
    top: 4px;
    inset-inline-end: 4px;
    width: 32px;
    height: 32px;
    padding: 0;
    border-radius: 50%;
    font-size: 20px;
    line-height: 1;
  }
  .x:hover {
    background: rgb(0 0 0 / 0.07);
  }
  @media (prefers-reduced-motion: reduce) {
    .greet {
      animation: none;
    }
  }
  @media (forced-colors: active) {
    .greet {
      border: 1px solid CanvasText;
    }
  }
  @media print {
    .greet {
      display: none;
    }
  }
`;
