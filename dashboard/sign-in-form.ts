/**
 * The sign-in form: a site API key (kept by the shell in sessionStorage only). A part of the
 * shell's own tree rather than an element of its own, so it is in the shell's first paint in the
 * language chosen (the no-English-flash check reads the shell's root as it renders).
 */
import { html } from "lit";
import type { Strings } from "./i18n";

/** The form; `onKey` gets the trimmed key when one was entered. */
export function signInForm(t: Strings, error: string, onKey: (key: string) => void) {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const key = new FormData(e.target as HTMLFormElement).get("key")?.toString().trim() ?? "";
    if (key) onKey(key);
  };
  return html`<main>
    <form class="card signin" @submit=${submit} aria-labelledby="signin-h">
        <h2 id="signin-h">${t.signInTitle}</h2>
        <label>${t.apiKey}
          <input name="key" type="password" autocomplete="off" required maxlength="256"
            aria-describedby="key-help${error ? " key-error" : ""}" /></label>
        <p id="key-help" class="muted">${t.keyHelp}</p>
        ${error ? html`<p id="key-error" class="error" role="alert">${error}</p>` : ""}
        <button class="primary" type="submit">${t.signIn}</button>
    </form>
  </main>`;
}
