/**
 * One forwarding destination: its kind and key setting, enabled or not, its deliveries of the
 * period by status with the reasons of the skipped and failed ones (delivery-reasons.ts), last
 * success and latest error (as text: it comes from a remote server), whether it gets leads
 * attributed by inference (`include_inferred`, off unless the owner opts in);
 * with a `full` key, enable / disable, send inferred leads or exact ones only, and the "Send past
 * leads" form (backfill-form.ts). Sends `destination-updated` after a toggle or switch,
 * `backfill-toggle` when the form is asked for, and passes on the form's `health-stale`.
 */
import { html, nothing } from "lit";
import { textDir } from "./data-table";
import { destinationCardStyles } from "./destination-card.styles";
import { emit } from "./events";
import { formatDateTime, formatNumber } from "./format";
import {
  type Destination,
  eventNameOf,
  HEALTH_STATUSES,
  type Health,
  keySetting,
  setDisabled,
  setIncludeInferred,
} from "./forwarding-api";
import { forwardingStyles } from "./forwarding-panel.styles";
import { strings } from "./i18n";
import { panelStyles } from "./panel.styles";
import { attributes, inputs, states } from "./properties";
import { SiteElement } from "./site-element";
import { shellStyles } from "./styles";
import "./backfill-form";
import { defineElement } from "./define-element";
import { reasonLines } from "./delivery-reasons";

export class DestinationCard extends SiteElement {
  static override properties = {
    ...inputs("destination", "health", "open"),
    ...attributes("from", "to"),
    ...states("busy", "note"),
  };
  destination: Destination | null = null;
  /** Its deliveries over the period; undefined while they load. */
  health: Health | undefined = undefined;
  /** Whether its "Send past leads" form is shown. */
  open = false;
  /** The dashboard's period (ISO instants, `to` exclusive): the form's default range. */
  from = "";
  to = "";
  /** An enable / disable (or an inferred-leads switch) is running. */
  busy = false;
  /** The outcome of the last change, and the destination it was about. */
  note: { id: string; ok: boolean; text: string } | null = null;
  static override styles = [shellStyles, panelStyles, forwardingStyles, destinationCardStyles];

  get #t() {
    return strings(this.locale).forwarding;
  }

  /** One PATCH of `d` (`change`), then the note `said` of the updated destination. */
  async #patch(
    d: Destination,
    change: () => Promise<Destination>,
    said: (updated: Destination) => string,
  ): Promise<void> {
    const t = this.#t;
    this.busy = true;
    this.note = null;
    try {
      const updated = await change();
      this.note = { id: d.id, ok: true, text: said(updated) };
      emit(this, "destination-updated", { destination: updated });
    } catch (e) {
      this.note = { id: d.id, ok: false, text: `${t.updateFailed}: ${(e as Error).message}` };
    } finally {
      this.busy = false;
    }
  }

  #toggle(d: Destination): Promise<void> {
    const t = this.#t;
    return this.#patch(
      d,
      () => setDisabled(this.apiKey, d.id, !d.disabled),
      (u) => (u.disabled ? t.nowDisabled : t.nowEnabled),
    );
  }

  #inferred(d: Destination): Promise<void> {
    const s = strings(this.locale).shell;
    return this.#patch(
      d,
      () => setIncludeInferred(this.apiKey, d.id, !d.include_inferred),
      (u) => `${s.destInferred}: ${u.include_inferred ? s.destInferredOn : s.destInferredOff}`,
    );
  }

  override render() {
    const d = this.destination;
    if (!d) return nothing;
    const t = this.#t;
    const h = this.health;
    const note = this.note?.id === d.id ? this.note : null;
    // The inferred-leads words sit with the view's control of the same name (inference-strings/).
    const s = strings(this.locale).shell;
    const labels = {
      sent: t.stSent,
      pending: t.stPending,
      retrying: t.stRetrying,
      dead: t.stDead,
      skipped: t.stSkipped,
    };
    const count = (s: (typeof HEALTH_STATUSES)[number]) =>
      h ? formatNumber(this.locale, h.counts[s]) : "…";
    return html`<div class="dest ${d.disabled ? "off" : ""}">
      <div class="dest-head">
        <span class="kind ${d.kind}">${t[`kind_${d.kind}`]}</span>
        <span class="status ${d.disabled ? "off" : "on"}" data-state>${d.disabled ? t.disabled : t.enabled}</span>
      </div>
      <h4><bdi dir=${textDir(d.name)}>${d.name}</bdi></h4>
      <p class="setting"><span class="label">${t[`setting_${d.kind}`]}:</span>
        <bdi dir="ltr" data-setting>${keySetting(d)}</bdi></p>
      ${
        eventNameOf(d) === null
          ? ""
          : html`<p class="setting"><span class="label">${t.eventName}:</span>
        <bdi dir="ltr" data-event-name>${eventNameOf(d)}</bdi></p>`
      }
      <p class="setting"><span class="label">${s.destInferred}:</span>
        <span data-inferred=${d.include_inferred ? "on" : "off"}>${d.include_inferred ? s.destInferredOn : s.destInferredOff}</span></p>
      <dl class="counts" aria-label=${t.countsLabel} aria-busy=${h ? "false" : "true"}>
        ${HEALTH_STATUSES.map(
          (
            s,
          ) => html`<div data-count=${s} class=${(s === "dead" || s === "retrying") && h?.counts[s] ? "warn" : ""}>
            <dt>${labels[s]}</dt><dd>${count(s)}</dd></div>`,
        )}
      </dl>
      ${h ? reasonLines(t, this.locale, h, labels) : nothing}
      <p class="meta"><span class="label">${t.lastSuccess}:</span>
        <bdi dir="ltr" data-last-success>${h ? (h.lastSuccess ? formatDateTime(h.lastSuccess, this.tz) : t.never) : "…"}</bdi></p>
      <div class="meta"><span class="label">${t.lastError}:</span>
        ${
          h?.lastError
            ? html`<span class="err-text" data-last-error dir="auto">${h.lastError.text}</span>`
            : html`<span data-last-error-none> ${h ? t.noError : "…"}</span>`
        }
      </div>
      ${this.readOnly ? nothing : this.#actions(d)}
      <p class="note ${note?.ok ? "ok" : "error"}" role="status">${note?.text ?? ""}</p>
      ${
        this.open && !this.readOnly
          ? html`<backfill-form id="bf-${d.id}" .apiKey=${this.apiKey} .destination=${d}
              locale=${this.locale} tz=${this.tz} from=${this.from} to=${this.to}
              @health-stale=${() => emit(this, "health-stale", {})}></backfill-form>`
          : nothing
      }
    </div>`;
  }

  /** Enable / disable and "send past leads" (a `full` key only). */
  #actions(d: Destination) {
    const t = this.#t;
    const s = strings(this.locale).shell;
    const inferLabel = d.include_inferred ? s.stopInferred : s.sendInferred;
    return html`<div class="dest-actions">
        <button type="button" ?disabled=${this.busy} aria-label="${d.disabled ? t.enable : t.disable}: ${d.name}"
          @click=${() => this.#toggle(d)}>${d.disabled ? t.enable : t.disable}</button>
        <button type="button" data-inferred-toggle ?disabled=${this.busy}
          aria-label="${inferLabel}: ${d.name}"
          @click=${() => this.#inferred(d)}>${inferLabel}</button>
        <button type="button" aria-expanded=${this.open ? "true" : "false"} aria-controls="bf-${d.id}"
          aria-label="${t.backfillOpen}: ${d.name}"
          @click=${() => emit(this, "backfill-toggle", { id: d.id })}>${t.backfillOpen}</button>
      </div>`;
  }
}

defineElement("destination-card", DestinationCard);

declare global {
  interface HTMLElementTagNameMap {
    "destination-card": DestinationCard;
  }
}
