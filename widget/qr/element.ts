/**
 * `<chatref-qr>` once widget-qr.js has arrived: widget.js's element (../chatref-qr.ts) hands
 * itself over here each time it is connected or disconnected (its square already reserved there).
 * This part watches whether it is on screen: the first time it is, qr-view.ts draws the code
 * and, for an inline QR, mints the ref; its beacon follows after 2 s on screen or at `pagehide`.
 */
import { show } from "./qr-view";

/** Share of the element that must be in the viewport for it to count as shown. */
const SHOWN_RATIO = 0.5;

let observer: IntersectionObserver | undefined;

function watch(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      // One threshold: crossing it either way reports, and the first report comes on observe.
      for (const entry of entries)
        show(entry.target as HTMLElement, entry.intersectionRatio >= SHOWN_RATIO);
    },
    { threshold: SHOWN_RATIO },
  );
  return observer;
}

/** `QrChunk.attach`: watches a connected `host`, or lets go of one the page removed. */
export function attach(host: HTMLElement): void {
  if (!host.isConnected) {
    watch().unobserve(host);
    show(host, false);
    return;
  }
  watch().observe(host);
}
