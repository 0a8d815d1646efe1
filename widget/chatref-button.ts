/**
 * `<chatref-button>`: a click-to-chat link, inline where it is placed or fixed to a corner
 * (`floating`). Its own attributes override the script tag's `data-*`. On a phone, activation
 * sets its href to a wa.me link whose prefilled message carries a fresh ref, synchronously, so
 * the browser opens the chat at once; the beacon and events happen alongside (see open-chat.ts).
 *
 * On a desktop it shows a panel with the QR of that link instead, so the phone that scans it
 * carries this visit's ref. The panel is a modal `<dialog>` in this shadow root: the top layer
 * (no layout shift, nothing on the page can cover it), and native `showModal()` gives the dialog
 * role, `aria-modal`, the focus move and trap, and Esc. Its content comes from widget-qr.js
 * (qr/panel.ts), loaded on the tap; the dialog opens when it is there. If it fails to load, the
 * dialog opens with only the chat link and a close button.
 *
 * A plain custom element that renders with lit-html: it needs none of LitElement's machinery
 * (decorators, converters, reflection, controllers), which cost 3 KB gzip of widget.js. What it
 * keeps of it: each attribute sets its property, setting a property schedules one render in a
 * microtask once the element has been connected, the host is `this` in event listeners, and the
 * styles are adopted (styles.ts). Where the page's Trusted Types refuse the widget's policy it
 * renders a plain chat link instead (plain-button.ts).
 */
import { html, nothing, render } from "lit/html.js";
import { buttonStyles } from "./button-styles";
import { desktopMode, getConfig } from "./config";
import { isDesktop } from "./device";
import { reportError } from "./events";
import { direction } from "./i18n";
import { chatUrl } from "./message";
import { openChat, type PreparedChat } from "./open-chat";
import { optinBeacon, optinBox, optinText } from "./optin";
import { optinStyles } from "./optin-styles";
import { renderPlain } from "./plain-button";
import type { QrChunk } from "./qr/chunk-api";
import { loadQr } from "./qr-loader";
import { resolveSettings, type Settings } from "./settings";
import { adoptStyles } from "./styles";
import { blocked } from "./trusted-types";
import { whatsappIcon } from "./whatsapp-icon";

/** The attributes, each mirrored by a property of the same name (set from the attribute). */
const ATTRIBUTES = ["number", "lang", "message", "label", "floating", "desktop", "optin"];

const STYLES = buttonStyles + optinStyles;

/** Click-to-chat button. Fires `chatref:click` (cancelable) and `chatref:error`. */
export class ChatrefButton extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

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
  /** On a desktop: `qr` (default) shows the QR panel, `chat` opens the link; overrides `data-desktop`. */
  declare desktop: string | undefined;
  /** Opt-in checkbox: `off`, `optional` or `required`; overrides `data-optin`. */
  declare optin: string | undefined;
  /** The open panel: its chat, title and widget-qr.js (absent when it failed to load). */
  declare private panel: { chat: PreparedChat; label: string; qr?: QrChunk } | undefined;

  /** The properties' values. */
  declare private values: Record<string, unknown>;
  /** The shadow root, once connected. */
  declare private renderRoot: ShadowRoot | undefined;
  /** A render is scheduled. */
  declare private pending: boolean;
  declare private reported: boolean;
  /** A panel is being prepared (widget-qr.js is loading): further taps wait for it. */
  declare private opening: boolean;

  constructor() {
    super();
    this.values = {};
    // Properties set on the element before it was upgraded go through the accessors.
    for (const name of [...ATTRIBUTES, "panel"]) {
      if (Object.hasOwn(this, name)) {
        const value = (this as Record<string, unknown>)[name];
        delete (this as Record<string, unknown>)[name];
        (this as Record<string, unknown>)[name] = value;
      }
    }
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    (this as Record<string, unknown>)[name] = value;
  }

  connectedCallback(): void {
    if (!this.renderRoot) {
      const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      adoptStyles(root, STYLES);
      this.renderRoot = root;
    }
    this.requestUpdate();
  }

  /** Renders in a microtask, once however many properties change (not before connected). */
  requestUpdate(): void {
    if (!this.renderRoot || this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      const root = this.renderRoot as ShadowRoot;
      try {
        if (blocked) this.renderPlain(root);
        else {
          render(this.render(), root, { host: this });
          this.updated();
        }
      } catch (error) {
        // A page that refuses what lit-html writes (Trusted Types) must not see it thrown.
        reportError(this, "internal", `render failed: ${error}`);
      }
    });
  }

  private settings(): Settings {
    return resolveSettings(this, this);
  }

  /** The settings, or undefined (reported once) when no number is set anywhere. */
  private linkSettings(): Settings | undefined {
    const settings = this.settings();
    if (settings.number) return settings;
    if (!this.reported) {
      this.reported = true;
      reportError(this, "missing_number", "no WhatsApp number: set data-number or number=");
    }
  }

  /** The page refused the widget's Trusted Types policy: the link without lit-html. */
  private renderPlain(root: ShadowRoot): void {
    const settings = this.linkSettings();
    if (settings) {
      const { number, lang, label } = settings;
      const activate = (event: MouseEvent) => this.onActivate(event);
      renderPlain(root, { url: chatUrl(number), lang, dir: direction(lang), label }, activate);
    }
  }

  render() {
    try {
      const settings = this.linkSettings();
      if (!settings) return nothing;
      const { number, lang, label } = settings;
      // Kept on few lines on purpose: whitespace inside a template is shipped as is.
      return html`<a class="btn" part="button" href=${chatUrl(number)} target="_blank" rel="noopener"
lang=${lang} dir=${direction(lang)} @click=${this.onActivate} @auxclick=${this.onActivate}
>${whatsappIcon}<span part="label">${label}</span></a>${optinBox(this.optin ?? getConfig().optin, lang)}${this.renderPanel()}`;
    } catch (error) {
      reportError(this, "internal", `render failed: ${error}`);
      return nothing;
    }
  }

  private renderPanel() {
    const panel = this.panel;
    if (!panel) return nothing;
    const { chat, label, qr } = panel;
    const close = () => this.renderRoot?.querySelector("dialog")?.close();
    // A click whose target is the dialog itself landed on the backdrop (the content fills it).
    const backdrop = (e: Event) => e.target === e.currentTarget && close();
    return html`<dialog part="panel" aria-labelledby="t" aria-describedby="d" aria-modal="true"
lang=${chat.lang} dir=${direction(chat.lang)} @click=${backdrop} @close=${this.onPanelClosed}>${
      qr
        ? qr.panel(this, chat, label, close)
        : html`<a id="t" part="web" href=${chat.url} target="_blank" rel="noopener" @click=${close}
>${label}</a> <button part="close" @click=${close}>×</button>`
    }</dialog>`;
  }

  protected updated(): void {
    const dialog = this.renderRoot?.querySelector("dialog");
    try {
      if (dialog && !dialog.open) dialog.showModal();
    } catch (error) {
      reportError(this, "internal", `could not open the QR panel: ${error}`);
      this.panel = undefined;
    }
  }

  /** True when this tap should show the QR panel rather than open the chat. */
  private wantsPanel(event: MouseEvent): boolean {
    if (blocked || event.type === "auxclick" || event.ctrlKey || event.metaKey || event.shiftKey)
      return false;
    const mode = this.desktop ? desktopMode(this.desktop) : getConfig().desktop;
    return mode === "qr" && isDesktop();
  }

  /**
   * Click, Enter, or middle click: prepare the chat before the browser follows the link, or, for
   * the desktop panel, stay on the page and open the panel once widget-qr.js is there.
   */
  private onActivate(event: MouseEvent): void {
    if (event.type === "auxclick" && event.button !== 1) return;
    try {
      const panel = this.wantsPanel(event);
      if (panel) event.preventDefault();
      if (panel && this.opening) return;
      const box = this.renderRoot?.querySelector("input");
      // Required and not ticked: no chat; the browser focuses the checkbox and shows (and
      // announces) its own localised validation message.
      if (box && !box.reportValidity()) {
        event.preventDefault();
        return;
      }
      const { number, lang, message, label } = this.settings();
      const placement = panel ? "qr_panel" : "button";
      const optin = box ? optinBeacon(box.checked, optinText(lang)) : undefined;
      const chat = openChat(this, { number, lang, template: message, placement, optin });
      if (chat.cancelled) event.preventDefault();
      if (!panel) {
        (event.currentTarget as HTMLAnchorElement).href = chat.url;
      } else if (!chat.cancelled) {
        this.opening = true;
        const open = (qr?: QrChunk) => {
          this.opening = false;
          this.panel = { chat, label, qr };
        };
        loadQr(this).then(open, () => open());
      }
    } catch (error) {
      // The link still opens the chat, only without a ref.
      reportError(this, "internal", `ref failed: ${error}`);
    }
  }

  /** The dialog closed (close button, Esc, backdrop, or the WhatsApp Web link): focus the button. */
  private onPanelClosed(): void {
    this.panel = undefined;
    this.renderRoot?.querySelector<HTMLElement>(".btn")?.focus();
  }
}

/** What the accessors see of a button (`values` is private to the class). */
type Reactive = { values: Record<string, unknown>; requestUpdate(): void };

// The properties: setting one to a new value schedules a render (like Lit's reactive properties).
for (const name of [...ATTRIBUTES, "panel"]) {
  Object.defineProperty(ChatrefButton.prototype, name, {
    get(this: Reactive) {
      return this.values[name];
    },
    set(this: Reactive, value: unknown) {
      if (!Object.is(this.values[name], value)) {
        this.values[name] = value;
        this.requestUpdate();
      }
    },
    configurable: true,
    enumerable: true,
  });
}

declare global {
  interface HTMLElementTagNameMap {
    "chatref-button": ChatrefButton;
  }
}
