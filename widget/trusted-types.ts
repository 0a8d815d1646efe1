/**
 * Trusted Types (`require-trusted-types-for 'script'`): the widget's one policy, `chatref`.
 *
 * Two sinks need it: the `src` of the chunks' script tags (chunk-loader.ts) and lit-html's
 * template markup (lit-html, in widget-ui.js, asks for a policy named `lit-html` while it is
 * evaluated). lit-html's request is answered with this policy (`lendPolicy`), so a site allows one
 * name (`trusted-types chatref`), and a page that runs Lit itself keeps its own `lit-html`
 * policy: a second policy of that name would throw there unless the page allowed
 * 'allow-duplicates'.
 *
 * When the page does not allow `chatref`, creating it throws; that is caught, `blocked` is set,
 * and no chunk is loaded: the button (plain DOM, plain-button.ts) still opens the first app, with
 * no chooser and no QR panel. index.ts reports it once.
 */
import type { ChunkName } from "./chunk-api";
import { chunkSrc } from "./config";

/** The two factories of a Trusted Types policy the widget uses. */
interface Policy {
  createHTML(html: string): string;
  createScriptURL(url: string): string;
}

interface Factory {
  createPolicy(name: string, rules: Partial<Policy>): Policy;
}

/** What the `chatref:error` (`trusted_types`) and its one warning tell the site owner. */
export const TT_HINT =
  "Trusted Types: add `trusted-types chatref` to the page's Content-Security-Policy";

/** The `chatref` policy; undefined without Trusted Types, when blocked, or in a second copy. */
export let policy: Policy | undefined;
/** True when the page refused the `chatref` policy: render without lit-html, load no chunk. */
export let blocked = false;

const factory = (globalThis as { trustedTypes?: Factory }).trustedTypes;

if (factory) {
  // A second copy of widget.js does nothing (index.ts): it must not ask for the name again.
  if (!window.__chatref) {
    try {
      policy = factory.createPolicy("chatref", {
        // Called by lit-html only, with template markup from this bundle (values never go there).
        createHTML: (html) => html,
        // The chunks next to widget.js, and nothing else.
        createScriptURL: (url) => {
          if (url !== chunkSrc(/widget-(\w+)\.js/.exec(url)?.[1] as ChunkName))
            throw new TypeError(url);
          return url;
        },
      });
    } catch {
      blocked = true;
    }
  }
}

/** The policy was handed to lit-html once: never again. */
let lent = false;

/**
 * Answers the `lit-html` policy request that lit-html makes while widget-ui.js is evaluated with
 * the `chatref` policy: widget-ui.js calls this first (ui/chunk.ts), and the factory gets its own
 * method back at the first call (nothing else runs in between). This function is on
 * `window.__chatref.rt`, so it lends only once, and only to the widget-ui.js tag the loader
 * inserted (the script running now): other code on the page cannot get the policy through it.
 */
export function lendPolicy(): void {
  try {
    const running = document.currentScript as HTMLScriptElement | null;
    if (!factory || !policy || lent || running?.src !== chunkSrc("ui")) return;
    lent = true;
    const own = Object.getOwnPropertyDescriptor(factory, "createPolicy");
    factory.createPolicy = () => {
      if (own) Object.defineProperty(factory, "createPolicy", own);
      else delete (factory as Partial<Factory>).createPolicy;
      return policy as Policy;
    };
  } catch {
    // A frozen factory: lit-html asks for itself; the page's CSP decides.
  }
}
