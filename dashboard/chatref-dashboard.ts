/**
 * The dashboard shell: sign-in with a site API key (kept in sessionStorage), period / model
 * controls, and the views of one `GET /api/v1/stats` answer. All user data is bound as text.
 * Clicking a breakdown row drills down (an exact-match filter, shown as a removable chip); the
 * view (period, interval, model, comparison, filters) lives in the URL (view-state.ts), so it
 * can be bookmarked and the back button undoes a drill-down. The API key never goes there.
 *
 * Only English is in the main bundle: another language is rendered once its chunk is loaded
 * (i18n.ts), nothing before on the first paint, so a Russian user never sees English flash; the
 * panels get a language only once it is loaded, and a chunk that fails to load means English.
 */
import { html, LitElement, nothing } from "lit";
import { live } from "lit/directives/live.js";
import {
  ApiFailure,
  type BreakdownRow,
  fetchStats,
  fetchUnverifiedOptins,
  fetchWhoami,
  type Stats,
} from "./api";
import type { RowSelectEvent } from "./data-table";
import { formatNumber, localDate, nextDay } from "./format";
import {
  direction,
  isLang,
  isLoaded,
  LANG_CODES,
  LANG_NAMES,
  type Lang,
  loadLang,
  pickLang,
  type Strings,
  strings,
} from "./i18n";
import { shellStyles } from "./styles";
import {
  FILTER_KEYS,
  type FilterKey,
  type Filters,
  hasFilters,
  type Interval,
  parseView,
  rowFilters,
  type Touch,
  type ViewState,
  viewSearch,
} from "./view-state";
import { attributionShare, breakdownTable, kpiCards, unverifiedNotice } from "./views";
import "./data-table";
import "./forwarding-panel";
import "./leads-panel";
import "./links-panel";
import "./series-chart";

const KEY_STORAGE = "chatref.apiKey";
const LANG_STORAGE = "chatref.lang";
/** The breakdowns the dashboard shows, in order. */
export const DASHBOARD_GROUPS = [
  "channel",
  "source_medium",
  "campaign",
  "landing_page",
  "placement",
  "link",
] as const;

export class ChatrefDashboard extends LitElement {
  static override properties = {
    apiKey: { state: true },
    readOnly: { state: true },
    locale: { state: true },
    ready: { state: true },
    from: { state: true },
    to: { state: true },
    compare: { state: true },
    touch: { state: true },
    interval: { state: true },
    filters: { state: true },
    stats: { state: true },
    unverified: { state: true },
    loading: { state: true },
    error: { state: true },
    signInError: { state: true },
  };
  apiKey = sessionStorage.getItem(KEY_STORAGE) ?? "";
  /** The language shown, always a loaded one (the chosen one, or English when it failed). */
  locale: Lang = "en";
  /** False until the first language is loaded: until then nothing is rendered. */
  ready = false;
  /** The period's first and last local day (inclusive); empty until the API says its default. */
  from = "";
  to = "";
  compare = true;
  touch: Touch = "first";
  interval: Interval = "day";
  /** Drill-down filters: exact values of the API's filter parameters. */
  filters: Filters = {};
  stats: Stats | null = null;
  /** Opt-ins waiting for their text to be registered (read capped at 100), and whether more. */
  unverified = { n: 0, more: false };
  loading = false;
  error = "";
  signInError = "";
  /** The key's scope is `read` (GET /api/v1/whoami): the panels hide their write actions. */
  readOnly = false;
  #scopeOf = "";
  #request = 0;
  #langRequest = 0;
  /** Settles when the language last asked for is shown. */
  #langShown: Promise<Lang> = Promise.resolve("en");
  /** Whether the period was chosen (or came from the URL); else the API's default, followed. */
  #periodSet = false;
  /** Campaign-link names seen in answers, for the chip of a `link_id` filter. */
  #linkLabels = new Map<string, string>();
  static override styles = shellStyles;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.ready) this.#applyLang();
    else {
      const stored = sessionStorage.getItem(LANG_STORAGE);
      this.#langShown = this.#useLang(isLang(stored) ? stored : pickLang(navigator.languages));
    }
    this.#applyView(parseView(location.search));
    addEventListener("popstate", this.#onPopState);
    if (this.apiKey) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener("popstate", this.#onPopState);
  }

  /** Back / forward: the view of that URL. */
  #onPopState = (): void => {
    this.#applyView(parseView(location.search));
    if (this.apiKey) void this.load();
  };

  #applyView(v: ViewState): void {
    this.#periodSet = Boolean(v.from && v.to);
    if (this.#periodSet) {
      this.from = v.from;
      this.to = v.to;
    }
    this.interval = v.interval;
    this.touch = v.touch;
    this.compare = v.compare;
    this.filters = v.filters;
  }

  /** A new history entry for the current view (unless the URL already says it), then loads. */
  #commit(): void {
    const search = viewSearch({
      from: this.#periodSet ? this.from : "",
      to: this.#periodSet ? this.to : "",
      interval: this.interval,
      touch: this.touch,
      compare: this.compare,
      filters: this.filters,
    });
    if (search !== location.search.replace(/^\?/, ""))
      history.pushState(
        null,
        "",
        `${location.pathname}${search ? `?${search}` : ""}${location.hash}`,
      );
    void this.load();
  }

  get #params(): Record<string, string> {
    const filters: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const v = this.filters[k];
      if (v !== undefined) filters[k] = v;
    }
    return {
      ...(this.#periodSet && this.from && this.to ? { from: this.from, to: nextDay(this.to) } : {}),
      ...filters,
      interval: this.interval,
      touch: this.touch,
      group_by: DASHBOARD_GROUPS.join(","),
      ...(this.compare ? { compare: "previous" } : {}),
    };
  }

  async load(): Promise<void> {
    const id = ++this.#request;
    this.loading = true;
    if (this.#scopeOf !== this.apiKey) {
      const key = this.apiKey;
      this.#scopeOf = key;
      fetchWhoami(key)
        .then((w) => {
          if (key === this.apiKey) this.readOnly = w.scope !== "full";
        })
        .catch(() => {});
    }
    try {
      const [stats, waiting] = await Promise.all([
        fetchStats(this.apiKey, this.#params),
        // A notice only: its failure never hides the stats.
        fetchUnverifiedOptins(this.apiKey).catch(() => null),
      ]);
      if (id !== this.#request) return;
      if (waiting) this.unverified = { n: waiting.data.length, more: !!waiting.next_cursor };
      // No period chosen: the API's default (the last 30 days in the site's zone).
      if (!this.#periodSet) {
        this.from = localDate(Date.parse(stats.from), stats.timezone);
        this.to = localDate(Date.parse(stats.to) - 1, stats.timezone);
      }
      for (const r of stats.breakdowns.link?.rows ?? [])
        if (r.key !== null && r.label) this.#linkLabels.set(r.key, r.label);
      this.stats = stats;
      this.error = "";
    } catch (e) {
      if (id !== this.#request) return;
      if (e instanceof ApiFailure && e.status === 401) {
        // The message in the language about to be shown, not English before its chunk is in.
        await this.#langShown;
        if (id === this.#request) this.signOut(strings(this.locale).shell.wrongKey);
        return;
      }
      this.error = (e as Error).message;
    } finally {
      if (id === this.#request) this.loading = false;
    }
  }

  signOut(message = ""): void {
    sessionStorage.removeItem(KEY_STORAGE);
    this.apiKey = "";
    this.stats = null;
    this.signInError = message;
  }

  #signIn(e: SubmitEvent): void {
    e.preventDefault();
    const key = new FormData(e.target as HTMLFormElement).get("key")?.toString().trim() ?? "";
    if (!key) return;
    sessionStorage.setItem(KEY_STORAGE, key);
    this.apiKey = key;
    this.signInError = "";
    void this.load();
  }

  #set(field: "from" | "to" | "interval" | "touch" | "compare", value: string | boolean): void {
    if (field === "from" || field === "to") {
      // A cleared or impossible date input keeps the period as it was.
      if (typeof value !== "string" || !value) {
        this.requestUpdate();
        return;
      }
      this.#periodSet = true;
    }
    (this as Record<string, unknown>)[field] = value;
    this.#commit();
  }

  /** Drill-down: adds the filters of a breakdown row (a source / medium row sets both). */
  #drill(by: string, row: BreakdownRow | undefined): void {
    const add = row ? rowFilters(by, row.key) : null;
    if (!row || !add || hasFilters(this.filters, add)) return;
    if (add.link_id && row.label) this.#linkLabels.set(add.link_id, row.label);
    this.filters = { ...this.filters, ...add };
    this.#commit();
  }

  #removeFilter(key: FilterKey | null): void {
    const filters = { ...this.filters };
    if (key === null) for (const k of FILTER_KEYS) delete filters[k];
    else delete filters[key];
    this.filters = filters;
    this.#commit();
  }

  /** The picker's choice: shown (and kept for the tab) once its strings are loaded. */
  async #setLang(lang: Lang): Promise<void> {
    this.#langShown = this.#useLang(lang);
    if ((await this.#langShown) === lang) sessionStorage.setItem(LANG_STORAGE, lang);
  }

  /**
   * Shows `lang` once loaded: at once when it is, else after its chunk (English when that
   * fails); a later choice made meanwhile wins. Resolves to the language shown.
   */
  async #useLang(lang: Lang): Promise<Lang> {
    const request = ++this.#langRequest;
    const shown = isLoaded(lang) ? lang : await loadLang(lang);
    if (request === this.#langRequest) {
      this.locale = shown;
      this.ready = true;
      this.#applyLang();
      // Also when `shown` was shown already (a failed switch): the picker then says it again.
      this.requestUpdate();
    }
    return shown;
  }

  /** `lang` and `dir` (Arabic: right to left) of the page and of this element. */
  #applyLang(): void {
    const dir = direction(this.locale);
    for (const el of [document.documentElement, this]) {
      el.lang = this.locale;
      el.dir = dir;
    }
  }

  override render() {
    if (!this.ready) return nothing;
    const t = strings(this.locale).shell;
    return html`
      <header class="top">
        <h1>${t.title}</h1>
        <div class="tools">
          <label>${t.language}
            <select .value=${live(this.locale)}
              @change=${(e: Event) => void this.#setLang((e.target as HTMLSelectElement).value as Lang)}>
              ${LANG_CODES.map(
                (l) =>
                  html`<option value=${l} ?selected=${l === this.locale} lang=${l}>${LANG_NAMES[l]}</option>`,
              )}
            </select>
          </label>
          ${this.apiKey ? html`<button type="button" @click=${() => this.signOut()}>${t.signOut}</button>` : ""}
        </div>
      </header>
      ${this.apiKey ? this.#dashboard() : this.#signInForm()}
    `;
  }

  /** The active filters as chips ("Channel group: Paid Search ×") and "clear all"; none: nothing. */
  #filterBar() {
    const t = strings(this.locale).shell;
    const active = FILTER_KEYS.filter((k) => this.filters[k] !== undefined);
    if (!active.length) return nothing;
    const value = (k: FilterKey, v: string) => {
      if (k === "placement") return t[`pl_${v}` as keyof Strings] ?? v;
      if (k === "link_id") return this.#linkLabels.get(v) ?? v;
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
              @click=${() => this.#removeFilter(k)}>×</button>
          </li>`;
        })}
      </ul>
      <button type="button" class="clear-filters"
        @click=${() => this.#removeFilter(null)}>${t.clearFilters}</button>
    </section>`;
  }

  #signInForm() {
    const t = strings(this.locale).shell;
    return html`<main>
      <form class="card signin" @submit=${this.#signIn} aria-labelledby="signin-h">
          <h2 id="signin-h">${t.signInTitle}</h2>
          <label>${t.apiKey}
            <input name="key" type="password" autocomplete="off" required maxlength="256"
              aria-describedby="key-help${this.signInError ? " key-error" : ""}" /></label>
          <p id="key-help" class="muted">${t.keyHelp}</p>
          ${this.signInError ? html`<p id="key-error" class="error" role="alert">${this.signInError}</p>` : ""}
          <button class="primary" type="submit">${t.signIn}</button>
      </form>
    </main>`;
  }

  #dashboard() {
    const t = strings(this.locale).shell;
    const s = this.stats;
    const lang = this.locale;
    const linkLabel = (r: BreakdownRow) => r.label ?? r.key ?? t.noLink;
    const label = (by: string) => (r: BreakdownRow) => {
      if (by === "link") return linkLabel(r);
      if (r.key === null) return t.notSet;
      if (by === "placement") return t[`pl_${r.key}` as keyof typeof t] ?? r.key;
      return r.key;
    };
    return html`<main aria-busy=${this.loading ? "true" : "false"}>
      <section class="card" aria-labelledby="filters-h">
        <h2 id="filters-h">${t.filters}</h2>
        <div class="controls">
          <label>${t.from}<input type="date" .value=${live(this.from)} max=${this.to}
            @change=${(e: Event) => this.#set("from", (e.target as HTMLInputElement).value)} /></label>
          <label>${t.to}<input type="date" .value=${live(this.to)} min=${this.from}
            @change=${(e: Event) => this.#set("to", (e.target as HTMLInputElement).value)} /></label>
          <label>${t.interval}<select @change=${(e: Event) => this.#set("interval", (e.target as HTMLSelectElement).value)}>
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
                  @change=${() => this.#set("touch", m)} />${t[m]}</label>`,
              )}
            </div>
          </fieldset>
          <label class="check"><input type="checkbox" .checked=${this.compare}
            @change=${(e: Event) => this.#set("compare", (e.target as HTMLInputElement).checked)} />${t.compare}</label>
        </div>
        ${s ? html`<p class="muted">${t.timeZone}: <bdi>${s.timezone}</bdi></p>` : ""}
        <p class="muted" role="status">${this.loading ? t.loading : ""}</p>
        ${
          this.error
            ? html`<p class="error" role="alert">${t.failed}: ${this.error}
                <button type="button" @click=${() => this.load()}>${t.retry}</button></p>`
            : ""
        }
      </section>
      ${this.#filterBar()}
      ${
        s
          ? html`
        <section aria-label=${t.conversations}>${kpiCards(lang, t, s, s.previous, Object.keys(s.filters ?? {}).length > 0)}${unverifiedNotice(t, this.unverified.n, this.unverified.more)}</section>
        <section class="card" aria-labelledby="attr-h">
          <h2 id="attr-h">${t.attribution}</h2>
          ${attributionShare(lang, t, s)}
        </section>
        <section class="card" aria-labelledby="chart-h">
          <h2 id="chart-h">${t.chart}</h2>
          <series-chart locale=${lang} .labels=${s.series.map((b) => b.period)} summary=${`${t.chartLabel}: ${t.conversations} ${formatNumber(lang, s.kpis.conversations)}, ${t.chatClicks} ${formatNumber(lang, s.kpis.chat_clicks)}`}
            .lines=${[
              {
                label: t.conversations,
                values: s.series.map((b) => b.conversations),
                color: "#0b7a4b",
              },
              {
                label: t.chatClicks,
                values: s.series.map((b) => b.chat_clicks),
                color: "#1a5fb4",
              },
              ...(s.previous
                ? [
                    {
                      label: `${t.conversations} (${t.previous})`,
                      values: s.previous.series.map((b) => b.conversations),
                      color: "#6b7785",
                      dashed: true,
                    },
                  ]
                : []),
            ]}></series-chart>
        </section>
        <div class="tables">
          ${DASHBOARD_GROUPS.map((by) => {
            const b = s.breakdowns[by];
            const rows = b?.rows ?? [];
            const table = breakdownTable(lang, t, t[by], rows, label(by));
            // Rows with an exact value not yet filtered on drill down; (not set) cannot.
            const actions = rows.map((r) => {
              const add = rowFilters(by, r.key);
              return add && !hasFilters(this.filters, add) ? t.filterBy : null;
            });
            return html`<section class="card" data-breakdown=${by}>
              <data-table .heading=${t[by]} .columns=${table.columns} .rows=${table.rows}
                .actions=${actions} @row-select=${(e: RowSelectEvent) => this.#drill(by, rows[e.detail.index])}
                file-name=${`chatref-${by}-${this.touch}-${this.from}-${this.to}`}
                export-label=${t.exportCsv} empty-text=${t.empty} note=${b?.truncated ? t.truncated : ""}></data-table>
            </section>`;
          })}
        </div>
        <leads-panel .apiKey=${this.apiKey} locale=${this.locale} tz=${s.timezone}
          from=${s.from} to=${s.to} touch=${s.touch} .filters=${s.filters ?? {}}></leads-panel>
        <links-panel .apiKey=${this.apiKey} .readOnly=${this.readOnly} locale=${this.locale} tz=${s.timezone}></links-panel>
        <forwarding-panel .apiKey=${this.apiKey} .readOnly=${this.readOnly} locale=${this.locale} tz=${s.timezone}
          from=${s.from} to=${s.to}></forwarding-panel>`
          : ""
      }
    </main>`;
  }
}

/** The name of a filter on its chip. */
function filterName(t: Strings, key: FilterKey): string {
  const names: Record<FilterKey, string> = {
    channel: t.channel,
    source: t.filterSource,
    medium: t.filterMedium,
    campaign: t.campaign,
    placement: t.placement,
    link_id: t.link,
  };
  return names[key];
}

if (!customElements.get("chatref-dashboard"))
  customElements.define("chatref-dashboard", ChatrefDashboard);

declare global {
  interface HTMLElementTagNameMap {
    "chatref-dashboard": ChatrefDashboard;
  }
}
