/**
 * Styles of the agents panel (widget-agents.js), inside the dialog's box (ui/dialog-styles.ts),
 * themed like the chooser: each agent a row of photo (initials under it), name, role and state,
 * and the app's glyph. Logical properties, so Arabic mirrors it. Themeable with `--chatref-bg`
 * (accent), `--chatref-agent-online` (the online dot), and `::part(agents)`, `::part(agent)`,
 * `::part(agents-notice)`.
 */

// A plain string (Lit's css`` is not bundled); the build minifies css`` literals by name.
const css = String.raw;

export const agentsStyles = css`
  [part="agents"] {
    display: grid;
    gap: 8px;
    margin: 16px 0 0;
    padding: 0;
    list-style: none;
    overflow-y: auto;
    max-height: calc(100vh - 160px);
  }
  [part="agent"] {
    display: flex;
    align-items: center;
    gap: 12px;
    min-height: 56px;
    box-sizing: border-box;
    padding-block: 8px;
    padding-inline: 12px 16px;
    border: 1px solid rgb(0 0 0 / 0.15);
    border-radius: 12px;
    color: inherit;
    text-align: start;
    text-decoration: none;
  }
  [part="agent"]:hover {
    background: rgb(0 0 0 / 0.05);
  }
  .pic {
    position: relative;
    flex: none;
    display: grid;
    place-items: center;
    width: 44px;
    height: 44px;
    border-radius: 50%;
    background: var(--chatref-bg, #008069);
    color: #fff;
    font-weight: 600;
    font-size: 16px;
  }
  .pic img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    border-radius: 50%;
    object-fit: cover;
    background: #fff;
  }
  .pic i {
    position: absolute;
    inset-block-end: 0;
    inset-inline-end: 0;
    width: 12px;
    height: 12px;
    border: 2px solid var(--chatref-panel-bg, #fff);
    border-radius: 50%;
    background: #8c959f;
  }
  .pic .on {
    background: var(--chatref-agent-online, #25d366);
  }
  .who {
    flex: 1;
    display: grid;
    min-width: 0;
    line-height: 1.3;
  }
  .who > * {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .who b {
    font-weight: 600;
  }
  .who span {
    font-size: 13px;
    color: rgb(0 0 0 / 0.6);
  }
  .who .state {
    white-space: normal;
  }
  [part="agent"] > svg {
    flex: none;
    width: 24px;
    height: 24px;
    color: var(--chatref-bg, #008069);
  }
  [part="agents-notice"] {
    margin: 12px 0 0;
    text-align: start;
  }
  @media (forced-colors: active) {
    .pic i {
      border-color: Canvas;
    }
    .pic .on {
      background: Highlight;
    }
  }
`;
