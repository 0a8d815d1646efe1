/**
 * `<chatref-button>`: a click-to-chat link, inline where it is placed or fixed to a corner
 * (`floating`). Its own attributes override the script tag's `data-*`. On a phone, activation
 * sets its href to the app's link (wa.me with a prefilled message, or the Telegram, Messenger or
 * Instagram deep link) carrying a fresh ref, synchronously, so the browser opens the chat at
 * once; the beacon and events happen alongside (see open-chat.ts). With several apps configured
 * (and no `channel`), the button opens a chooser in the same `<dialog>` as the QR panel: a list
 * of the apps' links, each of which then acts as a one-app button (chooser.ts).
 *
 * On a desktop it shows a panel with the QR of that link instead, so the phone that scans it
 * carries this visit's ref. The panel is a modal `<dialog>` in this shadow root: the top layer
 * (no layout shift, nothing on the page can cover it), and native `showModal()` gives the dialog
 * role, `aria-modal`, the focus move and trap, and Esc. Its content comes from widget-qr.js
 * (qr/panel.ts), loaded on the tap; the dialog opens when it is there. If it fails to load, the
 * dialog opens with only the chat link and a close button.
 *
 * A plain custom element that renders with lit-html (LitElement would cost 3 KB gzip): each
 * attribute sets its property, a property set schedules one render (reactive-props.ts), and the
 * styles are adopted (styles.ts). Where the page's Trusted Types refuse the widget's policy it
 * renders a plain link to the first app instead (plain-button.ts).
 */
import { html, nothing, render } from "lit/html.js";
import { buttonStyles } from "./button-styles";
import { type App, appLink } from "./channels";
import { appIcon, appIconPath } from "./chat-icon";
import { chooserContent } from "./chooser";
import { desktopMode, getConfig } from "./config";
import { isDesktop } from "./device";
import { reportError } from "./events";
import { defaultLabel, direction } from "./i18n";
import { openChat, type PreparedChat } from "./open-chat";
import { optinBeacon, optinBox, optinText } from "./optin";
import { optinStyles } from "./optin-styles";
import { renderPlain } from "./plain-button";
import type { QrChunk } from "./qr/chunk-api";
import { loadQr } from "./qr-loader";
import { defineReactive, upgradeProps } from "./reactive-props";
import { NO_APP, resolveSettings, type Settings } from "./settings";
import { adoptStyles } from "./styles";
import { blocked } from "./trusted-types";

/** The attributes, each mirrored by a property of the same name (set from the attribute). */
const ATTRIBUTES = [
  "number",
  "lang",
  "message",
  "label",
  "floating",
  "desktop",
  "optin",
  "channel",
];

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
  /** Only this app: `whatsapp`, `telegram`, `messenger` or `instagram` (default: every app set). */
  declare channel: string | undefined;
  /**
   * The open dialog: the QR panel of `chat`, or the chooser of `apps`; its language, title and
   * widget-qr.js (absent when it failed to load).
   */
  declare private panel:
    | { chat?: PreparedChat; apps?: App[]; lang: string; label: string; qr?: QrChunk }
    | undefined;

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
    upgradeProps(this, [...ATTRIBUTES, "panel"]);
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

  /** The settings, or undefined (reported once) when no app is configured for this element. */
  private linkSettings(): Settings | undefined {
    const settings = this.settings();
    if (settings.apps.length) return settings;
    if (!this.reported) {
      this.reported = true;
      reportError(this, "missing_number", NO_APP);
    }
  }

  /** The page refused the widget's Trusted Types policy: the link without lit-html. */
  private renderPlain(root: ShadowRoot): void {
    const settings = this.linkSettings();
    // No chooser without lit-html: the first app, as a one-app button.
    const app = settings?.apps[0];
    if (settings && app) {
      const { apps, lang, label } = settings;
      const icon = appIconPath(apps.length === 1 ? app.channel : undefined);
      const link = { url: appLink(app), lang, dir: direction(lang), label, icon };
      renderPlain(root, link, (event: MouseEvent) => this.onActivate(event));
    }
  }

  render() {
    try {
      const settings = this.linkSettings();
      if (!settings) return nothing;
      const { apps, lang, label } = settings;
      const [app] = apps;
      const dir = direction(lang);
      // The opt-in's text names WhatsApp: no box on a button without it.
      const wa = apps.some((a) => a.channel === "whatsapp");
      const box = optinBox(wa ? (this.optin ?? getConfig().optin) : "", lang);
      const one = apps.length === 1;
      // Kept on few lines on purpose: whitespace inside a template is shipped as is. With several
      // apps the link (to the first) opens the chooser, a dialog, on a plain tap.
      return html`<a class="btn" part="button" href=${appLink(app as App)} target="_blank" rel="noopener"
aria-haspopup=${one ? nothing : "dialog"} lang=${lang} dir=${dir} @click=${this.onActivate} @auxclick=${this.onActivate}
>${appIcon(one ? app?.channel : undefined)}<span part="label">${label}</span></a>${box}${this.renderPanel()}`;
    } catch (error) {
      reportError(this, "internal", `render failed: ${error}`);
      return nothing;
    }
  }

  private renderPanel() {
    const panel = this.panel;
    if (!panel) return nothing;
    const { chat, apps, lang, label, qr } = panel;
    const close = () => this.renderRoot?.querySelector("dialog")?.close();
    // A click whose target is the dialog itself landed on the backdrop (the content fills it).
    const backdrop = (e: Event) => e.target === e.currentTarget && close();
    const pick = (e: MouseEvent, app: App) => this.onActivate(e, app);
    return html`<dialog part="panel" aria-labelledby="t" aria-describedby="d" aria-modal="true"
lang=${lang} dir=${direction(lang)} @click=${backdrop} @close=${this.onPanelClosed}>${
      apps
        ? chooserContent(this, apps, lang, label, pick, close, qr)
        : chat && qr
          ? qr.panel(this, chat, label, close)
          : html`<a id="t" part="web" href=${chat?.url} target="_blank" rel="noopener" @click=${close}
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

  /**
   * Click, Enter, or middle click on the button or on a chooser's link (`app`). With several
   * apps, a plain tap on the button opens the chooser once widget-qr.js is there. Otherwise the
   * chat is prepared before the browser follows the link, or, for the desktop panel, the page
   * stays and the panel opens once widget-qr.js is there. Modified and middle clicks open the
   * link (the first app's, on the button) as a link does.
   */
  private onActivate(event: MouseEvent, app?: App): void {
    if (event.type === "auxclick" && event.button !== 1) return;
    try {
      const plain = !(
        blocked ||
        event.type === "auxclick" ||
        event.ctrlKey ||
        event.metaKey ||
        event.shiftKey
      );
      const settings = this.settings();
      const { apps, lang, message } = settings;
      const choose = plain && !app && apps.length > 1;
      const mode = this.desktop ? desktopMode(this.desktop) : getConfig().desktop;
      const panel = choose || (plain && mode === "qr" && isDesktop());
      if (panel) event.preventDefault();
      if (panel && this.opening) return;
      const box = this.renderRoot?.querySelector("input");
      // Required and not ticked: no chat; the browser focuses the checkbox and shows (and
      // announces) its own localised validation message.
      if (box && !box.reportValidity()) {
        event.preventDefault();
        return;
      }
      const chosen = app ?? apps[0];
      if (!chosen) return;
      // A chooser's link: the panel is titled for its app ("Chat on Telegram").
      const label = app ? defaultLabel(lang, [app]) : settings.label;
      let chat: PreparedChat | undefined;
      if (!choose) {
        // The opt-in's text is WhatsApp's: it is evidence for a WhatsApp chat only.
        const whatsapp = chosen.channel === "whatsapp";
        const optin = box && whatsapp ? optinBeacon(box.checked, optinText(lang)) : undefined;
        const placement = panel ? "qr_panel" : "button";
        const opened = openChat(this, { app: chosen, lang, template: message, placement, optin });
        if (opened.cancelled) event.preventDefault();
        if (!panel) {
          (event.currentTarget as HTMLAnchorElement).href = opened.url;
          // A chooser's link: the dialog closes (its close event comes after the navigation).
          if (app) this.renderRoot?.querySelector("dialog")?.close();
          return;
        }
        if (opened.cancelled) return;
        chat = opened;
      }
      this.opening = true;
      const open = (qr?: QrChunk) => {
        this.opening = false;
        this.panel = chat ? { chat, lang, label, qr } : { apps, lang, label, qr };
      };
      loadQr(this).then(open, () => open());
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

defineReactive(ChatrefButton.prototype, [...ATTRIBUTES, "panel"]);

declare global {
  interface HTMLElementTagNameMap {
    "chatref-button": ChatrefButton;
  }
}
