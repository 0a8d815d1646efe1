/**
 * When the greeting bubble shows (widget-greet.js, armed by widget.js's greeting.ts once the page
 * has loaded): `data-greeting-delay` seconds after the page started loading (default 8), or once
 * the visitor has scrolled `data-greeting-scroll` percent of the page, whichever comes first
 * (only the scroll when just that is set); not after the visitor opened a chat, and only while
 * the floating button is on the page (page rules): a greeting due on a page without the button
 * waits until a single-page app's navigation puts the button back.
 */
import { show } from "./bubble";

/** Arms the greeting of the floating `button` from the tag's `data`; `opened`: a chat was opened. */
export function arm(
  button: HTMLElement,
  data: Record<string, string | undefined>,
  opened: () => boolean,
): void {
  const text = data.greeting ?? "";
  const depth = Number(data.greetingScroll) / 100;
  const delay = Number(data.greetingDelay ?? (depth > 0 ? Number.NaN : 8));
  let due = false;
  const greet = () => !opened() && show(button, text);
  // Called by the timer and by the scroll listener: the second call finds it due.
  const onDue = () => {
    if (due) return;
    due = true;
    removeEventListener("scroll", onScroll);
    if (button.isConnected) return greet();
    // The page rules took the button off: index.ts appends it again after a navigation.
    const wait = new MutationObserver(() => {
      if (!button.isConnected) return;
      wait.disconnect();
      greet();
    });
    wait.observe(document.body, { childList: true });
  };
  const onScroll = () =>
    scrollY + innerHeight >= document.documentElement.scrollHeight * depth && onDue();
  // The delay counts from the page's start (performance.now()), not from the chunk's arrival.
  if (delay >= 0) setTimeout(onDue, delay * 1000 - performance.now());
  if (depth > 0) {
    addEventListener("scroll", onScroll, { passive: true });
    // The visitor may have scrolled before the chunk came.
    if (scrollY) onScroll();
  }
}
