/**
 * The active drill-down filters as chips ("Channel group: Paid Search ×") and "Clear all".
 * Values are text bindings. Sends `filter-remove` with the filter's key, or null for all.
 */
import { html, LitElement, nothing } from "lit";
import { chatAppName } from "./chat-apps";
import { emit } from "./events";
import { filterBarStyles } from "./filter-bar.styles";
import { type Lang, type Strings, strings } from "./i18n";
import { attributes, inputs } from "./properties";
import { shellStyles } from "./styles";
import { FILTER_KEYS, type FilterKey, type Filters } from "./view-state";

/** The name of a filter on its chip. */
function filterName(t: Strings, key: FilterKey): string {
  const names: Record<FilterKey, string> = {
    channel: t.channel,
    source: t.filterSource,
    medium: t.filterMedium,
    campaign: t.campaign,
    placement: t.placement,
    link_id: t.link,
    chat_app: t.chat_app,
  };
  return names[key];
}

export class FilterBar extends LitElement {
  static override properties = {
    ...inputs("filters", "linkLabels"),
    ...attributes("locale"),
  };
  locale: Lang = "en";
  filters: Filters = {};
  /** Campaign-link names by id, for the chip of a `link_id` filter. */
  linkLabels: ReadonlyMap<string, string> = new Map();
  static override styles = [shellStyles, filterBarStyles];

  override render() {
    const t = strings(this.locale).shell;
    const active = FILTER_KEYS.filter((k) => this.filters[k] !== undefined);
    if (!active.length) return nothing;
    const value = (k: FilterKey, v: string) => {
      if (k === "placement") return t[`pl_${v}` as keyof Strings] ?? v;
      if (k === "link_id") return this.linkLabels.get(v) ?? v;
      if (k === "chat_app") return chatAppName(v);
      return v;
    };
    return html`<section class="filter-bar" aria-label=${t.activeFilters}>
      <ul class="chips">
        ${active.map((k) => {
          const name = filterName(t, k);
          const shown = value(k, this.filters[k] ?? "");
          return html`<li class="chip" data-filter=${k}>
            <span class="chip-text">${name}: <bdi>${shown}</bdi></span>
            <button type="button" class="chip-remove" title=${t.removeFilter}
              aria-label=${`${t.removeFilter}: ${name}: ${shown}`}
              @click=${() => emit(this, "filter-remove", { key: k })}>×</button>
          </li>`;
        })}
      </ul>
      <button type="button" class="clear-filters"
        @click=${() => emit(this, "filter-remove", { key: null })}>${t.clearFilters}</button>
    </section>`;
  }
}

if (!customElements.get("filter-bar")) customElements.define("filter-bar", FilterBar);

declare global {
  interface HTMLElementTagNameMap {
    "filter-bar": FilterBar;
  }
}
