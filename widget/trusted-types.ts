/**
 * Trusted Types (`require-trusted-types-for 'script'`): the widget's one policy, `chatref`.
 *
 * Two sinks need it: lit-html's template markup (lit-html asks for a policy named `lit-html`
 * while widget.js is evaluated) and the `src` of widget-qr.js's script tag (qr-loader.ts).
 * lit-html's request is answered with this policy, so a site allows one name
 * (`trusted-types chatref`), and a page that runs Lit itself keeps its own `lit-html` policy: a
 * second policy of that name would throw there unless the page allowed 'allow-duplicates'.
 *
 * This module must be evaluated before lit-html: index.ts imports it first. When the page does not
 * allow `chatref`, creating it throws; that is caught, `blocked` is set, and the button renders a
 * plain chat link with DOM APIs (plain-button.ts) instead of lit-html, whose strings the page
 * would refuse. index.ts reports it once.
 */
import { getConfig } from "./config";

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
        // The QR chunk next to widget.js, and nothing else.
        createScriptURL: (url) => {
          if (url !== getConfig().qrSrc) throw new TypeError(url);
          return url;
        },
      });
    } catch {
      blocked = true;
    }
  }
  try {
    // lit-html, evaluated next, calls createPolicy("lit-html") once: it gets ours, and the
    // factory gets its own method back at once (nothing else runs in between).
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
