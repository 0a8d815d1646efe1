/**
 * Forwarding (`/api/v1/destinations`, `/api/v1/deliveries`): each destination of the site with
 * its key setting, enabled or not, and its health over the dashboard's period from the delivery
 * log (sent / waiting / retrying / dead / skipped, last success, latest error); enable / disable;
 * "Send past leads" (a backfill: a dry run with the API's counts, then a confirmation); and the
 * deliveries that need attention (dead and retrying, newest first, "load more"), with Retry on
 * the dead ones. Creating destinations and entering credentials stay with the API and the CLI.
 *
 * Names are written by people and errors come from remote servers: every value is a Lit text
 * binding (never HTML), and nothing sets a `style` attribute (the CSP refuses inline styles).
 */
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { textDir } from "./data-table";
import { fill, formatDateTime, formatNumber, localDate, nextDay } from "./format";
import {
  type BackfillResult,
  backfill,
  type Delivery,
  type Destination,
  getDelivery,
  HEALTH_STATUSES,
  type Health,
  keySetting,
  listDestinations,
  localMidnight,
  MergedDeliveries,
  retryDelivery,
  setDisabled,
  siteHealth,
} from "./forwarding-api";
import { type Lang, strings } from "./i18n";
import { shellStyles } from "./styles";

/** Rows of the attention list shown per "load more". */
const PAGE = 25;
/** After a retry: how often and how many times the delivery is read back for its outcome. */
const RETRY_POLL_MS = 1000;
const RETRY_POLLS = 20;

const panelStyles = css`
  h3 { margin: 0; font-size: 15px; }
  .intro { margin: 0 0 6px; max-width: 75ch; }
  .hint { margin: 0 0 12px; max-width: 75ch; }
  .bar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; }
  .bar button { font-size: 13px; min-height: 32px; padding: 4px 10px; }
  .period { margin: 4px 0 10px; }
  .dests { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 330px), 1fr)); align-items: start; }
  .dest { border: 1px solid #d5dbe1; border-radius: 8px; padding: 12px; display: grid; gap: 8px; min-width: 0; }
  .dest.off { background: #f7f9fa; }
  .dest-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 6px 8px; }
  .dest h4 { margin: 0; font-size: 15px; min-width: 0; overflow-wrap: anywhere; }
  .kind { display: inline-block; padding: 1px 8px; border-radius: 4px; font-size: 12px; font-weight: 700;
    background: #e8eef9; color: #1a4a8f; white-space: nowrap; }
  .kind.meta_capi { background: #ece8f9; color: #47308f; }
  .kind.webhook { background: #eef0f2; color: #2f3a45; }
  .status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
    white-space: nowrap; }
  .status.on { background: #e3f4ea; color: #0b5d3b; }
  .status.off { background: #eceff2; color: #3e4a56; }
  .status.dead { background: #fbe9e7; color: #8c1d18; }
  .status.retrying { background: #fff4d6; color: #6b4a00; }
  .status.sent { background: #e3f4ea; color: #0b5d3b; }
  .status.pending, .status.skipped { background: #eceff2; color: #3e4a56; }
  .setting, .meta { margin: 0; font-size: 13px; overflow-wrap: anywhere; }
  .setting .label, .meta .label { color: #4a5561; }
  .counts { display: flex; flex-wrap: wrap; gap: 4px; margin: 0; }
  .counts > div { flex: 1 0 auto; min-width: 3.4em; border: 1px solid #e3e6ea; border-radius: 6px; padding: 4px 6px;
    background: #fff; }
  .counts dt { font-size: 11px; color: #3e4a56; overflow-wrap: anywhere; }
  .counts dd { margin: 0; font-size: 17px; font-weight: 650; font-variant-numeric: tabular-nums; }
  .counts .warn dd { color: #8c1d18; }
  .err-text { display: block; margin-top: 2px; padding: 4px 6px; border-radius: 4px; background: #fbe9e7;
    color: #5f1410; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px;
    overflow-wrap: anywhere; white-space: pre-wrap; max-height: 7.5em; overflow-y: auto; }
  .dest-actions { display: flex; flex-wrap: wrap; gap: 8px; }
  .dest-actions button { font-size: 13px; min-height: 32px; padding: 4px 10px; }
  button[aria-expanded="true"] { background: #e8f1ec; border-color: #0b5d3b; }
  .ok { color: #0b6b2f; font-weight: 600; }
  .note { margin: 0; font-size: 13px; }
  .note.ok { font-weight: 400; }
  .note:empty { display: none; }
  .backfill { border-top: 1px solid #e3e6ea; padding-top: 10px; display: grid; gap: 8px; }
  .backfill h5 { margin: 0; font-size: 14px; }
  .backfill p { margin: 0; font-size: 13px; }
  .range { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; }
  .range label { flex: 1 1 130px; }
  .range input { width: 100%; }
  .result { display: grid; gap: 2px; margin: 0; font-size: 13px; max-width: 28em; }
  .result > div { display: flex; justify-content: space-between; gap: 12px; }
  .result dt { color: #3e4a56; }
  .result dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
  .result .total { border-top: 1px solid #d5dbe1; padding-top: 2px; }
  .result .total dt { color: #1f2933; font-weight: 600; }
  .window { padding: 6px 8px; border-inline-start: 3px solid #1a5fb4; background: #f1f5fb; }
  .attention { margin-top: 18px; border-top: 1px solid #e3e6ea; padding-top: 12px; container-type: inline-size; }
  .attention .intro { margin-top: 4px; }
  .scroll { overflow-x: auto; margin-top: 8px; }
  .scroll:focus-visible { outline: 3px solid #1a73e8; }
  table { width: 100%; border-collapse: collapse; font-size: 13px; }
  th, td { padding: 6px 8px; border-bottom: 1px solid #e3e6ea; text-align: start; vertical-align: top; }
  thead th { font-weight: 600; color: #3e4a56; white-space: nowrap; }
  td { overflow-wrap: anywhere; }
  td.lead { min-width: 9em; }
  td.error-cell { min-width: 14em; }
  td.error-cell .err-text { margin-top: 0; }
  td.date { white-space: nowrap; }
  .num { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; }
  td.act { min-width: 8em; }
  td.act button { font-size: 13px; min-height: 32px; padding: 4px 10px; white-space: nowrap; }
  td.act p { margin: 4px 0 0; font-size: 12px; }
  .more { margin: 10px 0 0; }
  @container (max-width: 760px) {
    thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    table, tbody, tr, td { display: block; }
    tbody tr { border: 1px solid #d5dbe1; border-radius: 8px; margin-bottom: 10px; padding: 6px 0; background: #fff; }
    td { border: 0; padding: 3px 10px; }
    td[data-label] { display: grid; grid-template-columns: minmax(7em, 35%) minmax(0, 1fr); gap: 8px; }
    td[data-label] > * { justify-self: start; }
    td[data-label]::before { content: attr(data-label); font-weight: 600; color: #3e4a56; }
    td.error-cell[data-label] > .err-text { justify-self: stretch; }
    .num { text-align: start; }
    td.act { padding-top: 6px; }
  }
`;

/** The open "Send past leads" form of one destination. */
interface BackfillState {
  id: string;
  since: string;
  until: string;
  busy: boolean;
  /** The dry run's counts (the confirmation sends exactly that range). */
  preview: BackfillResult | null;
  /** The answer of the real run. */
  done: BackfillResult | null;
  error: string;
}

/** What a Retry did, shown in its row. */
interface RetryNote {
  kind: "busy" | "ok" | "error" | "info";
  text: string;
  /** An error text from the remote server, shown as text next to `text`. */
  detail?: string;
}

export class ForwardingPanel extends LitElement {
  static override properties = {
    apiKey: { attribute: false },
    readOnly: { attribute: false },
    locale: {},
    tz: {},
    from: {},
    to: {},
    destinations: { state: true },
    health: { state: true },
    healthError: { state: true },
    listError: { state: true },
    loaded: { state: true },
    attention: { state: true },
    attentionMore: { state: true },
    attentionError: { state: true },
    notes: { state: true },
    retryNotes: { state: true },
    busyIds: { state: true },
    bf: { state: true },
  };
  apiKey = "";
  /** A `read` API key: no enable / disable, backfill or retry. */
  readOnly = false;
  locale: Lang = "en";
  /** The site's time zone, for the dates shown. */
  tz = "UTC";
  /** The dashboard's period as the API gives it (ISO instants, `to` exclusive). */
  from = "";
  to = "";
  destinations: Destination[] = [];
  health: Record<string, Health | undefined> = {};
  healthError = "";
  listError = "";
  loaded = false;
  attention: Delivery[] = [];
  attentionMore = false;
  attentionError = "";
  /** Per destination, the outcome of its last enable / disable. */
  notes: Record<string, { ok: boolean; text: string } | undefined> = {};
  retryNotes: Record<string, RetryNote | undefined> = {};
  /** Destinations and deliveries with a request running (their buttons are disabled). */
  busyIds: Record<string, boolean | undefined> = {};
  bf: BackfillState | null = null;
  #query = "";
  #request = 0;
  #attention: MergedDeliveries | null = null;
  static override styles = [shellStyles, panelStyles];

  get #t() {
    return strings(this.locale).forwarding;
  }

  protected override updated(_changed: PropertyValues<this>): void {
    const query = JSON.stringify([this.apiKey, this.from, this.to]);
    if (query !== this.#query && this.apiKey && this.from && this.to) {
      this.#query = query;
      // A new period: the "Send past leads" form would default to it.
      this.bf = null;
      void this.load();
    }
  }

  /** Destinations, their health over the period, and the first page of the attention list. */
  async load(): Promise<void> {
    const id = ++this.#request;
    await Promise.all([this.#loadDestinations(id), this.#loadAttention(false)]);
  }

  async #loadDestinations(id: number): Promise<void> {
    try {
      const list = await listDestinations(this.apiKey);
      if (id !== this.#request) return;
      this.destinations = list;
      this.listError = "";
    } catch (e) {
      if (id === this.#request) this.listError = (e as Error).message;
      return;
    } finally {
      if (id === this.#request) this.loaded = true;
    }
    this.health = {};
    this.healthError = "";
    await this.#loadHealth(id);
  }

  /** Every destination's health over the period: one summary call. */
  async #loadHealth(id = this.#request): Promise<void> {
    try {
      const health = await siteHealth(this.apiKey, this.from, this.to);
      if (id === this.#request) this.health = health;
    } catch (e) {
      if (id === this.#request) this.healthError = (e as Error).message;
    }
  }

  async #loadAttention(more: boolean): Promise<void> {
    if (!more || !this.#attention)
      this.#attention = new MergedDeliveries(this.apiKey, ["dead", "retrying"], PAGE);
    const stream = this.#attention;
    try {
      const rows = await stream.next(PAGE);
      if (stream !== this.#attention) return;
      this.attention = more ? [...this.attention, ...rows] : rows;
      this.attentionMore = stream.more;
      this.attentionError = "";
      if (!more) this.retryNotes = {};
    } catch (e) {
      if (stream === this.#attention) this.attentionError = (e as Error).message;
    }
  }

  #busy(id: string, on: boolean): void {
    this.busyIds = { ...this.busyIds, [id]: on || undefined };
  }

  async #toggle(d: Destination): Promise<void> {
    const t = this.#t;
    this.#busy(d.id, true);
    this.notes = { ...this.notes, [d.id]: undefined };
    try {
      const updated = await setDisabled(this.apiKey, d.id, !d.disabled);
      this.destinations = this.destinations.map((x) => (x.id === updated.id ? updated : x));
      this.notes = {
        ...this.notes,
        [d.id]: { ok: true, text: updated.disabled ? t.nowDisabled : t.nowEnabled },
      };
    } catch (e) {
      this.notes = {
        ...this.notes,
        [d.id]: { ok: false, text: `${t.updateFailed}: ${(e as Error).message}` },
      };
    } finally {
      this.#busy(d.id, false);
    }
  }

  /** Opens (or closes) the "Send past leads" form of `d`, its range the dashboard's period. */
  #openBackfill(d: Destination): void {
    if (this.bf?.id === d.id) {
      this.bf = null;
      return;
    }
    this.bf = {
      id: d.id,
      since: this.from ? localDate(Date.parse(this.from), this.tz) : "",
      until: this.to ? localDate(Date.parse(this.to) - 1, this.tz) : "",
      busy: false,
      preview: null,
      done: null,
      error: "",
    };
  }

  #setRange(field: "since" | "until", value: string): void {
    if (!this.bf) return;
    this.bf = { ...this.bf, [field]: value, preview: null, done: null, error: "" };
  }

  async #runBackfill(d: Destination, dryRun: boolean): Promise<void> {
    const state = this.bf;
    if (!state || state.id !== d.id) return;
    // The confirmation sends exactly the range the dry run counted.
    const range =
      !dryRun && state.preview
        ? { since: state.preview.since, until: state.preview.until }
        : {
            since: localMidnight(state.since, this.tz),
            until: localMidnight(nextDay(state.until), this.tz),
          };
    this.bf = { ...state, busy: true, error: "", ...(dryRun ? { done: null } : {}) };
    try {
      const result = await backfill(this.apiKey, d.id, { ...range, dry_run: dryRun });
      if (this.bf?.id !== d.id) return;
      this.bf = dryRun
        ? { ...this.bf, busy: false, preview: result }
        : { ...this.bf, busy: false, preview: null, done: result };
      if (!dryRun) void this.#loadHealth();
    } catch (e) {
      if (this.bf?.id === d.id)
        this.bf = {
          ...this.bf,
          busy: false,
          error: `${this.#t.backfillFailed}: ${(e as Error).message}`,
        };
    }
  }

  /** Retries a dead delivery, then reads it back until its next attempt has run. */
  async #retry(row: Delivery): Promise<void> {
    const t = this.#t;
    const note = (n: RetryNote) => (this.retryNotes = { ...this.retryNotes, [row.id]: n });
    const replace = (d: Delivery) =>
      (this.attention = this.attention.map((x) => (x.id === d.id ? d : x)));
    this.#busy(row.id, true);
    note({ kind: "busy", text: t.retrying });
    try {
      replace(await retryDelivery(this.apiKey, row.id));
      note({ kind: "busy", text: t.retryQueued });
      for (let i = 0; i < RETRY_POLLS; i++) {
        await new Promise((r) => setTimeout(r, RETRY_POLL_MS));
        const d = await getDelivery(this.apiKey, row.id);
        if (d.status === "sent") {
          replace(d);
          note({ kind: "ok", text: t.retrySent });
          break;
        }
        if (d.attempts > row.attempts && d.status !== "pending") {
          replace(d);
          note({ kind: "error", text: t.retryFailedAgain, detail: d.last_error ?? "" });
          break;
        }
        if (i === RETRY_POLLS - 1) note({ kind: "info", text: t.retryWaiting });
      }
      void this.#loadHealth();
    } catch (e) {
      note({ kind: "error", text: `${t.retryRefused}: ${(e as Error).message}` });
    } finally {
      this.#busy(row.id, false);
    }
  }

  override render() {
    const t = this.#t;
    return html`
      <section class="card" aria-labelledby="fwd-h2">
        <div class="bar">
          <h2 id="fwd-h2">${t.heading}</h2>
          <button type="button" @click=${() => this.load()}>${t.refresh}</button>
        </div>
        <p class="muted intro">${t.intro}</p>
        <p class="muted hint">${t.setupHint}</p>
        <h3 id="fwd-dests">${t.destinations}</h3>
        ${this.from && this.to ? html`<p class="muted period">${this.#periodNote()}</p>` : nothing}
        ${this.listError ? html`<p class="error" role="alert">${t.loadFailed}: ${this.listError}</p>` : nothing}
        ${this.healthError ? html`<p class="error" role="alert">${t.healthFailed}: ${this.healthError}</p>` : nothing}
        ${
          this.destinations.length
            ? html`<ul class="dests" aria-labelledby="fwd-dests">${this.destinations.map((d) => this.#destination(d))}</ul>`
            : this.loaded && !this.listError
              ? html`<p class="muted">${t.noDestinations}</p>`
              : nothing
        }
        ${this.#attentionList()}
      </section>
    `;
  }

  #periodNote() {
    const t = this.#t;
    return fill(t.periodNote, {
      from: localDate(Date.parse(this.from), this.tz),
      to: localDate(Date.parse(this.to) - 1, this.tz),
    });
  }

  #destination(d: Destination) {
    const t = this.#t;
    const h = this.health[d.id];
    const busy = Boolean(this.busyIds[d.id]);
    const open = this.bf?.id === d.id;
    const note = this.notes[d.id];
    const labels = {
      sent: t.stSent,
      pending: t.stPending,
      retrying: t.stRetrying,
      dead: t.stDead,
      skipped: t.stSkipped,
    };
    const count = (s: (typeof HEALTH_STATUSES)[number]) =>
      h ? formatNumber(this.locale, h.counts[s]) : "…";
    return html`<li class="dest ${d.disabled ? "off" : ""}" data-destination=${d.id}>
      <div class="dest-head">
        <span class="kind ${d.kind}">${t[`kind_${d.kind}`]}</span>
        <span class="status ${d.disabled ? "off" : "on"}" data-state>${d.disabled ? t.disabled : t.enabled}</span>
      </div>
      <h4><bdi dir=${textDir(d.name)}>${d.name}</bdi></h4>
      <p class="setting"><span class="label">${t[`setting_${d.kind}`]}:</span>
        <bdi dir="ltr" data-setting>${keySetting(d)}</bdi></p>
      <dl class="counts" aria-label=${t.countsLabel} aria-busy=${h ? "false" : "true"}>
        ${HEALTH_STATUSES.map(
          (
            s,
          ) => html`<div data-count=${s} class=${(s === "dead" || s === "retrying") && h?.counts[s] ? "warn" : ""}>
            <dt>${labels[s]}</dt><dd>${count(s)}</dd></div>`,
        )}
      </dl>
      <p class="meta"><span class="label">${t.lastSuccess}:</span>
        <bdi dir="ltr" data-last-success>${h ? (h.lastSuccess ? formatDateTime(h.lastSuccess, this.tz) : t.never) : "…"}</bdi></p>
      <div class="meta"><span class="label">${t.lastError}:</span>
        ${
          h?.lastError
            ? html`<span class="err-text" data-last-error dir="auto">${h.lastError.text}</span>`
            : html`<span data-last-error-none> ${h ? t.noError : "…"}</span>`
        }
      </div>
      ${this.readOnly ? nothing : this.#destActions(d, busy, open)}
      <p class="note ${note?.ok ? "ok" : "error"}" role="status">${note?.text ?? ""}</p>
      ${open && !this.readOnly ? this.#backfill(d) : nothing}
    </li>`;
  }

  /** Enable / disable and "send past leads" (a `full` key only). */
  #destActions(d: Destination, busy: boolean, open: boolean) {
    const t = this.#t;
    return html`<div class="dest-actions">
        <button type="button" ?disabled=${busy} aria-label="${d.disabled ? t.enable : t.disable}: ${d.name}"
          @click=${() => this.#toggle(d)}>${d.disabled ? t.enable : t.disable}</button>
        <button type="button" aria-expanded=${open ? "true" : "false"} aria-controls="bf-${d.id}"
          aria-label="${t.backfillOpen}: ${d.name}"
          @click=${() => this.#openBackfill(d)}>${t.backfillOpen}</button>
      </div>`;
  }

  #backfill(d: Destination) {
    const t = this.#t;
    const bf = this.bf;
    if (!bf) return nothing;
    const window = t[`window_${d.kind}`];
    const takesCreated = d.events.includes("lead.created");
    const blocked = d.disabled ? t.needsEnable : takesCreated ? "" : t.noCreatedEvents;
    const p = bf.preview;
    const n = (v: number) => formatNumber(this.locale, v);
    return html`<div class="backfill" id="bf-${d.id}" role="group" aria-labelledby="bf-h-${d.id}">
      <h5 id="bf-h-${d.id}">${t.backfillHeading}</h5>
      <p>${t.backfillIntro}</p>
      <p class="window">${window}</p>
      <div class="range">
        <label>${t.since}<input type="date" .value=${bf.since} max=${bf.until}
          @change=${(e: Event) => this.#setRange("since", (e.target as HTMLInputElement).value)} /></label>
        <label>${t.until}<input type="date" .value=${bf.until} min=${bf.since}
          @change=${(e: Event) => this.#setRange("until", (e.target as HTMLInputElement).value)} /></label>
      </div>
      ${blocked ? html`<p class="error">${blocked}</p>` : nothing}
      <div class="dest-actions">
        <button type="button" ?disabled=${bf.busy || Boolean(blocked) || !bf.since || !bf.until}
          @click=${() => this.#runBackfill(d, true)}>${t.dryRun}</button>
      </div>
      <div role="status" class="bf-status">
        ${bf.busy ? html`<p class="muted">${t.counting}</p>` : nothing}
        ${
          p
            ? html`<dl class="result" data-preview data-since=${p.since} data-until=${p.until}>
                <div><dt>${t.rInRange}</dt><dd data-n="leads_in_range">${n(p.leads_in_range)}</dd></div>
                <div><dt>${t.rPresent}</dt><dd data-n="already_present">${n(p.already_present)}</dd></div>
                <div><dt>${t.rOutside}</dt><dd data-n="outside_window">${n(p.outside_window)}</dd></div>
                <div><dt>${t.rErased}</dt><dd data-n="erased">${n(p.erased)}</dd></div>
                <div class="total"><dt>${t.rQueued}</dt><dd data-n="queued">${n(p.queued)}</dd></div>
              </dl>
              ${p.queued ? nothing : html`<p>${t.nothingToSend}</p>`}`
            : nothing
        }
        ${
          bf.done
            ? html`<p class="ok" data-done>${fill(t.queuedResult, { n: n(bf.done.queued) })}</p>
              ${
                bf.done.outside_window + bf.done.erased
                  ? html`<p>${fill(t.skippedResult, { n: n(bf.done.outside_window + bf.done.erased) })}</p>`
                  : nothing
              }`
            : nothing
        }
      </div>
      ${
        p?.queued
          ? html`<div class="dest-actions"><button type="button" class="primary" ?disabled=${bf.busy}
              @click=${() => this.#runBackfill(d, false)}>${fill(t.confirm, { n: n(p.queued) })}</button></div>`
          : nothing
      }
      ${bf.error ? html`<p class="error" role="alert">${bf.error}</p>` : nothing}
    </div>`;
  }

  #attentionList() {
    const t = this.#t;
    const g = strings(this.locale).shell;
    const labels: Record<string, string> = {
      dead: t.stDead,
      retrying: t.stRetrying,
      sent: t.stSent,
      pending: t.stPending,
      skipped: t.stSkipped,
    };
    const date = (iso: string | null) =>
      iso ? html`<bdi dir="ltr">${formatDateTime(iso, this.tz)}</bdi>` : "—";
    return html`<div class="attention">
      <h3 id="fwd-att">${t.attention}</h3>
      <p class="muted intro">${t.attentionIntro}</p>
      ${this.attentionError ? html`<p class="error" role="alert">${t.loadFailed}: ${this.attentionError}</p>` : nothing}
      ${
        this.attention.length
          ? html`<div class="scroll" tabindex="0" role="region" aria-labelledby="fwd-att">
          <table aria-labelledby="fwd-att">
            <thead><tr>
              <th scope="col">${t.colStatus}</th>
              <th scope="col">${t.colLead}</th>
              <th scope="col">${t.colDestination}</th>
              <th scope="col" class="num">${t.colAttempts}</th>
              <th scope="col">${t.colError}</th>
              <th scope="col">${t.colLastAttempt}</th>
              <th scope="col">${t.colNext}</th>
              <th scope="col">${t.colAction}</th>
            </tr></thead>
            <tbody>${this.attention.map((d) => {
              const rn = this.retryNotes[d.id];
              return html`<tr data-delivery=${d.id}>
                <td data-label=${t.colStatus}><span class="status ${d.status}" data-status>${labels[d.status] ?? d.status}</span></td>
                <td class="lead" data-label=${t.colLead}><bdi dir="ltr">${d.lead_id}</bdi></td>
                <td data-label=${t.colDestination}><bdi dir=${textDir(d.destination.name)}>${d.destination.name}</bdi></td>
                <td class="num" data-label=${t.colAttempts} data-attempts>${fill(t.attemptsOf, {
                  n: formatNumber(this.locale, d.attempts),
                  max: formatNumber(this.locale, d.max_attempts),
                })}</td>
                <td class="error-cell" data-label=${t.colError}>${
                  d.last_error
                    ? html`<span class="err-text" dir="auto" data-error>${d.last_error}</span>`
                    : "—"
                }</td>
                <td class="date" data-label=${t.colLastAttempt}>${date(d.last_attempt_at)}</td>
                <td class="date" data-label=${t.colNext}>${date(d.next_attempt_at)}</td>
                <td class="act" data-label=${t.colAction}><div>
                  ${
                    d.status === "dead" && !this.readOnly
                      ? html`<button type="button" ?disabled=${Boolean(this.busyIds[d.id])}
                          aria-label="${t.retry}: ${d.lead_id} → ${d.destination.name}"
                          @click=${() => this.#retry(d)}>${t.retry}</button>`
                      : d.status === "retrying"
                        ? html`<span class="muted">${t.autoRetry}</span>`
                        : nothing
                  }
                  <p role="status" class=${rn?.kind === "ok" ? "ok" : rn?.kind === "error" ? "error" : "muted"}>${rn?.text ?? ""}${
                    rn?.detail
                      ? html` <span class="err-text" dir="auto">${rn.detail}</span>`
                      : nothing
                  }</p></div></td>
              </tr>`;
            })}</tbody>
          </table>
        </div>`
          : html`<p class="muted" data-attention-empty>${t.noAttention}</p>`
      }
      ${
        this.attentionMore
          ? html`<p class="more"><button type="button" @click=${() => this.#loadAttention(true)}>${g.loadMore}</button></p>`
          : nothing
      }
    </div>`;
  }
}

if (!customElements.get("forwarding-panel"))
  customElements.define("forwarding-panel", ForwardingPanel);

declare global {
  interface HTMLElementTagNameMap {
    "forwarding-panel": ForwardingPanel;
  }
}
