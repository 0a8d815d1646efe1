/**
 * The shell's top bar: title and the site shown, language picker and, signed in, "Sign out". A part of the shell's
 * own tree (like sign-in-form.ts), so its first paint is already in the language shown.
 */
import { html } from "lit";
import { live } from "lit/directives/live.js";
import { LANG_CODES, LANG_NAMES, type Lang, type Strings } from "./i18n";

/**
 * The bar; `onSignOut` null when signed out (no button); `site` the name of the site the key
 * reads (GET /api/v1/whoami), so a person with several sites knows which one is shown.
 */
export function shellHeader(
  t: Strings,
  locale: Lang,
  onLang: (lang: Lang) => void,
  onSignOut: (() => void) | null,
  site = "",
) {
  return html`<header class="top">
    <div class="name">
      <h1>${t.title}</h1>
      ${site ? html`<span class="site" data-site-name>${site}</span>` : ""}
    </div>
    <div class="tools">
      <label>${t.language}
        <select .value=${live(locale)}
          @change=${(e: Event) => onLang((e.target as HTMLSelectElement).value as Lang)}>
          ${LANG_CODES.map(
            (l) =>
              html`<option value=${l} ?selected=${l === locale} lang=${l}>${LANG_NAMES[l]}</option>`,
          )}
        </select>
      </label>
      ${onSignOut ? html`<button type="button" @click=${onSignOut}>${t.signOut}</button>` : ""}
    </div>
  </header>`;
}
