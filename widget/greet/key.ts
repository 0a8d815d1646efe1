/**
 * Where a dismissed greeting is remembered: `localStorage["chatref:greeting"]` holds the
 * `data-greeting` value that was dismissed, so the same greeting stays away and a new text shows
 * once. widget.js reads it before fetching widget-greet.js (none is fetched for a dismissed one).
 */
export const GREETING_KEY = "chatref:greeting";
