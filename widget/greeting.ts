/**
 * When the greeting bubble shows (widget.js's part; the bubble itself is widget-greet.js,
 * greet/chunk.ts). It is off unless the script tag has `data-greeting` (empty: the localised
 * default text); it shows `data-greeting-delay` seconds after load (default 8) or once the
 * visitor has scrolled `data-greeting-scroll` percent of the page, whichever comes first (only
 * the scroll when just that is set), never again once dismissed (greet/key.ts; storage may
 * throw: then it is shown on each page), not after the visitor opened a chat, and only while the
 * floating button is on the page (page rules): a greeting due on a page without the button waits
 * for the next page that has one. widget-greet.js is fetched when the greeting is due, not before.
 */
import { loadChunk } from "./chunk-loader";
import { GREETING_KEY } from "./greet/key";

/** The greeting's time came; it was handed to the chunk (or a chat was opened first). */
let due = false;
let shown = false;

/** Shows the greeting on `button` if it is due, not yet shown and the button is on the page. */
export function greetIfDue(button: HTMLElement, text: string): void {
  if (!due || shown || !button.isConnected) return;
  shown = true;
  loadChunk("greet", button).then(
    (greet) => greet.show(button, text),
    () => {
      // Reported once by the loader; a greeting is not worth a second try.
    },
  );
}

/** Arms the greeting of the floating `button` from the tag's `data` (see above). */
export function scheduleGreeting(button: HTMLElement, data: Record<string, string | undefined>) {
  const text = data.greeting;
  if (text === undefined) return;
  try {
    if (localStorage.getItem(GREETING_KEY) === text) return;
  } catch {
    // Storage refused: the greeting is shown, and its dismissal lasts for this page.
  }
  const depth = Number(data.greetingScroll) / 100;
  const delay = Number(data.greetingDelay ?? (depth > 0 ? Number.NaN : 8));
  // Called by the timer and by the scroll listener: the second call finds it shown.
  const onDue = () => {
    removeEventListener("scroll", onScroll);
    due = true;
    greetIfDue(button, text);
  };
  const onScroll = () =>
    scrollY + innerHeight >= document.documentElement.scrollHeight * depth && onDue();
  if (delay >= 0) setTimeout(onDue, delay * 1000);
  if (depth > 0) addEventListener("scroll", onScroll, { passive: true });
  // A visitor who already opened a chat needs no invitation (a QR merely seen is no chat).
  document.addEventListener("chatref:click", (e) => {
    if (e.detail.placement !== "inline_qr") shown = true;
  });
}
