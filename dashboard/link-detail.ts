/**
 * An open campaign link: its QR code — fetched with the key and shown as `<img>` from a `blob:`
 * URL, never the SVG inserted as markup — SVG and print PNG downloads, copy of the short link,
 * and with a `full` key rename and disable / enable. Sends `link-updated` with the new state.
 */
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { textDir } from "./data-table";
import { emit } from "./events";
import { type Lang, strings } from "./i18n";
import { linkDetailStyles } from "./link-detail.styles";
import { type CampaignLink, downloadBlob, fetchQr, qrFileName, updateLink } from "./links-api";
import { panelStyles } from "./panel.styles";
import { attributes, inputs, states } from "./properties";
import { shellStyles } from "./styles";

export class LinkDetail extends LitElement {
  static override properties = {
    ...inputs("apiKey", "link", "readOnly"),
    ...attributes("locale"),
    ...states("qrUrl", "qrError", "busy", "note", "rowError"),
  };
  apiKey = "";
  link: CampaignLink | null = null;
  /** A `read` API key: no rename, enable or disable. */
  readOnly = false;
  locale: Lang = "en";
  /** `blob:` URL of the link's SVG QR code. */
  qrUrl = "";
  qrError = "";
  /** An action on the link is running (buttons disabled). */
  busy = false;
  note = "";
  rowError = "";
  #qrBlob: Blob | null = null;
  #qrRequest = 0;
  static override styles = [shellStyles, panelStyles, linkDetailStyles];

  get #t() {
    return strings(this.locale).links;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another link (or the first): its own QR code and no message of the previous one.
    if (changed.has("link") && this.link && changed.get("link")?.id !== this.link.id)
      void this.#loadQr(this.link);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#dropQr();
  }

  #dropQr(): void {
    if (this.qrUrl) URL.revokeObjectURL(this.qrUrl);
    this.qrUrl = "";
    this.#qrBlob = null;
  }

  async #loadQr(link: CampaignLink): Promise<void> {
    const request = ++this.#qrRequest;
    this.#dropQr();
    this.note = "";
    this.rowError = "";
    this.qrError = "";
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
      emit(this, "link-updated", { link: updated });
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

  override render() {
    const l = this.link;
    if (!l) return nothing;
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

if (!customElements.get("link-detail")) customElements.define("link-detail", LinkDetail);

declare global {
  interface HTMLElementTagNameMap {
    "link-detail": LinkDetail;
  }
}
