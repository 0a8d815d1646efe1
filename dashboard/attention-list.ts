/**
 * The deliveries that need attention: dead and retrying ones of any date, newest first, 25 a
 * "load more", each with its error (as text: it comes from a remote server). With a `full` key a
 * dead one has Retry, after which the delivery is read back until its next attempt has run, and
 * `health-stale` is sent. The parent calls `load(false)` to start over.
 */
import { html, nothing } from "lit";
import { attentionListStyles } from "./attention-list.styles";
import { textDir } from "./data-table";
import { emit } from "./events";
import { fill, formatDateTime, formatNumber } from "./format";
import { type Delivery, getDelivery, MergedDeliveries, retryDelivery } from "./forwarding-api";
import { forwardingStyles } from "./forwarding-panel.styles";
import { strings } from "./i18n";
import { panelStyles, tableStyles } from "./panel.styles";
import { states } from "./properties";
import { SiteElement } from "./site-element";
import { shellStyles } from "./styles";

/** Rows shown per "load more". */
const PAGE = 25;
/** After a retry: how often and how many times the delivery is read back for its outcome. */
const RETRY_POLL_MS = 1000;
const RETRY_POLLS = 20;

/** What a Retry did, shown in its row. */
interface RetryNote {
  kind: "busy" | "ok" | "error" | "info";
  text: string;
  /** An error text from the remote server, shown as text next to `text`. */
  detail?: string;
}

export class AttentionList extends SiteElement {
  static override properties = {
    ...states("rows", "more", "error", "retryNotes", "busyIds"),
  };
  rows: Delivery[] = [];
  more = false;
  error = "";
  retryNotes: Record<string, RetryNote | undefined> = {};
  /** Deliveries with a retry running (their buttons are disabled). */
  busyIds: Record<string, boolean | undefined> = {};
  #stream: MergedDeliveries | null = null;
  static override styles = [
    shellStyles,
    panelStyles,
    tableStyles,
    forwardingStyles,
    attentionListStyles,
  ];

  /** The first page again (`more` false), or the next one. */
  async load(more: boolean): Promise<void> {
    if (!more || !this.#stream)
      this.#stream = new MergedDeliveries(this.apiKey, ["dead", "retrying"], PAGE);
    const stream = this.#stream;
    try {
      const rows = await stream.next(PAGE);
      if (stream !== this.#stream) return;
      this.rows = more ? [...this.rows, ...rows] : rows;
      this.more = stream.more;
      this.error = "";
      if (!more) this.retryNotes = {};
    } catch (e) {
      if (stream === this.#stream) this.error = (e as Error).message;
    }
  }

  #busy(id: string, on: boolean): void {
    this.busyIds = { ...this.busyIds, [id]: on || undefined };
  }

  /** Retries a dead delivery, then reads it back until its next attempt has run. */
  async #retry(row: Delivery): Promise<void> {
    const t = strings(this.locale).forwarding;
    const note = (n: RetryNote) => (this.retryNotes = { ...this.retryNotes, [row.id]: n });
    const replace = (d: Delivery) => (this.rows = this.rows.map((x) => (x.id === d.id ? d : x)));
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
      emit(this, "health-stale", {});
    } catch (e) {
      note({ kind: "error", text: `${t.retryRefused}: ${(e as Error).message}` });
    } finally {
      this.#busy(row.id, false);
    }
  }

  override render() {
    const t = strings(this.locale).forwarding;
    const g = strings(this.locale).shell;
    return html`<div class="attention">
      <h3 id="fwd-att">${t.attention}</h3>
      <p class="muted intro">${t.attentionIntro}</p>
      ${this.error ? html`<p class="error" role="alert">${t.loadFailed}: ${this.error}</p>` : nothing}
      ${
        this.rows.length
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
            <tbody>${this.rows.map((d) => this.#row(d))}</tbody>
          </table>
        </div>`
          : html`<p class="muted" data-attention-empty>${t.noAttention}</p>`
      }
      ${
        this.more
          ? html`<p class="more"><button type="button" @click=${() => this.load(true)}>${g.loadMore}</button></p>`
          : nothing
      }
    </div>`;
  }

  #row(d: Delivery) {
    const t = strings(this.locale).forwarding;
    const labels: Record<string, string> = {
      dead: t.stDead,
      retrying: t.stRetrying,
      sent: t.stSent,
      pending: t.stPending,
      skipped: t.stSkipped,
    };
    const date = (iso: string | null) =>
      iso ? html`<bdi dir="ltr">${formatDateTime(iso, this.tz)}</bdi>` : "—";
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
          rn?.detail ? html` <span class="err-text" dir="auto">${rn.detail}</span>` : nothing
        }</p></div></td>
    </tr>`;
  }
}

if (!customElements.get("attention-list")) customElements.define("attention-list", AttentionList);

declare global {
  interface HTMLElementTagNameMap {
    "attention-list": AttentionList;
  }
}
