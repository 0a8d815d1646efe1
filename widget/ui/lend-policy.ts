/** Imported first by ui/chunk.ts: lit-html, evaluated next, gets the `chatref` policy. */
import { lendPolicy } from "../runtime";

try {
  lendPolicy();
} catch {
  // Included by hand without widget.js: no policy to lend, and nothing to throw into the page.
}
