/**
 * The dashboard shell: sign-in with a site API key (kept in sessionStorage), period / model
 * controls, and the views of one `GET /api/v1/stats` answer. All user data is bound as text.
 * Clicking a breakdown row drills down (an exact-match filter, shown as a removable chip); the
 * view (period, interval, model, comparison, filters) lives in the URL (view-state.ts), so it
 * can be bookmarked and the back button undoes a drill-down. The API key never goes there.
 *
 * Its parts: shell-header.ts, sign-in-form.ts, setup-checklist.ts (while a set-up step is open),
 * realtime-strip.ts (the last 30 minutes), view-card.ts, filter-bar.ts, stats-sections.ts, then
 * the leads, links and forwarding panels (site-panels.ts: chunks of their own, loaded lazily). The language (lang-controller.ts)
 * is one already loaded: nothing renders before it, and the panels get no other.
 */
import { html, LitElement, nothing } from "lit";
import {
  ApiFailure,
  type BreakdownRow,
  fetchStats,
  fetchUnverifiedOptins,
  fetchWhoami,
  type Stats,
} from "./api";
import type { DashboardEvent } from "./events";
import { localDate } from "./format";
import { type Lang, strings } from "./i18n";
import { LangController } from "./lang-controller";
import { states } from "./properties";
import { shellHeader } from "./shell-header";
import { signInForm } from "./sign-in-form";
import { sitePanels } from "./site-panels";
import { DASHBOARD_GROUPS, statsSections } from "./stats-sections";
import { shellStyles } from "./styles";
import { pushView, viewCard } from "./view-card";
import {
  FILTER_KEYS,
  type FilterKey,
  type Filters,
  hasFilters,
  type Interval,
  parseView,
  rowFilters,
  statsParams,
  type Touch,
  type ViewState,
  viewSearch,
} from "./view-state";
import "./filter-bar";
import "./realtime-strip";
import "./setup-checklist";
import { defineElement } from "./define-element";

const KEY_STORAGE = "chatref.apiKey";

export class ChatrefDashboard extends LitElement {
  static override properties = {
    // The view's settings, then the API's answer and its progress.
    ...states("apiKey", "readOnly", "siteName"),
    ...states("from", "to", "compare", "touch", "interval", "filters"),
    ...states("stats", "unverified", "loading", "error", "signInError"),
  };
  apiKey = sessionStorage.getItem(KEY_STORAGE) ?? "";
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
  /** The name of the key's site (GET /api/v1/whoami), shown in the header. */
  siteName = "";
  #scopeOf = "";
  #request = 0;
  #lang = new LangController(this);
  /** Whether the period was chosen (or came from the URL); else the API's default, followed. */
  #periodSet = false;
  /** Campaign-link names seen in answers, for the chip of a `link_id` filter. */
  #linkLabels = new Map<string, string>();
  static override styles = shellStyles;

  /** The language shown (lang-controller.ts). */
  get locale(): Lang {
    return this.#lang.locale;
  }

  override connectedCallback(): void {
    super.connectedCallback();
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
    pushView(viewSearch(this.#view));
    void this.load();
  }

  /** The view as the URL and the stats request say it: no period chosen, none said. */
  get #view(): ViewState {
    return {
      from: this.#periodSet ? this.from : "",
      to: this.#periodSet ? this.to : "",
      interval: this.interval,
      touch: this.touch,
      compare: this.compare,
      filters: this.filters,
    };
  }

  async load(): Promise<void> {
    const id = ++this.#request;
    this.loading = true;
    if (this.#scopeOf !== this.apiKey) {
      const key = this.apiKey;
      this.#scopeOf = key;
      this.siteName = "";
      fetchWhoami(key)
        .then((w) => {
          if (key !== this.apiKey) return;
          this.readOnly = w.scope !== "full";
          this.siteName = w.site_name;
        })
        .catch(() => {});
    }
    try {
      const [stats, waiting] = await Promise.all([
        fetchStats(this.apiKey, statsParams(this.#view, DASHBOARD_GROUPS)),
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
        await this.#lang.shown;
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

  #signIn(key: string): void {
    sessionStorage.setItem(KEY_STORAGE, key);
    this.apiKey = key;
    this.signInError = "";
    void this.load();
  }

  #onViewChange({ detail: change }: DashboardEvent<"view-change">): void {
    if (change.field === "from" || change.field === "to") this.#periodSet = true;
    Object.assign(this, { [change.field]: change.value });
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

  override render() {
    if (!this.#lang.ready) return nothing;
    const t = strings(this.locale).shell;
    return html`
      ${shellHeader(
        t,
        this.locale,
        (lang) => void this.#lang.choose(lang),
        this.apiKey ? () => this.signOut() : null,
        this.apiKey ? this.siteName : "",
      )}
      ${this.apiKey ? this.#dashboard() : signInForm(t, this.signInError, (key) => this.#signIn(key))}
    `;
  }

  #dashboard() {
    const t = strings(this.locale).shell;
    const s = this.stats;
    const site = { apiKey: this.apiKey, locale: this.locale, tz: s?.timezone ?? "UTC" };
    return html`<main aria-busy=${this.loading ? "true" : "false"}>
      <setup-checklist .apiKey=${site.apiKey} locale=${site.locale} tz=${site.tz}></setup-checklist>
      <realtime-strip .apiKey=${site.apiKey} locale=${site.locale} tz=${site.tz}></realtime-strip>
      ${viewCard({
        t,
        locale: this.locale,
        view: this,
        timezone: s?.timezone,
        loading: this.loading,
        error: this.error,
        onChange: (e) => this.#onViewChange(e),
        onRetry: () => void this.load(),
      })}
      ${
        FILTER_KEYS.some((k) => this.filters[k] !== undefined)
          ? html`<filter-bar locale=${this.locale} .filters=${this.filters} .linkLabels=${this.#linkLabels}
              @filter-remove=${(e: DashboardEvent<"filter-remove">) => this.#removeFilter(e.detail.key)}></filter-bar>`
          : nothing
      }
      ${
        s
          ? html`${statsSections({
              lang: this.locale,
              t,
              stats: s,
              filters: this.filters,
              touch: this.touch,
              from: this.from,
              to: this.to,
              unverified: this.unverified,
              onDrill: (by, row) => this.#drill(by, row),
            })}
            ${sitePanels({ apiKey: this.apiKey, readOnly: this.readOnly, locale: this.locale, stats: s })}`
          : ""
      }
    </main>`;
  }
}

defineElement("chatref-dashboard", ChatrefDashboard);

declare global {
  interface HTMLElementTagNameMap {
    "chatref-dashboard": ChatrefDashboard;
  }
}
