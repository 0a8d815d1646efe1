/**
 * Styles of `<chatref-button>`'s link (`.btn`), scoped to its shadow root (the desktop panel's
 * are in panel-styles.ts). Themeable with custom properties:
 * `--chatref-bg`, `--chatref-bg-hover`, `--chatref-fg`, `--chatref-radius`, `--chatref-font`,
 * `--chatref-font-size`, `--chatref-shadow`, `--chatref-focus`, `--chatref-offset`,
 * `--chatref-z-index`; and with `::part(button)`, `::part(icon)`, `::part(label)`.
 *
 * The host starts from `all: initial`, so nothing the page lets inherit (text-transform,
 * letter-spacing, word-spacing, font, line-height, text-shadow, white-space, ...) reaches the
 * button; custom properties still inherit, and colour and visibility follow the page. `all` leaves
 * `direction` alone: every element inside carries `dir` from the widget's language.
 */
// A plain string (chatref-button.ts adopts it as one stylesheet; Lit's css`` tag is not in the
// bundle); the build minifies css`` literals by name.
const css = String.raw;

/** The default green (#008069) has 4.9:1 contrast with white text (WCAG AA). */
export const buttonStyles = css`
  :host {
    all: initial;
    display: inline-block;
    vertical-align: middle;
    color: inherit;
    visibility: inherit;
    font: 14px / 1.4 var(--chatref-font, system-ui, sans-serif);
  }
  :host([floating]) {
    position: fixed;
    z-index: var(--chatref-z-index, 2147483000);
    bottom: calc(var(--chatref-offset, 20px) + env(safe-area-inset-bottom, 0px));
    right: calc(var(--chatref-offset, 20px) + env(safe-area-inset-right, 0px));
  }
  :host([floating="bottom-left"]) {
    right: auto;
    left: calc(var(--chatref-offset, 20px) + env(safe-area-inset-left, 0px));
  }
  .btn {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    box-sizing: border-box;
    min-width: 48px;
    min-height: 48px;
    padding-block: 0.5em;
    padding-inline: 1em 1.25em;
    border: 0;
    border-radius: var(--chatref-radius, 999px);
    background: var(--chatref-bg, #008069);
    color: var(--chatref-fg, #fff);
    font: 600 var(--chatref-font-size, 16px) / 1.25 var(--chatref-font, system-ui, sans-serif);
    /* Also here, not only inherited from :host: a page's "* { … !important }" reaches the host. */
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-shadow: none;
    text-decoration: none;
    white-space: nowrap;
    cursor: pointer;
    -webkit-tap-highlight-color: transparent;
    transition: 0.15s;
  }
  :host([floating]) .btn {
    box-shadow: var(--chatref-shadow, 0 6px 16px rgb(0 0 0 / 0.22), 0 1px 3px rgb(0 0 0 / 0.2));
    animation: chatref-in 0.3s ease-out;
  }
  .btn:hover {
    background: var(--chatref-bg-hover, #006b57);
  }
  .btn:active {
    transform: translateY(1px);
  }
  :focus-visible {
    outline: 3px solid var(--chatref-focus, #1a5fd0);
    outline-offset: 3px;
  }
  .btn svg {
    flex: none;
    width: 1.5em;
    height: 1.5em;
  }
  @keyframes chatref-in {
    from {
      opacity: 0;
      transform: translateY(8px);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .btn,
    :host([floating]) .btn {
      animation: none;
      transition: none;
    }
    .btn:active {
      transform: none;
    }
  }
  @media (forced-colors: active) {
    .btn {
      border: 2px solid ButtonText;
    }
  }
  @media print {
    :host([floating]) {
      display: none;
    }
  }
`;
