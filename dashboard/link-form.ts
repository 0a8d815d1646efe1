/**
 * The new campaign link form (`POST /api/v1/links`): name, UTM tags, optional prefilled message
 * and chat language. The API's validation message shows next to the field it names (which gets
 * the focus); sends `link-created` with the new link.
 *
 * `foldable` (the site has links): on a narrow screen the form folds behind one "Create link"
 * button, so the list is not pushed a screen down; it opens on that button and folds again when
 * the link is created or on "Cancel". Wide screens always show it (the fold is CSS only there).
 */
import { html, LitElement, nothing } from "lit";
import { STRINGS as CHAT_STRINGS } from "../widget/i18n";
import { ApiFailure } from "./api";
import { emit } from "./events";
import { type Lang, strings } from "./i18n";
import { linkFormStyles } from "./link-form.styles";
import { createLink, errorField, type FieldName, type NewLink, TEXT_FIELDS } from "./links-api";
import { panelStyles } from "./panel.styles";
import { attributes, inputs, states } from "./properties";
import { shellStyles } from "./styles";

/** The languages a link's chat message can be in (the API's `lang` enum: the widget's). */
export const CHAT_LANGS = Object.keys(CHAT_STRINGS);

/** A language's name in the interface language ("es" → "Spanish"), else its code. */
function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

interface FormError {
  field: FieldName | null;
  message: string;
}

export class LinkForm extends LitElement {
  static override properties = {
    ...inputs("apiKey", "foldable"),
    ...attributes("locale"),
    ...states("creating", "formError", "formNote", "unfolded"),
  };
  apiKey = "";
  /** Whether the form folds behind a button on a narrow screen. */
  foldable = false;
  /** Opened from its button (a foldable form). */
  unfolded = false;
  locale: Lang = "en";
  creating = false;
  formError: FormError | null = null;
  formNote = "";
  static override styles = [shellStyles, panelStyles, linkFormStyles];

  async #create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const body: Record<string, string> = {};
    for (const [k, v] of data) {
      const value = String(v).trim();
      if (value) body[k] = value;
    }
    this.creating = true;
    this.formNote = "";
    try {
      const link = await createLink(this.apiKey, body as unknown as NewLink);
      this.formError = null;
      form.reset();
      this.formNote = strings(this.locale).links.created;
      this.unfolded = false;
      emit(this, "link-created", { link });
    } catch (err) {
      const message = (err as Error).message;
      this.formError = { field: err instanceof ApiFailure ? errorField(message) : null, message };
      await this.updateComplete;
      const field = this.formError.field;
      if (field) this.renderRoot.querySelector<HTMLElement>(`#f-${field}`)?.focus();
    } finally {
      this.creating = false;
    }
  }

  /** Opens or folds the form; the focus goes to its first field, or back to the button. */
  async #fold(open: boolean): Promise<void> {
    this.unfolded = open;
    if (open) this.formNote = "";
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(open ? "#f-name" : ".fold button")?.focus();
  }

  override render() {
    const t = strings(this.locale).links;
    const folded = this.foldable && !this.unfolded;
    const err = this.formError;
    const labels: Record<(typeof TEXT_FIELDS)[number]["name"], string> = {
      name: t.name,
      utm_source: t.source,
      utm_medium: t.medium,
      utm_campaign: t.campaign,
      utm_content: t.content,
    };
    const errorFor = (field: FieldName) =>
      err?.field === field
        ? html`<p id="f-${field}-error" class="error" role="alert">${t.createFailed}: ${err.message}</p>`
        : nothing;
    const describedBy = (field: FieldName, help: boolean) =>
      [help ? `f-${field}-help` : "", err?.field === field ? `f-${field}-error` : ""]
        .filter(Boolean)
        .join(" ") || nothing;
    const invalid = (field: FieldName) => (err?.field === field ? "true" : "false");
    return html`${
      folded
        ? html`<div class="fold">
            <button type="button" class="primary" aria-expanded="false" aria-controls="new-form"
              @click=${() => this.#fold(true)}><span aria-hidden="true">+ </span>${t.create}</button>
            <p class="ok" role="status">${this.formNote}</p>
          </div>`
        : nothing
    }<form id="new-form" class="new ${folded ? "folded" : ""}" @submit=${this.#create}
      aria-labelledby="new-h" @input=${() => (this.formNote = "")}>
      <h3 id="new-h">${t.newLink}</h3>
      <div class="fields">
        ${TEXT_FIELDS.map(
          (f) => html`<div class="field">
            <label for="f-${f.name}">${labels[f.name]}</label>
            <input id="f-${f.name}" name=${f.name} maxlength=${f.max} autocomplete="off"
              ?required=${f.name === "name"} aria-invalid=${invalid(f.name)}
              aria-describedby=${describedBy(f.name, f.name === "name")} />
            ${f.name === "name" ? html`<p id="f-name-help" class="muted">${t.nameHelp}</p>` : nothing}
            ${errorFor(f.name)}
          </div>`,
        )}
      </div>
      <div class="more-fields">
        <div class="field lang">
          <label for="f-lang">${t.chatLang}</label>
          <select id="f-lang" name="lang" aria-invalid=${invalid("lang")}
            aria-describedby=${describedBy("lang", false)}>
            <option value="">${t.chatLangAuto}</option>
            ${CHAT_LANGS.map((l) => html`<option value=${l}>${languageName(l, this.locale)}</option>`)}
          </select>
          ${errorFor("lang")}
        </div>
        <div class="field msg">
          <label for="f-message">${t.message}</label>
          <textarea id="f-message" name="message" maxlength="300" rows="2"
            aria-invalid=${invalid("message")} aria-describedby=${describedBy("message", true)}></textarea>
          <p id="f-message-help" class="muted">${t.messageHelp}</p>
          ${errorFor("message")}
        </div>
      </div>
      <div class="form-end">
        <button class="primary" type="submit" ?disabled=${this.creating}>${this.creating ? t.creating : t.create}</button>
        ${this.foldable ? html`<button type="button" class="cancel" @click=${() => this.#fold(false)}>${t.cancel}</button>` : nothing}
        ${err && !err.field ? html`<p class="error" role="alert">${t.createFailed}: ${err.message}</p>` : nothing}
        <p class="ok" role="status">${this.formNote}</p>
      </div>
    </form>`;
  }
}

if (!customElements.get("link-form")) customElements.define("link-form", LinkForm);

declare global {
  interface HTMLElementTagNameMap {
    "link-form": LinkForm;
  }
}
