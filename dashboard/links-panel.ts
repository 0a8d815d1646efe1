/**
 * Campaign links and their printable QR codes (`/api/v1/links`): the site's links, newest first,
 * 50 a page, with scans and conversations; a create form showing the API's 400 answers next to
 * the field they name; per link its QR code, SVG / PNG downloads, copy, rename, disable / enable.
 *
 * Names and tags are written by people: every value is a Lit text binding (never HTML). QR codes
 * are fetched with the key and shown as `<img>` from a `blob:` URL — never the SVG inserted as
 * markup — and nothing sets a `style` attribute (the CSP refuses inline styles).
 */
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { STRINGS as CHAT_STRINGS } from "../../widget/i18n";
import { ApiFailure } from "./api";
import { downloadCsv, toCsv } from "./csv";
import { textDir } from "./data-table";
import { formatDateTime, formatNumber } from "./format";
import { type Lang, strings } from "./i18n";
import {
  type CampaignLink,
  createLink,
  downloadBlob,
  errorField,
  type FieldName,
  fetchQr,
  listLinks,
  type NewLink,
  qrFileName,
  TEXT_FIELDS,
  updateLink,
} from "./links-api";
import { shellStyles } from "./styles";

/** The languages a link's chat message can be in (the API's `lang` enum: the widget's). */
export const CHAT_LANGS = Object.keys(CHAT_STRINGS);
const PAGE = 50;

/** A language's name in the interface language ("es" → "Spanish"), else its code. */
function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

const panelStyles = css`
  h3 { margin: 0; font-size: 15px; }
  .intro { margin: 0 0 12px; max-width: 70ch; }
  .new { border-top: 1px solid #e3e6ea; padding-top: 12px; margin-top: 4px; }
  .new h3 { margin-bottom: 8px; }
  .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 210px), 1fr));
    gap: 10px 14px; align-items: start; }
  .more-fields { display: flex; flex-wrap: wrap; gap: 10px 14px; margin-top: 10px; align-items: start; }
  .more-fields .lang { flex: 0 1 230px; }
  .more-fields .msg { flex: 1 1 320px; }
  .field { display: grid; gap: 2px; min-width: 0; }
  .field input, .field select, .field textarea { width: 100%; }
  .field .muted, .field .error { margin: 0; font-size: 12px; }
  textarea { font: inherit; font-size: 14px; padding: 6px 8px; border: 1px solid #8a96a3; border-radius: 6px;
    background: #fff; color: #1f2933; min-height: 60px; resize: vertical; }
  textarea:focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
  [aria-invalid="true"] { border-color: #b3261e; border-width: 2px; }
  .form-end { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; margin-top: 12px; }
  .form-end p { margin: 0; }
  .ok { color: #0b6b2f; font-weight: 600; }
  .list { margin-top: 18px; border-top: 1px solid #e3e6ea; padding-top: 12px; container-type: inline-size; }
  .list-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; }
  .list-head .tools { display: flex; gap: 8px; }
  .list-head button { font-size: 13px; min-height: 32px; padding: 4px 10px; }
  .scroll { overflow-x: auto; margin-top: 8px; }
  .scroll:focus-visible { outline: 3px solid #1a73e8; }
  table { width: 100%; border-collapse: collapse; font-size: 13px; }
  th, td { padding: 6px 8px; border-bottom: 1px solid #e3e6ea; text-align: start; vertical-align: top; }
  thead th { font-weight: 600; color: #3e4a56; white-space: nowrap; }
  tbody th { font-weight: 600; overflow-wrap: anywhere; min-width: 7em; max-width: 16em; }
  td { overflow-wrap: anywhere; }
  td.url { min-width: 12em; }
  td.date { white-space: nowrap; }
  td.tag { min-width: 5em; }
  .num { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; }
  td.act button { font-size: 13px; min-height: 32px; padding: 4px 10px; white-space: nowrap; }
  button[aria-expanded="true"] { background: #e8f1ec; border-color: #0b5d3b; }
  tr.off > :not(.act) { color: #5b6570; }
  .status { display: inline-block; justify-self: start; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
    white-space: nowrap; }
  .status.on { background: #e3f4ea; color: #0b5d3b; }
  .status.off { background: #eceff2; color: #3e4a56; }
  tr.detail > td { background: #f7f9fa; padding: 14px; border-bottom: 2px solid #d5dbe1; }
  .detail-grid { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 16px 20px; align-items: start; }
  .qr { margin: 0; display: grid; justify-items: center; gap: 6px; }
  .qr-box { width: 200px; height: 200px; display: grid; place-items: center; background: #fff;
    border: 1px solid #d5dbe1; border-radius: 6px; }
  .qr img { display: block; width: 184px; height: 184px; }
  .actions { display: grid; gap: 12px; min-width: 0; max-width: 560px; }
  .actions h4 { margin: 0; font-size: 15px; overflow-wrap: anywhere; }
  .actions p { margin: 0; }
  .actions p.ok:empty { margin-top: -12px; }
  .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; }
  .row label { flex: 1 1 200px; min-width: 0; }
  .row input { width: 100%; }
  input[readonly] { background: #f3f5f7; }
  .more { margin: 10px 0 0; }
  @container (max-width: 760px) {
    thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    table, tbody, tr, tbody th, td { display: block; }
    tbody tr { border: 1px solid #d5dbe1; border-radius: 8px; margin-bottom: 10px; padding: 6px 0; background: #fff; }
    tbody tr.detail { margin-top: -12px; border-top: 0; border-radius: 0 0 8px 8px; padding: 0; }
    tbody th, td { border: 0; padding: 3px 10px; max-width: none; }
    tbody th { font-size: 14px; }
    td[data-label] { display: grid; grid-template-columns: minmax(7em, 38%) minmax(0, 1fr); gap: 8px; }
    td[data-label] > * { justify-self: start; }
    td[data-label]::before { content: attr(data-label); font-weight: 600; color: #3e4a56; white-space: normal; }
    .num { text-align: start; }
    td.act { padding-top: 6px; }
    tr.detail > td { border-bottom: 0; border-radius: 0 0 8px 8px; }
    .detail-grid { grid-template-columns: minmax(0, 1fr); }
  }
`;

interface FormError {
  field: FieldName | null;
  message: string;
}

export class LinksPanel extends LitElement {
  static override properties = {
    apiKey: { attribute: false },
    readOnly: { attribute: false },
    locale: {},
    tz: {},
    links: { state: true },
    cursor: { state: true },
    listError: { state: true },
    creating: { state: true },
    formError: { state: true },
    formNote: { state: true },
    openId: { state: true },
    qrUrl: { state: true },
    qrError: { state: true },
    busy: { state: true },
    note: { state: true },
    rowError: { state: true },
  };
  apiKey = "";
  /** A `read` API key: no create, rename, enable or disable. */
  readOnly = false;
  locale: Lang = "en";
  /** The site's time zone, for the dates shown. */
  tz = "UTC";
  links: CampaignLink[] = [];
  cursor: string | null = null;
  listError = "";
  creating = false;
  formError: FormError | null = null;
  formNote = "";
  /** The link whose QR code and actions are shown. */
  openId: string | null = null;
  /** `blob:` URL of the open link's SVG QR code. */
  qrUrl = "";
  qrError = "";
  /** An action on the open link is running (buttons disabled). */
  busy = false;
  note = "";
  rowError = "";
  #qrBlob: Blob | null = null;
  #qrRequest = 0;
  static override styles = [shellStyles, panelStyles];

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has("apiKey") && this.apiKey) void this.load(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#dropQr();
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

  async #create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const body: Record<string, string> = {};
    for (const [k, v] of data) {
      const value = String(v).trim();
      if (value) body[k] = value;
    }
    this.creating = true;
    this.formNote = "";
    try {
      const link = await createLink(this.apiKey, body as unknown as NewLink);
      this.formError = null;
      form.reset();
      this.links = [link, ...this.links.filter((l) => l.id !== link.id)];
      this.formNote = this.#t.created;
      void this.#open(link);
    } catch (err) {
      const message = (err as Error).message;
      this.formError = { field: err instanceof ApiFailure ? errorField(message) : null, message };
      await this.updateComplete;
      const field = this.formError.field;
      if (field) this.renderRoot.querySelector<HTMLElement>(`#f-${field}`)?.focus();
    } finally {
      this.creating = false;
    }
  }

  #dropQr(): void {
    if (this.qrUrl) URL.revokeObjectURL(this.qrUrl);
    this.qrUrl = "";
    this.#qrBlob = null;
  }

  /** Shows `link`'s QR code and actions (or hides them when it is already open). */
  async #open(link: CampaignLink, toggle = false): Promise<void> {
    const request = ++this.#qrRequest;
    this.#dropQr();
    this.note = "";
    this.rowError = "";
    this.qrError = "";
    if (toggle && this.openId === link.id) {
      this.openId = null;
      return;
    }
    this.openId = link.id;
    try {
      const blob = await fetchQr(this.apiKey, link.id, "svg");
      if (request !== this.#qrRequest) return;
      this.#qrBlob = blob;
      this.qrUrl = URL.createObjectURL(blob);
    } catch (e) {
      if (request === this.#qrRequest) this.qrError = (e as Error).message;
    }
  }

  async #downloadPng(link: CampaignLink): Promise<void> {
    this.busy = true;
    this.rowError = "";
    try {
      downloadBlob(qrFileName(link, "png"), await fetchQr(this.apiKey, link.id, "png"));
    } catch (e) {
      this.rowError = `${this.#t.qrFailed}: ${(e as Error).message}`;
    } finally {
      this.busy = false;
    }
  }

  #downloadSvg(link: CampaignLink): void {
    if (this.#qrBlob) downloadBlob(qrFileName(link, "svg"), this.#qrBlob);
  }

  async #copy(link: CampaignLink): Promise<void> {
    this.note = "";
    this.rowError = "";
    try {
      await navigator.clipboard.writeText(link.short_url);
      this.note = this.#t.copied;
    } catch {
      // No clipboard access: select the link so that Ctrl+C / the menu copies it.
      const input = this.renderRoot.querySelector<HTMLInputElement>("#short-url");
      input?.focus();
      input?.select();
      this.rowError = this.#t.copyFailed;
    }
  }

  async #update(
    link: CampaignLink,
    change: { name?: string; disabled?: boolean },
    done: string,
  ): Promise<void> {
    this.busy = true;
    this.note = "";
    this.rowError = "";
    try {
      const updated = await updateLink(this.apiKey, link.id, change);
      this.links = this.links.map((l) => (l.id === updated.id ? updated : l));
      this.note = done;
    } catch (e) {
      this.rowError = `${this.#t.updateFailed}: ${(e as Error).message}`;
    } finally {
      this.busy = false;
    }
  }

  #rename(e: SubmitEvent, link: CampaignLink): void {
    e.preventDefault();
    const name = new FormData(e.target as HTMLFormElement).get("name")?.toString().trim() ?? "";
    if (name === link.name) return;
    void this.#update(link, { name }, this.#t.renamed);
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
        ${this.readOnly ? nothing : this.#form()}
        <div class="list">
          <div class="list-head">
            <h3 id="links-h3">${t.links}</h3>
            <div class="tools">
              <button type="button" @click=${() => this.load(false)}>${t.refresh}</button>
              <button type="button" ?disabled=${!this.links.length}
                aria-label="${g.exportCsv}: ${t.heading}" @click=${() => this.#exportCsv()}>${g.exportCsv}</button>
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

  #form() {
    const t = this.#t;
    const err = this.formError;
    const labels: Record<(typeof TEXT_FIELDS)[number]["name"], string> = {
      name: t.name,
      utm_source: t.source,
      utm_medium: t.medium,
      utm_campaign: t.campaign,
      utm_content: t.content,
    };
    const errorFor = (field: FieldName) =>
      err?.field === field
        ? html`<p id="f-${field}-error" class="error" role="alert">${t.createFailed}: ${err.message}</p>`
        : nothing;
    const describedBy = (field: FieldName, help: boolean) =>
      [help ? `f-${field}-help` : "", err?.field === field ? `f-${field}-error` : ""]
        .filter(Boolean)
        .join(" ") || nothing;
    const invalid = (field: FieldName) => (err?.field === field ? "true" : "false");
    return html`<form class="new" @submit=${this.#create} aria-labelledby="new-h"
      @input=${() => (this.formNote = "")}>
      <h3 id="new-h">${t.newLink}</h3>
      <div class="fields">
        ${TEXT_FIELDS.map(
          (f) => html`<div class="field">
            <label for="f-${f.name}">${labels[f.name]}</label>
            <input id="f-${f.name}" name=${f.name} maxlength=${f.max} autocomplete="off"
              ?required=${f.name === "name"} aria-invalid=${invalid(f.name)}
              aria-describedby=${describedBy(f.name, f.name === "name")} />
            ${f.name === "name" ? html`<p id="f-name-help" class="muted">${t.nameHelp}</p>` : nothing}
            ${errorFor(f.name)}
          </div>`,
        )}
      </div>
      <div class="more-fields">
        <div class="field lang">
          <label for="f-lang">${t.chatLang}</label>
          <select id="f-lang" name="lang" aria-invalid=${invalid("lang")}
            aria-describedby=${describedBy("lang", false)}>
            <option value="">${t.chatLangAuto}</option>
            ${CHAT_LANGS.map((l) => html`<option value=${l}>${languageName(l, this.locale)}</option>`)}
          </select>
          ${errorFor("lang")}
        </div>
        <div class="field msg">
          <label for="f-message">${t.message}</label>
          <textarea id="f-message" name="message" maxlength="300" rows="2"
            aria-invalid=${invalid("message")} aria-describedby=${describedBy("message", true)}></textarea>
          <p id="f-message-help" class="muted">${t.messageHelp}</p>
          ${errorFor("message")}
        </div>
      </div>
      <div class="form-end">
        <button class="primary" type="submit" ?disabled=${this.creating}>${this.creating ? t.creating : t.create}</button>
        ${err && !err.field ? html`<p class="error" role="alert">${t.createFailed}: ${err.message}</p>` : nothing}
        <p class="ok" role="status">${this.formNote}</p>
      </div>
    </form>`;
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
          return html`<tr data-link=${l.id} class=${l.disabled ? "off" : ""}>
              <th scope="row">${text(l.name)}</th>
              <td class="url" data-label=${t.colShortLink}><bdi dir="ltr">${l.short_url}</bdi></td>
              <td class="tag" data-label=${t.colSource}>${text(l.utm.source)}</td>
              <td class="tag" data-label=${t.colMedium}>${text(l.utm.medium)}</td>
              <td class="tag" data-label=${t.colCampaign}>${text(l.utm.campaign)}</td>
              <td class="num" data-label=${t.colScans} data-count="scans">${formatNumber(this.locale, l.scan_count)}</td>
              <td class="num" data-label=${t.colConversations} data-count="conversations">${formatNumber(this.locale, l.lead_count)}</td>
              <td class="date" data-label=${t.colCreated}><bdi dir="ltr">${formatDateTime(l.created_at, this.tz)}</bdi></td>
              <td data-label=${t.colStatus}><span class="status ${l.disabled ? "off" : "on"}">${l.disabled ? t.disabled : t.active}</span></td>
              <td class="act"><button type="button" aria-expanded=${open ? "true" : "false"}
                aria-controls="detail-${l.id}" aria-label="${open ? t.hideQr : t.showQrLabel}: ${l.name}"
                @click=${() => this.#open(l, true)}>${open ? t.hideQr : t.showQr}</button></td>
            </tr>
            ${open ? html`<tr class="detail"><td colspan="10" id="detail-${l.id}">${this.#detail(l)}</td></tr>` : nothing}`;
        })}</tbody>
      </table>
    </div>`;
  }

  #detail(l: CampaignLink) {
    const t = this.#t;
    return html`<div class="detail-grid">
      <figure class="qr">
        <div class="qr-box">
          ${
            this.qrUrl
              ? html`<img src=${this.qrUrl} width="184" height="184" alt="${t.colQr}: ${l.short_url}" />`
              : this.qrError
                ? html`<p class="error" role="alert">${t.qrFailed}: ${this.qrError}</p>`
                : html`<p class="muted" role="status">${t.qrLoading}</p>`
          }
        </div>
      </figure>
      <div class="actions" role="group" aria-labelledby="detail-h">
        <h4 id="detail-h"><bdi dir=${textDir(l.name)}>${l.name}</bdi></h4>
        <p class="ok" role="status">${this.note}</p>
        ${this.rowError ? html`<p class="error" role="alert">${this.rowError}</p>` : nothing}
        <div class="row">
          <label>${t.colShortLink}<input id="short-url" readonly dir="ltr" .value=${l.short_url}
            @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} /></label>
          <button type="button" @click=${() => this.#copy(l)}>${t.copy}</button>
        </div>
        <div class="row">
          <button type="button" ?disabled=${!this.qrUrl} @click=${() => this.#downloadSvg(l)}>${t.downloadSvg}</button>
          <button type="button" ?disabled=${this.busy} @click=${() => this.#downloadPng(l)}>${t.downloadPng}</button>
        </div>
        <p class="muted">${t.printHelp}</p>
        ${this.readOnly ? nothing : this.#edit(l)}
      </div>
    </div>`;
  }

  /** Rename, enable and disable (a `full` key only). */
  #edit(l: CampaignLink) {
    const t = this.#t;
    return html`<form class="row" @submit=${(e: SubmitEvent) => this.#rename(e, l)}>
          <label>${t.name}<input name="name" required maxlength="120" autocomplete="off" .value=${l.name} /></label>
          <button type="submit" ?disabled=${this.busy}>${t.saveName}</button>
        </form>
        <div class="row">
          <button type="button" ?disabled=${this.busy}
            @click=${() => this.#update(l, { disabled: !l.disabled }, l.disabled ? t.nowEnabled : t.nowDisabled)}>
            ${l.disabled ? t.enable : t.disable}</button>
        </div>
        <p class="muted">${t.disableHelp}</p>`;
  }
}

if (!customElements.get("links-panel")) customElements.define("links-panel", LinksPanel);

declare global {
  interface HTMLElementTagNameMap {
    "links-panel": LinksPanel;
  }
}
