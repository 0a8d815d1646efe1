/** Styles of the chooser's list of apps (widget-ui.js), themed like the QR panel. */

// A plain string (Lit's css`` is not bundled); the build minifies css`` literals by name.
const css = String.raw;

/** The list of apps, inside the panel's box (dialog-styles.ts). */
export const chooserStyles = css`
  ul {
    display: grid;
    gap: 8px;
    margin: 16px 0 0;
    padding: 0;
    list-style: none;
  }
  ul a {
    display: flex;
    align-items: center;
    gap: 12px;
    min-height: 48px;
    box-sizing: border-box;
    padding-block: 8px;
    padding-inline: 16px;
    border: 1px solid rgb(0 0 0 / 0.15);
    border-radius: 12px;
    color: inherit;
    font-weight: 600;
    text-align: start;
    text-decoration: none;
  }
  ul a:hover {
    background: rgb(0 0 0 / 0.05);
  }
  ul svg {
    flex: none;
    width: 24px;
    height: 24px;
    color: var(--chatref-bg, #008069);
  }
`;
