/**
 * A small line chart drawn as SVG (no chart library: see README "Dashboard" for the bytes
 * measured). Draws in pixel space at the element's own width, so text stays readable on a phone.
 * Time runs left to right in every language (Arabic analytics dashboards draw it so too); the
 * legend follows the page's direction.
 */
import { css, html, LitElement, nothing, svg } from "lit";
import { attributes, inputs, states } from "./properties";

export interface ChartLine {
  /** Legend text. */
  label: string;
  values: number[];
  color: string;
  dashed?: boolean;
}

const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 40 };

/** Up to ~5 round ticks from 0 to at least `max`. */
function ticks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v < max + step; v += step) out.push(v);
  return out;
}

export class SeriesChart extends LitElement {
  static override properties = {
    ...inputs("labels", "lines"),
    ...attributes("summary", "locale"),
    ...states("width"),
  };
  /** The x-axis labels (one per point). */
  labels: string[] = [];
  lines: ChartLine[] = [];
  /** Accessible description of the chart. */
  summary = "";
  /** The interface language, for the y-axis figures. */
  locale = "en";
  width = 600;
  #observer = new ResizeObserver((entries) => {
    const w = Math.round(entries[0]?.contentRect.width ?? 0);
    if (w > 0 && w !== this.width) this.width = w;
  });

  static override styles = css`
    :host { display: block; }
    svg.plot { display: block; width: 100%; height: ${HEIGHT}px; font: 11px system-ui, sans-serif;
      direction: ltr; }
    .grid { stroke: #e3e6ea; }
    .axis { fill: #4a5561; }
    ul { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 8px 0 0; padding: 0; list-style: none;
      font-size: 13px; color: #2b333b; }
    li svg { display: inline; width: 14px; height: 3px; margin-inline-end: 6px; vertical-align: middle; }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#observer.observe(this);
  }
  override disconnectedCallback(): void {
    this.#observer.disconnect();
    super.disconnectedCallback();
  }

  override render() {
    const n = this.labels.length;
    const max = Math.max(0, ...this.lines.flatMap((l) => l.values));
    const yt = ticks(max);
    const fmt = new Intl.NumberFormat(this.locale);
    const top = yt.at(-1) ?? 1;
    const w = this.width;
    const plotW = w - PAD.left - PAD.right;
    const plotH = HEIGHT - PAD.top - PAD.bottom;
    const x = (i: number) => PAD.left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
    const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
    const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / 70))));
    return html`
      <svg class="plot" role="img" aria-label=${this.summary} viewBox="0 0 ${w} ${HEIGHT}">
        ${yt.map(
          (v) => svg`<line class="grid" x1=${PAD.left} x2=${w - PAD.right} y1=${y(v)} y2=${y(v)} />
            <text class="axis" x=${PAD.left - 6} y=${y(v) + 4} text-anchor="end">${fmt.format(v)}</text>`,
        )}
        ${this.labels.map((label, i) =>
          i % every === 0
            ? svg`<text class="axis" x=${x(i)} y=${HEIGHT - 8} text-anchor="middle">${label.slice(5) || label}</text>`
            : nothing,
        )}
        ${this.lines.map(
          (l) => svg`<polyline fill="none" stroke=${l.color} stroke-width="2"
            stroke-dasharray=${l.dashed ? "5 4" : "none"} stroke-linejoin="round"
            points=${l.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ")} />
            ${n <= 40 ? l.values.map((v, i) => svg`<circle cx=${x(i)} cy=${y(v)} r="2.5" fill=${l.color} />`) : nothing}`,
        )}
      </svg>
      <ul aria-hidden="true">
        ${this.lines.map(
          (l) =>
            html`<li><svg aria-hidden="true"><line x1="0" y1="1.5" x2="14" y2="1.5" stroke=${l.color}
              stroke-width="3" stroke-dasharray=${l.dashed ? "4 3" : "none"} /></svg>${l.label}</li>`,
        )}
      </ul>
    `;
  }
}

if (!customElements.get("series-chart")) customElements.define("series-chart", SeriesChart);

declare global {
  interface HTMLElementTagNameMap {
    "series-chart": SeriesChart;
  }
}
