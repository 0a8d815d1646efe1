/** What widget-greet.js registers on `window.__chatref.greet` (see ../chunk-api.ts). Types only. */

/** widget-greet.js: the greeting's trigger and bubble. */
export interface GreetChunk {
  /**
   * Arms the greeting of the floating `host` from the script tag's `data` (`greeting`: the text,
   * "" for the localised default; `greetingDelay`, `greetingScroll`): the bubble shows when due,
   * unless `opened()` says the visitor already opened a chat (greet/trigger.ts).
   */
  arm(host: HTMLElement, data: Record<string, string | undefined>, opened: () => boolean): void;
}
