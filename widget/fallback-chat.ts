/**
 * What a tap that wanted a dialog (the QR panel, the chooser) does when widget-ui.js did not
 * load (chunk-loader.ts reported it): the chat itself, in a new tab as the button's link would
 * open it. Where the browser blocks that tab (a popup outside the tap's user activation: the
 * chunk timed out, or Safari), the chat opens in this tab instead, so the visitor still reaches
 * it. It replaced a plain fallback dialog of links, which cost widget.js about 160 B more.
 */

/** Opens `url` (an app's chat link) in a new tab, else in this one. */
export function openFallback(url: string): void {
  const tab = open(url);
  // As `rel="noopener"` on the button's link: the chat's page gets no handle on this one.
  if (tab) tab.opener = null;
  else location.assign(url);
}
