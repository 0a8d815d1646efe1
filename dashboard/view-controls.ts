/**
 * The view's controls: the period's first and last local day, the interval, the touch model, the
 * comparison with the previous period and the chat app (a filter, also set by a drill-down into
 * the chat-app table), and whether inferred conversations count ("Include inferred conversations",
 * on by default; off: `inferred=exclude`, kept with the filters). Sends `view-change` per change; a cleared or impossible date is not sent
 * and the input shows the period as it was.
 */
import { html, LitElement } from "lit";
import { live } from "lit/directives/live.js";
import { CHAT_APPS, chatAppName, isChatApp } from "./chat-apps";
import { emit } from "./events";
import { type Lang, strings } from "./i18n";
import { attributes, inputs } from "./properties";
import { shellStyles } from "./styles";
import { viewControlsStyles } from "./view-controls.styles";
import type { Filters, Interval, Touch } from "./view-state";

export class ViewControls extends LitElement {
  static override properties = {
    ...inputs("compare", "filters"),
    ...attributes("locale", "from", "to", "interval", "touch"),
  };
  locale: Lang = "en";
  /** The period's first and last local day (inclusive). */
  from = "";
  to = "";
  interval: Interval = "day";
  touch: Touch = "first";
  compare = true;
  /** The view's filters: the chat app's is chosen here, the others kept as they are. */
  filters: Filters = {};
  static override styles = [shellStyles, viewControlsStyles];

  #date(field: "from" | "to", e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    // A cleared or impossible date input keeps the period as it was.
    if (!value) this.requestUpdate();
    else emit(this, "view-change", { field, value });
  }

  #chatApp(value: string): void {
    const filters = { ...this.filters };
    if (isChatApp(value)) filters.chat_app = value;
    else delete filters.chat_app;
    emit(this, "view-change", { field: "filters", value: filters });
  }

  #inferred(include: boolean): void {
    const filters = { ...this.filters };
    if (include) delete filters.inferred;
    else filters.inferred = "exclude";
    emit(this, "view-change", { field: "filters", value: filters });
  }

  override render() {
    const t = strings(this.locale).shell;
    const app = this.filters.chat_app ?? "";
    return html`<div class="controls">
      <label>${t.from}<input type="date" .value=${live(this.from)} max=${this.to}
        @change=${(e: Event) => this.#date("from", e)} /></label>
      <label>${t.to}<input type="date" .value=${live(this.to)} min=${this.from}
        @change=${(e: Event) => this.#date("to", e)} /></label>
      <label>${t.interval}<select @change=${(e: Event) => emit(this, "view-change", { field: "interval", value: (e.target as HTMLSelectElement).value as Interval })}>
        ${(["day", "week", "month"] as const).map(
          (i) => html`<option value=${i} ?selected=${i === this.interval}>${t[i]}</option>`,
        )}</select></label>
      <fieldset>
        <legend>${t.touchModel}</legend>
        <div class="seg">
          ${(["first", "last"] as const).map(
            (
              m,
            ) => html`<label><input type="radio" name="touch" value=${m} .checked=${this.touch === m}
              @change=${() => emit(this, "view-change", { field: "touch", value: m })} />${t[m]}</label>`,
          )}
        </div>
      </fieldset>
      <label>${t.chat_app}<select name="chat_app" .value=${live(app)}
        @change=${(e: Event) => this.#chatApp((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!app}>${t.allChatApps}</option>
        ${CHAT_APPS.map((a) => html`<option value=${a} ?selected=${a === app}>${chatAppName(a)}</option>`)}</select></label>
      <label class="check"><input type="checkbox" .checked=${this.compare}
        @change=${(e: Event) => emit(this, "view-change", { field: "compare", value: (e.target as HTMLInputElement).checked })} />${t.compare}</label>
      <label class="check"><input type="checkbox" name="inferred" .checked=${live(this.filters.inferred !== "exclude")}
        @change=${(e: Event) => this.#inferred((e.target as HTMLInputElement).checked)} />${t.includeInferred}</label>
    </div>`;
  }
}

if (!customElements.get("view-controls")) customElements.define("view-controls", ViewControls);

declare global {
  interface HTMLElementTagNameMap {
    "view-controls": ViewControls;
  }
}
