/**
 * The realtime strip: chat clicks, scans and conversations of the last 30 minutes
 * (`GET /api/v1/stats/realtime`), each a total and a bar per minute (time left to right in every
 * language, as the chart). Read again every 30 seconds while the page is visible, and at once
 * when it becomes visible again: a hidden tab asks nothing.
 */
import { html, nothing, type PropertyValues, svg } from "lit";
import { defineElement } from "./define-element";
import { formatNumber } from "./format";
import { strings } from "./i18n";
import { fetchRealtime, type Realtime } from "./overview-api";
import { states } from "./properties";
import { realtimeStripStyles } from "./realtime-strip.styles";
import { SiteElement } from "./site-element";
import { shellStyles } from "./styles";

/** How often the strip reads again while visible, ms. */
export const REALTIME_REFRESH_MS = 30_000;

type Figure = "chat_clicks" | "scans" | "conversations";
const COLORS: Record<Figure, string> = {
  chat_clicks: "#1a5fb4",
  scans: "#6b4fa3",
  conversations: "#0b7a4b",
};

/** One bar per minute, scaled to the largest minute (at least 1); a grey base line under them. */
function bars(values: number[], color: string) {
  const max = Math.max(1, ...values);
  return svg`<svg class="spark" aria-hidden="true" viewBox="0 0 ${values.length} 28" preserveAspectRatio="none">
    <rect x="0" y="27" width=${values.length} height="1" fill="#c9d0d7" />
    ${values.map((v, i) => {
      const h = v ? Math.max(3, (v / max) * 26) : 0;
      return v
        ? svg`<rect x=${i + 0.12} y=${27 - h} width="0.76" height=${h} fill=${color} />`
        : nothing;
    })}
  </svg>`;
}

export class RealtimeStrip extends SiteElement {
  static override properties = { ...states("data", "failed") };
  data: Realtime | null = null;
  failed = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #request = 0;
  static override styles = [shellStyles, realtimeStripStyles];

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener("visibilitychange", this.#onVisibility);
    this.#schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("visibilitychange", this.#onVisibility);
    clearInterval(this.#timer);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("apiKey")) void this.refresh();
  }

  #onVisibility = (): void => {
    if (document.visibilityState === "visible") void this.refresh();
    this.#schedule();
  };

  /** A timer only while the page is visible. */
  #schedule(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (document.visibilityState === "visible")
      this.#timer = setInterval(() => void this.refresh(), REALTIME_REFRESH_MS);
  }

  /** Reads the last 30 minutes again (the latest request wins). */
  async refresh(): Promise<void> {
    if (!this.apiKey) return;
    const id = ++this.#request;
    try {
      const data = await fetchRealtime(this.apiKey);
      if (id !== this.#request) return;
      this.data = data;
      this.failed = false;
    } catch {
      if (id === this.#request) this.failed = true;
    }
  }

  override render() {
    const t = strings(this.locale).shell;
    const d = this.data;
    const figures: [Figure, string][] = [
      ["chat_clicks", t.chatClicks],
      ["scans", t.scans],
      ["conversations", t.conversations],
    ];
    return html`<section class="card" aria-labelledby="rt-h">
      <div class="head">
        <h2 id="rt-h"><span class="live" aria-hidden="true"></span>${t.realtime}</h2>
        <p class="muted">${t.realtimeNote}</p>
      </div>
      ${this.failed && !d ? html`<p class="error">${t.failed}</p>` : nothing}
      <dl>
        ${figures.map(
          ([id, label]) => html`<div data-realtime=${id}>
            <dt>${label}</dt>
            <dd><span class="n">${d ? formatNumber(this.locale, d.totals[id]) : "…"}</span>
              ${
                d
                  ? bars(
                      d.minutes.map((m) => m[id]),
                      COLORS[id],
                    )
                  : nothing
              }</dd>
          </div>`,
        )}
      </dl>
    </section>`;
  }
}

defineElement("realtime-strip", RealtimeStrip);

declare global {
  interface HTMLElementTagNameMap {
    "realtime-strip": RealtimeStrip;
  }
}
