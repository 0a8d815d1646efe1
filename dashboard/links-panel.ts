/**
 * Campaign links and their printable QR codes (`/api/v1/links`): the site's links, newest first,
 * 50 a page, with scans and conversations; the create form (link-form.ts); per link its QR code
 * and actions (link-detail.ts), opened from its row.
 *
 * Names and tags are written by people: every value is a Lit text binding (never HTML), and
 * nothing sets a `style` attribute (the CSP refuses inline styles).
 */
import { html, nothing, type PropertyValues } from "lit";
import { downloadCsv, toCsv } from "./csv";
import { textDir } from "./data-table";
import type { DashboardEvent } from "./events";
import { formatDateTime, formatNumber } from "./format";
import { strings } from "./i18n";
import { type CampaignLink, listLinks } from "./links-api";
import { linksPanelStyles } from "./links-panel.styles";
import { panelStyles, tableStyles } from "./panel.styles";
import { states } from "./properties";
import { SiteElement } from "./site-element";
import { shellStyles } from "./styles";
import "./link-detail";
import "./link-form";

const PAGE = 50;

/**
 * A short link that wraps only after a slash, never inside its code: "…/r/" then "3y826sw6",
 * not "…/r/3y" and "826sw6" (the text is the same: `<wbr>` adds no character).
 */
export function shortUrl(url: string) {
  const cut = url.lastIndexOf("/") + 1;
  const parts = url.slice(0, cut).match(/[^/]*\/+/g) ?? [];
  return html`<bdi dir="ltr">${parts.map((p) => html`${p}<wbr>`)}<span class="code">${url.slice(cut)}</span></bdi>`;
}

export class LinksPanel extends SiteElement {
  static override properties = {
    ...states("links", "cursor", "listError", "openId"),
  };
  links: CampaignLink[] = [];
  cursor: string | null = null;
  listError = "";
  /** The link whose QR code and actions are shown. */
  openId: string | null = null;
  static override styles = [shellStyles, panelStyles, tableStyles, linksPanelStyles];

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has("apiKey") && this.apiKey) void this.load(false);
  }

  get #t() {
    return strings(this.locale).links;
  }

  async load(more: boolean): Promise<void> {
    try {
      const page = await listLinks(this.apiKey, {
        limit: PAGE,
        ...(more && this.cursor ? { cursor: this.cursor } : {}),
      });
      this.links = more ? [...this.links, ...page.data] : page.data;
      this.cursor = page.next_cursor;
      this.listError = "";
    } catch (e) {
      this.listError = (e as Error).message;
    }
  }

  #created(e: DashboardEvent<"link-created">): void {
    const link = e.detail.link;
    this.links = [link, ...this.links.filter((l) => l.id !== link.id)];
    this.openId = link.id;
  }

  #updated(e: DashboardEvent<"link-updated">): void {
    const updated = e.detail.link;
    this.links = this.links.map((l) => (l.id === updated.id ? updated : l));
  }

  #exportCsv(): void {
    const t = this.#t;
    downloadCsv(
      "chatref-campaign-links.csv",
      toCsv(
        [
          t.colName,
          t.colShortLink,
          t.colSource,
          t.colMedium,
          t.colCampaign,
          "utm_content",
          t.colScans,
          t.colConversations,
          t.colCreated,
          t.colStatus,
        ],
        this.links.map((l) => [
          l.name,
          l.short_url,
          l.utm.source,
          l.utm.medium,
          l.utm.campaign,
          l.utm.content,
          l.scan_count,
          l.lead_count,
          l.created_at,
          l.disabled ? t.disabled : t.active,
        ]),
      ),
    );
  }

  override render() {
    const t = this.#t;
    const g = strings(this.locale).shell;
    return html`
      <section class="card" aria-labelledby="links-h2">
        <h2 id="links-h2">${t.heading}</h2>
        <p class="muted intro">${t.intro}</p>
        ${
          this.readOnly
            ? nothing
            : html`<link-form .apiKey=${this.apiKey} locale=${this.locale}
                .foldable=${this.links.length > 0} @link-created=${this.#created}></link-form>`
        }
        <div class="list">
          <div class="list-head">
            <h3 id="links-h3">${t.links}</h3>
            <div class="tools">
              <button type="button" @click=${() => this.load(false)}>${t.refresh}</button>
              ${
                this.links.length
                  ? html`<button type="button" aria-label="${g.exportCsv}: ${t.heading}"
                      @click=${() => this.#exportCsv()}>${g.exportCsv}</button>`
                  : nothing
              }
            </div>
          </div>
          ${
            this.listError
              ? html`<p class="error" role="alert">${t.loadFailed}: ${this.listError}</p>`
              : nothing
          }
          ${this.links.length ? this.#table() : html`<p class="muted">${t.empty}</p>`}
          ${
            this.cursor
              ? html`<p class="more"><button type="button" @click=${() => this.load(true)}>${g.loadMore}</button></p>`
              : nothing
          }
        </div>
      </section>
    `;
  }

  #table() {
    const t = this.#t;
    const g = strings(this.locale).shell;
    const text = (v: string | null) => {
      const s = v ?? g.notSet;
      return html`<bdi dir=${textDir(s)}>${s}</bdi>`;
    };
    return html`<div class="scroll" tabindex="0" role="region" aria-labelledby="links-h3">
      <table aria-labelledby="links-h3">
        <thead><tr>
          <th scope="col">${t.colName}</th>
          <th scope="col">${t.colShortLink}</th>
          <th scope="col">${t.colSource}</th>
          <th scope="col">${t.colMedium}</th>
          <th scope="col">${t.colCampaign}</th>
          <th scope="col" class="num">${t.colScans}</th>
          <th scope="col" class="num">${t.colConversations}</th>
          <th scope="col">${t.colCreated}</th>
          <th scope="col">${t.colStatus}</th>
          <th scope="col">${t.colQr}</th>
        </tr></thead>
        <tbody>${this.links.map((l) => {
          const open = this.openId === l.id;
          return html`<tr data-link=${l.id} class="${l.disabled ? "off" : ""} ${open ? "open" : ""}">
              <th scope="row">${text(l.name)}</th>
              <td class="url" data-label=${t.colShortLink}>${shortUrl(l.short_url)}</td>
              <td class="tag" data-label=${t.colSource}>${text(l.utm.source)}</td>
              <td class="tag" data-label=${t.colMedium}>${text(l.utm.medium)}</td>
              <td class="tag" data-label=${t.colCampaign}>${text(l.utm.campaign)}</td>
              <td class="num" data-label=${t.colScans} data-count="scans">${formatNumber(this.locale, l.scan_count)}</td>
              <td class="num" data-label=${t.colConversations} data-count="conversations">${formatNumber(this.locale, l.lead_count)}</td>
              <td class="date" data-label=${t.colCreated}><bdi dir="ltr">${formatDateTime(l.created_at, this.tz)}</bdi></td>
              <td data-label=${t.colStatus}><span class="status ${l.disabled ? "off" : "on"}">${l.disabled ? t.disabled : t.active}</span></td>
              <td class="act"><button type="button" aria-expanded=${open ? "true" : "false"}
                aria-controls="detail-${l.id}" aria-label="${open ? t.hideQr : t.showQrLabel}: ${l.name}"
                @click=${() => (this.openId = open ? null : l.id)}>${open ? t.hideQr : t.showQr}</button></td>
            </tr>
            ${
              open
                ? html`<tr class="detail"><td colspan="10" id="detail-${l.id}"><link-detail
                    .apiKey=${this.apiKey} .link=${l} .readOnly=${this.readOnly} locale=${this.locale}
                    @link-updated=${this.#updated}></link-detail></td></tr>`
                : nothing
            }`;
        })}</tbody>
      </table>
    </div>`;
  }
}

if (!customElements.get("links-panel")) customElements.define("links-panel", LinksPanel);

declare global {
  interface HTMLElementTagNameMap {
    "links-panel": LinksPanel;
  }
}
