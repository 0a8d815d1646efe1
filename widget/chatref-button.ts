/**
 * `<chatref-button>`: a click-to-chat link, inline where it is placed or fixed to a corner
 * (`floating`). Its own attributes override the script tag's `data-*`. On activation it sets
 * its href to a wa.me link whose prefilled message carries a fresh ref, synchronously, so the
 * browser opens the chat at once; the beacon and events happen alongside (see open-chat.ts).
 */
import { html, LitElement, nothing } from "lit";
import { buttonStyles } from "./button-styles";
import { digitsOnly, getConfig } from "./config";
import { reportError } from "./events";
import { direction, pickLang, stringsFor } from "./i18n";
import { chatUrl } from "./message";
import { openChat } from "./open-chat";
import { whatsappIcon } from "./whatsapp-icon";

/** The element's settings after applying element → script → page → browser precedence. */
interface Settings {
  number: string;
  lang: string;
  label: string;
  message: string;
}

/** Click-to-chat button. Fires `chatref:click` (cancelable) and `chatref:error`. */
export class ChatrefButton extends LitElement {
  static override properties = {
    number: {},
    lang: {},
    message: {},
    label: {},
    floating: {},
  };

  static override styles = buttonStyles;

  /** WhatsApp number in any format (digits are kept); overrides `data-number`. */
  declare number: string | undefined;
  /** Language of label and message (`ru`, `pt-BR`, ...); overrides `data-lang` and the page's. */
  declare lang: string;
  /** Prefilled message template; `{ref}` marks the ref's place (appended when absent). */
  declare message: string | undefined;
  /** Visible label; overrides `data-label` and the localised default. */
  declare label: string | undefined;
  /** When present, fixed to a corner: `bottom-right` (also the empty value) or `bottom-left`. */
  declare floating: string | undefined;

  private reported = false;

  private settings(): Settings {
    const config = getConfig();
    const nav = navigator;
    const lang = pickLang(
      this.lang,
      config.lang,
      this.parentElement?.closest("[lang]")?.getAttribute("lang"),
      document.documentElement.lang,
      ...(nav.languages ?? []),
      nav.language,
    );
    return {
      number: digitsOnly(this.number) || config.number,
      lang,
      label: this.label || config.label || stringsFor(lang).label,
      message: this.message ?? config.message,
    };
  }

  override render() {
    try {
      const { number, lang, label } = this.settings();
      if (!number) {
        if (!this.reported) {
          this.reported = true;
          reportError(this, "missing_number", "no WhatsApp number: set data-number or number=");
        }
        return nothing;
      }
      // Kept on few lines on purpose: whitespace inside a template is shipped as is.
      return html`<a part="button" href=${chatUrl(number)} target="_blank" rel="noopener"
lang=${lang} dir=${direction(lang)} @click=${this.onActivate} @auxclick=${this.onActivate}
>${whatsappIcon}<span part="label">${label}</span></a>`;
    } catch (error) {
      reportError(this, "internal", `render failed: ${error}`);
      return nothing;
    }
  }

  /** Click, Enter, or middle click: prepare the chat before the browser follows the link. */
  private onActivate(event: MouseEvent): void {
    if (event.type === "auxclick" && event.button !== 1) return;
    try {
      const { number, lang, message } = this.settings();
      const chat = openChat(this, { number, lang, template: message, placement: "button" });
      (event.currentTarget as HTMLAnchorElement).href = chat.url;
      if (chat.cancelled) event.preventDefault();
    } catch (error) {
      // The link still opens the chat, only without a ref.
      reportError(this, "internal", `could not prepare the chat: ${error}`);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "chatref-button": ChatrefButton;
  }
}
