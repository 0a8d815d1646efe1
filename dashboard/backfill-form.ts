/**
 * "Send past leads" of one destination (`POST /destinations/:id/backfill`): a date range (the
 * dashboard's period by default), a dry run showing the API's counts and the destination's
 * window (GA4 72 h, Meta 7 days), then a confirmation that sends exactly the range counted.
 * Sends `health-stale` once leads were queued. A new form (closed and opened again) starts over.
 */
import { html, nothing, type PropertyValues } from "lit";
import { backfillFormStyles } from "./backfill-form.styles";
import { emit } from "./events";
import { fill, formatNumber, localDate, nextDay } from "./format";
import { type BackfillResult, backfill, type Destination, localMidnight } from "./forwarding-api";
import { forwardingStyles } from "./forwarding-panel.styles";
import { strings } from "./i18n";
import { panelStyles } from "./panel.styles";
import { attributes, inputs, states } from "./properties";
import { SiteElement } from "./site-element";
import { shellStyles } from "./styles";

export class BackfillForm extends SiteElement {
  static override properties = {
    ...inputs("destination"),
    ...attributes("from", "to"),
    ...states("since", "until", "busy", "preview", "done", "error"),
  };
  destination: Destination | null = null;
  /** The dashboard's period (ISO instants, `to` exclusive): the range shown first. */
  from = "";
  to = "";
  /** The range's first and last local day (inclusive). */
  since = "";
  until = "";
  busy = false;
  /** The dry run's counts (the confirmation sends exactly that range). */
  preview: BackfillResult | null = null;
  /** The answer of the real run. */
  done: BackfillResult | null = null;
  error = "";
  #started = false;
  static override styles = [shellStyles, panelStyles, forwardingStyles, backfillFormStyles];

  protected override willUpdate(_changed: PropertyValues<this>): void {
    // The range starts as the dashboard's period, once, when the form is first shown.
    if (this.#started) return;
    this.#started = true;
    this.since = this.from ? localDate(Date.parse(this.from), this.tz) : "";
    this.until = this.to ? localDate(Date.parse(this.to) - 1, this.tz) : "";
  }

  #setRange(field: "since" | "until", value: string): void {
    this[field] = value;
    this.preview = null;
    this.done = null;
    this.error = "";
  }

  async #run(d: Destination, dryRun: boolean): Promise<void> {
    // The confirmation sends exactly the range the dry run counted.
    const range =
      !dryRun && this.preview
        ? { since: this.preview.since, until: this.preview.until }
        : {
            since: localMidnight(this.since, this.tz),
            until: localMidnight(nextDay(this.until), this.tz),
          };
    this.busy = true;
    this.error = "";
    if (dryRun) this.done = null;
    try {
      const result = await backfill(this.apiKey, d.id, { ...range, dry_run: dryRun });
      if (dryRun) this.preview = result;
      else {
        this.preview = null;
        this.done = result;
        emit(this, "health-stale", {});
      }
    } catch (e) {
      this.error = `${strings(this.locale).forwarding.backfillFailed}: ${(e as Error).message}`;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const d = this.destination;
    if (!d) return nothing;
    const t = strings(this.locale).forwarding;
    const window = t[`window_${d.kind}`];
    const takesCreated = d.events.includes("lead.created");
    const blocked = d.disabled ? t.needsEnable : takesCreated ? "" : t.noCreatedEvents;
    const p = this.preview;
    const done = this.done;
    const n = (v: number) => formatNumber(this.locale, v);
    return html`<div class="backfill" role="group" aria-labelledby="bf-h">
      <h5 id="bf-h">${t.backfillHeading}</h5>
      <p>${t.backfillIntro}</p>
      <p class="window">${window}</p>
      <div class="range">
        <label>${t.since}<input type="date" .value=${this.since} max=${this.until}
          @change=${(e: Event) => this.#setRange("since", (e.target as HTMLInputElement).value)} /></label>
        <label>${t.until}<input type="date" .value=${this.until} min=${this.since}
          @change=${(e: Event) => this.#setRange("until", (e.target as HTMLInputElement).value)} /></label>
      </div>
      ${blocked ? html`<p class="error">${blocked}</p>` : nothing}
      <div class="dest-actions">
        <button type="button" ?disabled=${this.busy || Boolean(blocked) || !this.since || !this.until}
          @click=${() => this.#run(d, true)}>${t.dryRun}</button>
      </div>
      <div role="status" class="bf-status">
        ${this.busy ? html`<p class="muted">${t.counting}</p>` : nothing}
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
          done
            ? html`<p class="ok" data-done>${fill(t.queuedResult, { n: n(done.queued) })}</p>
              ${
                done.outside_window + done.erased
                  ? html`<p>${fill(t.skippedResult, { n: n(done.outside_window + done.erased) })}</p>`
                  : nothing
              }`
            : nothing
        }
      </div>
      ${
        p?.queued
          ? html`<div class="dest-actions"><button type="button" class="primary" ?disabled=${this.busy}
              @click=${() => this.#run(d, false)}>${fill(t.confirm, { n: n(p.queued) })}</button></div>`
          : nothing
      }
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </div>`;
  }
}

if (!customElements.get("backfill-form")) customElements.define("backfill-form", BackfillForm);

declare global {
  interface HTMLElementTagNameMap {
    "backfill-form": BackfillForm;
  }
}
