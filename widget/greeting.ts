/**
 * The greeting's part in widget.js: on a page with `data-greeting` (the page opted in), it asks
 * for widget-greet.js once the page has loaded and the browser is idle, so the chunk never
 * competes with the page's own first paint; the chunk runs the delay and scroll trigger, the page
 * rules' wait and the bubble (greet/trigger.ts). A greeting dismissed before (greet/key.ts; the
 * same text) fetches nothing. Pages without `data-greeting` fetch nothing either.
 */
import { loadChunk } from "./chunk-loader";
import { GREETING_KEY } from "./greet/key";

/** Asks for the greeting of the floating `button`, configured by the tag's `data` (see above). */
export function scheduleGreeting(button: HTMLElement, data: Record<string, string | undefined>) {
  const text = data.greeting;
  if (text === undefined) return;
  try {
    if (localStorage.getItem(GREETING_KEY) === text) return;
  } catch {
    // Storage refused: the greeting is shown, and its dismissal lasts for this page.
  }
  // A chat opened before the chunk arrives (a QR merely seen is no chat) cancels the greeting.
  let opened = false;
  document.addEventListener("chatref:click", (e) => {
    opened ||= e.detail.placement !== "inline_qr";
  });
  // No requestIdleCallback in Safari: a timer's turn there.
  const ask = () =>
    (window.requestIdleCallback ?? setTimeout)(() =>
      loadChunk("greet", button).then(
        (greet) => greet.arm(button, data, () => opened),
        () => {
          // Reported once by the loader; a greeting is not worth a second try.
        },
      ),
    );
  if (document.readyState === "complete") ask();
  else addEventListener("load", ask, { once: true });
}
