/**
 * Forwarding (`/api/v1/destinations`, `/api/v1/deliveries`): each destination of the site as a
 * card (destination-card.ts: key setting, enabled or not, its health over the dashboard's period
 * from the delivery log, enable / disable, "Send past leads" — backfill-form.ts), and the
 * deliveries that need attention (attention-list.ts). Creating destinations and entering
 * credentials stay with the API and the CLI.
 *
 * Names are written by people and errors come from remote servers: every value is a Lit text
 * binding (never HTML), and nothing sets a `style` attribute (the CSP refuses inline styles).
 */
import { html, nothing, type PropertyValues } from "lit";
import type { AttentionList } from "./attention-list";
import type { DashboardEvent } from "./events";
import { fill, localDate } from "./format";
import { type Destination, type Health, listDestinations, siteHealth } from "./forwarding-api";
import { forwardingPanelStyles, forwardingStyles } from "./forwarding-panel.styles";
import { strings } from "./i18n";
import { panelStyles } from "./panel.styles";
import { attributes, states } from "./properties";
import { SiteElement } from "./site-element";
import { shellStyles } from "./styles";
import "./attention-list";
import "./destination-card";
import { defineElement } from "./define-element";

export class ForwardingPanel extends SiteElement {
  static override properties = {
    ...attributes("from", "to"),
    ...states("destinations", "health", "healthError", "listError", "loaded", "backfillId"),
  };
  /** The dashboard's period as the API gives it (ISO instants, `to` exclusive). */
  from = "";
  to = "";
  destinations: Destination[] = [];
  health: Record<string, Health | undefined> = {};
  healthError = "";
  listError = "";
  loaded = false;
  /** The destination whose "Send past leads" form is open. */
  backfillId: string | null = null;
  #query = "";
  #request = 0;
  static override styles = [shellStyles, panelStyles, forwardingStyles, forwardingPanelStyles];

  protected override updated(_changed: PropertyValues<this>): void {
    const query = JSON.stringify([this.apiKey, this.from, this.to]);
    if (query !== this.#query && this.apiKey && this.from && this.to) {
      this.#query = query;
      // A new period: the "Send past leads" form would default to it.
      this.backfillId = null;
      void this.load();
    }
  }

  /** Destinations, their health over the period, and the first page of the attention list. */
  async load(): Promise<void> {
    const id = ++this.#request;
    const attention = this.renderRoot.querySelector<AttentionList>("attention-list");
    await Promise.all([this.#loadDestinations(id), attention?.load(false)]);
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

  #updated(e: DashboardEvent<"destination-updated">): void {
    const updated = e.detail.destination;
    this.destinations = this.destinations.map((x) => (x.id === updated.id ? updated : x));
  }

  #toggleBackfill(e: DashboardEvent<"backfill-toggle">): void {
    this.backfillId = this.backfillId === e.detail.id ? null : e.detail.id;
  }

  override render() {
    const t = strings(this.locale).forwarding;
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
            ? html`<ul class="dests" aria-labelledby="fwd-dests">${this.destinations.map(
                (d) => html`<li data-destination=${d.id}><destination-card .apiKey=${this.apiKey}
                  .destination=${d} .health=${this.health[d.id]} .readOnly=${this.readOnly}
                  .open=${this.backfillId === d.id} locale=${this.locale} tz=${this.tz}
                  from=${this.from} to=${this.to} @destination-updated=${this.#updated}
                  @backfill-toggle=${this.#toggleBackfill}
                  @health-stale=${() => this.#loadHealth()}></destination-card></li>`,
              )}</ul>`
            : this.loaded && !this.listError
              ? html`<p class="muted">${t.noDestinations}</p>`
              : nothing
        }
        <attention-list .apiKey=${this.apiKey} .readOnly=${this.readOnly} locale=${this.locale}
          tz=${this.tz} @health-stale=${() => this.#loadHealth()}></attention-list>
      </section>
    `;
  }

  #periodNote() {
    const t = strings(this.locale).forwarding;
    return fill(t.periodNote, {
      from: localDate(Date.parse(this.from), this.tz),
      to: localDate(Date.parse(this.to) - 1, this.tz),
    });
  }
}

defineElement("forwarding-panel", ForwardingPanel);

declare global {
  interface HTMLElementTagNameMap {
    "forwarding-panel": ForwardingPanel;
  }
}
