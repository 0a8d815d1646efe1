/**
 * A small line chart drawn as SVG (no chart library: see README "Dashboard" for the bytes
 * measured). Draws in pixel space at the element's own width, so text stays readable on a phone.
 * Time runs left to right in every language (Arabic analytics dashboards draw it so too); the
 * legend follows the page's direction.
 *
 * Lines that coincide stay distinguishable: each is drawn narrower than the one before it (so an
 * earlier line shows as an edge around a later one on top of it), with its own marker shape, and
 * a line equal to an earlier one at every point says so in the legend ("same as …"). The first
 * and last x labels are anchored inside the plot, so neither is cut at the edge.
 */
import { css, html, LitElement, nothing, svg } from "lit";
import { fill } from "./format";
import { isLang, strings } from "./i18n";
import { attributes, inputs, states } from "./properties";

export interface ChartLine {
  /** Legend text. */
  label: string;
  values: number[];
  color: string;
  dashed?: boolean;
}

const HEIGHT = 220;
const PAD = { top: 12, right: 16, bottom: 28, left: 40 };
/** Stroke widths by drawing order: each line on top is narrower than the ones under it. */
const WIDTHS = [5, 3, 1.75];

/** A marker of line `k` at (x, y): a circle, a square, a diamond, then circles again. */
function marker(k: number, x: number, y: number, color: string) {
  if (k % 3 === 1) return svg`<rect x=${x - 3} y=${y - 3} width="6" height="6" fill=${color} />`;
  if (k % 3 === 2)
    return svg`<path d="M${x} ${y - 4}L${x + 4} ${y}L${x} ${y + 4}L${x - 4} ${y}Z" fill=${color} />`;
  return svg`<circle cx=${x} cy=${y} r="3.5" fill=${color} />`;
}

/**
 * An x label as people read it in `locale`: a day (`2026-11-21`, also a week's Monday) as
 * "Nov 21", a month (`2026-11`) as "Nov 2026"; anything else as it is.
 */
export function axisLabel(label: string, locale: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(label);
  const month = /^\d{4}-\d{2}$/.test(label);
  if (!day && !month) return label;
  const at = new Date(`${month ? `${label}-01` : label}T00:00:00Z`);
  const opts: Intl.DateTimeFormatOptions = month
    ? { timeZone: "UTC", month: "short", year: "numeric" }
    : { timeZone: "UTC", month: "short", day: "numeric" };
  return new Intl.DateTimeFormat(locale, opts).format(at);
}

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
    li svg { display: inline; width: 22px; height: 10px; margin-inline-end: 6px; vertical-align: middle; }
    .same { color: #4a5561; }
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
    const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / 80))));
    // The last label is always drawn (the period's end); a regular one too close to it is not.
    const shown = (i: number) => i === n - 1 || (i % every === 0 && n - 1 - i >= every * 0.75);
    const anchor = (i: number) =>
      n > 1 && i === n - 1 ? "end" : n > 1 && i === 0 ? "start" : "middle";
    // Said only of a line with something to show: all-zero lines lie on the axis, as it shows.
    const same = this.lines.map((l, k) =>
      l.values.some((v) => v !== 0)
        ? this.lines.slice(0, k).find((o) => o.values.join() === l.values.join())
        : undefined,
    );
    const t = strings(isLang(this.locale) ? this.locale : "en").shell;
    return html`
      <svg class="plot" role="img" aria-label=${this.summary} viewBox="0 0 ${w} ${HEIGHT}">
        ${yt.map(
          (v) => svg`<line class="grid" x1=${PAD.left} x2=${w - PAD.right} y1=${y(v)} y2=${y(v)} />
            <text class="axis" x=${PAD.left - 6} y=${y(v) + 4} text-anchor="end">${fmt.format(v)}</text>`,
        )}
        ${this.labels.map((label, i) =>
          shown(i)
            ? svg`<text class="axis x" x=${x(i)} y=${HEIGHT - 8} text-anchor=${anchor(i)}>${axisLabel(label, this.locale)}</text>`
            : nothing,
        )}
        ${this.lines.map(
          (l, k) => svg`<polyline fill="none" stroke=${l.color} stroke-width=${WIDTHS[k] ?? 1.5}
            stroke-dasharray=${l.dashed ? "6 4" : "none"} stroke-linejoin="round" data-line=${k}
            points=${l.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ")} />
            ${n <= 40 ? l.values.map((v, i) => marker(k, x(i), y(v), l.color)) : nothing}`,
        )}
      </svg>
      <ul aria-hidden="true">
        ${this.lines.map(
          (l, k) =>
            html`<li><svg aria-hidden="true" viewBox="0 0 22 10"><line x1="0" y1="5" x2="22" y2="5" stroke=${l.color}
              stroke-width="3" stroke-dasharray=${l.dashed ? "4 3" : "none"} />${marker(k, 11, 5, l.color)}</svg>${l.label}${
                same[k]
                  ? html` <span class="same" data-same>(${fill(t.chartSame, { name: same[k]?.label ?? "" })})</span>`
                  : nothing
              }</li>`,
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
