/**
 * The leads of the period (`GET /api/v1/leads?include=touches`, newest first, 50 a page) with
 * the touch of the dashboard's touch model — the first, or the last matched ref or ad, as the
 * stats count them (issue 18): source / medium (derived exactly as the stats do), campaign,
 * placement, landing page; the agent (or number) the chat was opened to, when any lead of the
 * page has one (issue 16's agents); its outcome (the sale events' stage and net revenue per currency,
 * issue 14); and its touch path (every matched ref or ad, oldest first). With drill-down filters,
 * only the leads whose touch (in the same model) matches them; with the view's inferred
 * conversations left out (`inferred=exclude`), none attributed by inference. An inferred lead's
 * attribution says its score and evidence (`attributionLabel`).
 */
import { html, type PropertyValues } from "lit";
import { sourceMedium } from "../worker/reporting/channel-group";
import { landingPage } from "../worker/reporting/click-dimensions";
import { fetchLeads, type Lead, type TouchStep } from "./api";
import type { Cell, Column } from "./data-table";
import { fill, formatDateTime, formatMoney } from "./format";
import { type Strings, strings } from "./i18n";
import { attributes, inputs, states } from "./properties";
import { SiteElement } from "./site-element";
import { shellStyles } from "./styles";
import { FILTER_KEYS, type Filters, type Touch } from "./view-state";
import "./data-table";

/** Source / medium of a lead's touch, as the stats report it (ctwa leads: meta / ctwa). */
export function leadSourceMedium(lead: Lead): string | null {
  if (lead.attribution === "ctwa") return "meta / ctwa";
  if (lead.attribution === "none") return null;
  const t = Object.fromEntries(
    Object.entries(lead.touch).filter((e): e is [string, string] => e[1] !== null),
  );
  const sm = sourceMedium(t);
  return `${sm.source} / ${sm.medium}`;
}

/**
 * A lead's attribution as a person reads it; an inferred one with its score and the evidence, each
 * reason code (worker/attribution/infer-score.ts) said as the language's sentence:
 * "Inferred (code deleted) · 94% likely — the greeting arrived without its code, the only recent
 * click". Text, so the CSV export keeps it too.
 */
export function attributionLabel(lead: Lead, lang: string, t: Strings): string {
  const inf = lead.attribution === "inferred" ? lead.inference : undefined;
  if (!inf) return t[lead.attribution];
  const score = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 });
  const list = new Intl.ListFormat(lang, { type: "unit", style: "short" });
  const reasons = inf.reasons.map((r) => t[`infer_${r}` as keyof Strings] ?? r);
  const head = `${t.inferred} · ${fill(t.inferScore, { score: score.format(inf.score) })}`;
  return reasons.length ? `${head} — ${list.format(reasons)}` : head;
}

/**
 * The columns of a lead's touch in `model`: the lead's own (first) touch, or under `last` its
 * latest matched ref or ad (the stats' last touch: the last step of its path, the lead's own
 * touch when it has no path). Values are null where not set.
 */
export function touchColumns(lead: Lead, model: Touch, notSet: string) {
  const step = model === "last" ? lead.touches?.at(-1) : undefined;
  if (!step)
    return {
      sourceMedium: leadSourceMedium(lead),
      campaign:
        lead.touch.utm_campaign ??
        (lead.attribution === "ctwa" ? (lead.ctwa?.headline ?? null) : null),
      placement: lead.touch.placement ?? null,
      landing: landingPage(lead.touch.landing_url),
    };
  return {
    sourceMedium:
      step.source !== null || step.medium !== null
        ? `${step.source ?? notSet} / ${step.medium ?? notSet}`
        : null,
    campaign: step.utm_campaign ?? (step.kind === "ctwa" ? (lead.ctwa?.headline ?? null) : null),
    placement: step.placement,
    landing: step.landing_page,
  };
}

/**
 * A lead's outcome as a person reads it: Qualified, Lost, or Purchase with its net revenue per
 * currency (the site's first, others after it, never added together); "—" without any.
 */
export function outcomeLabel(
  o: Lead["outcome"],
  lang: string,
  t: { outcomeQualified: string; outcomePurchase: string; outcomeLost: string },
): string {
  if (o.stage === "qualified") return t.outcomeQualified;
  if (o.stage === "lost") return t.outcomeLost;
  if (o.stage !== "purchase") return "—";
  const money = o.revenue.map((r) => formatMoney(lang, r.value, r.currency)).join(" · ");
  return money ? `${t.outcomePurchase} ${money}` : t.outcomePurchase;
}

/**
 * One step of a touch path: `utm_source / utm_medium` (a missing half is `notSet`), else its
 * channel group, else `notSet`; a Click-to-WhatsApp ad is `meta / ctwa`, as in the stats.
 */
export function touchStepLabel(step: TouchStep, notSet: string): string {
  if (step.kind === "ctwa") return "meta / ctwa";
  if (step.utm_source !== null || step.utm_medium !== null)
    return `${step.utm_source ?? notSet} / ${step.utm_medium ?? notSet}`;
  return step.channel ?? notSet;
}

/** A lead's touch path as text: "google / cpc → newsletter / email"; `notSet` when empty. */
export const touchPath = (lead: Lead, notSet: string): string =>
  lead.touches?.length ? lead.touches.map((s) => touchStepLabel(s, notSet)).join(" → ") : notSet;

export class LeadsPanel extends SiteElement {
  static override properties = {
    ...inputs("filters"),
    ...attributes("from", "to", "touch"),
    ...states("leads", "cursor", "error"),
  };
  /** The period as the API takes it (`to` exclusive). */
  from = "";
  to = "";
  /** The touch model and exact-match filters of the stats shown. */
  touch: Touch = "first";
  filters: Filters = {};
  leads: Lead[] = [];
  cursor: string | null = null;
  error = "";
  #query = "";
  #request = 0;
  static override styles = shellStyles;

  get #params(): Record<string, string> {
    const params: Record<string, string> = { from: this.from, to: this.to, touch: this.touch };
    for (const k of FILTER_KEYS) {
      const v = this.filters[k];
      if (v !== undefined) params[k] = v;
    }
    if (this.filters.inferred === "exclude") params.inferred = "exclude";
    return params;
  }

  get #filtered(): boolean {
    return FILTER_KEYS.some((k) => this.filters[k] !== undefined);
  }

  protected override updated(_changed: PropertyValues<this>): void {
    // Reloaded when the question changes (a new stats answer may ask the same one).
    const query = JSON.stringify([this.apiKey, this.#params]);
    if (query !== this.#query && this.apiKey && this.from) {
      this.#query = query;
      void this.load(false);
    }
  }

  async load(more: boolean): Promise<void> {
    const id = ++this.#request;
    try {
      const page = await fetchLeads(this.apiKey, {
        ...this.#params,
        limit: "50",
        include: "touches",
        ...(more && this.cursor ? { cursor: this.cursor } : {}),
      });
      if (id !== this.#request) return;
      this.leads = more ? [...this.leads, ...page.data] : page.data;
      this.cursor = page.next_cursor;
      this.error = "";
    } catch (e) {
      if (id !== this.#request) return;
      this.error = (e as Error).message;
    }
  }

  override render() {
    const t = strings(this.locale).shell;
    const placement = (p: string | null) => (p ? (t[`pl_${p}` as keyof typeof t] ?? p) : t.notSet);
    const columns: Column[] = [
      { label: t.leadDate },
      { label: t.leadName },
      { label: t.leadAttribution },
      { label: t.leadSourceMedium },
      { label: t.leadCampaign },
      { label: t.leadPlacement },
      { label: t.leadLanding },
      { label: t.leadOutcome },
      { label: t.leadPath },
    ];
    // The agent (or number) a chat was opened to, once the site lists agents or several numbers.
    const agents = this.leads.some((l) => l.touch.agent || l.touch.number);
    if (agents) columns.splice(6, 0, { label: t.leadAgent });
    const rows: Cell[][] = this.leads.map((l) => {
      const touch = touchColumns(l, this.touch, t.notSet);
      const row: Cell[] = [
        formatDateTime(l.created_at, this.tz),
        contactLabel(l.contact, l.channel),
        attributionLabel(l, this.locale, t),
        touch.sourceMedium ?? t.notSet,
        touch.campaign ?? t.notSet,
        placement(touch.placement),
        touch.landing ?? t.notSet,
        outcomeLabel(l.outcome, this.locale, t),
        touchPath(l, t.notSet),
      ];
      if (agents) row.splice(6, 0, agentLabel(l.touch, t.notSet));
      return row;
    });
    return html`
      <section class="card">
        ${this.error ? html`<p class="error" role="alert">${t.failed}: ${this.error}</p>` : ""}
        <data-table .heading=${this.touch === "last" ? t.leadsLastTouch : t.leads} .columns=${columns} .rows=${rows} file-name="leads"
          export-label=${t.exportCsv} empty-text=${t.empty} stack
          note=${[this.#filtered ? t.leadsFiltered : "", this.filters.inferred ? t.inferredLeftOut : ""].filter(Boolean).join(" ")}></data-table>
        ${
          this.cursor
            ? html`<p><button type="button" @click=${() => this.load(true)}>${t.loadMore}</button></p>`
            : ""
        }
      </section>
    `;
  }
}

if (!customElements.get("leads-panel")) customElements.define("leads-panel", LeadsPanel);

declare global {
  interface HTMLElementTagNameMap {
    "leads-panel": LeadsPanel;
  }
}

/**
 * A lead's contact as a person reads it: the name, else the username, else the phone's end; the
 * chat app (a brand name, never translated) after it when it is not WhatsApp.
 */
export function contactLabel(c: Lead["contact"], app: Lead["channel"] = "whatsapp"): string {
  const who = c.name || (c.username ? `@${c.username}` : c.wa_id ? `…${c.wa_id.slice(-4)}` : "—");
  return app === "whatsapp" ? who : `${who} · ${app[0]?.toUpperCase()}${app.slice(1)}`;
}

/** The agent a lead's chat was opened to: its name, else `+number`, else `notSet`. */
export function agentLabel(touch: Lead["touch"], notSet: string): string {
  return touch.agent ?? (touch.number ? `+${touch.number}` : notSet);
}
