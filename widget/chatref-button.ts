/**
 * `<chatref-button>`: a click-to-chat link, inline where it is placed or fixed to a corner
 * (`floating`). Its own attributes override the script tag's `data-*`. On a phone, activation
 * sets its href to the app's link (wa.me with a prefilled message, or the Telegram, Messenger or
 * Instagram deep link) carrying a fresh ref, synchronously, so the browser opens the chat at
 * once; the beacon and events happen alongside (see open-chat.ts). Everything a tap on a phone
 * needs is in widget.js: the link is drawn with DOM APIs (plain-button.ts, no lit-html). A button
 * with an opt-in box loads widget-optin.js when first drawn (optin/box.ts); until it is there a
 * `required` box keeps the chat closed, and where it cannot load the button has no box.
 *
 * What can wait for the network lives in chunks (chunk-loader.ts): with several apps configured
 * (and no `channel`), a plain tap opens the chooser, and on a desktop a tap shows a panel with the
 * QR of the chat link instead, so the phone that scans it carries this visit's ref. Both are a
 * modal `<dialog>` drawn by widget-ui.js (ui/dialog.ts), the panel's content by widget-qr.js.
 * If widget-ui.js fails to load, the tap opens the chat itself instead (fallback-chat.ts).
 *
 * A plain custom element: each attribute sets its property, a property set schedules one render
 * (reactive-props.ts), and the styles are adopted (styles.ts).
 */
import { agentsIntent, agentsOffered, agentsPopup, agentsTap } from "./agents/tap";
import { buttonStyles } from "./button-styles";
import { type App, appLink } from "./channels";
import { appIconPath } from "./chat-icon";
import { loadChunk } from "./chunk-loader";
import { desktopMode, getConfig } from "./config";
import { isDesktop } from "./device";
import { reportError } from "./events";
import { openFallback } from "./fallback-chat";
import { defaultLabel, direction } from "./i18n";
import { openChat, type PreparedChat } from "./open-chat";
import { renderPlain } from "./plain-button";
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

  /** The properties' values. */
  declare private _values: Record<string, unknown>;
  /** The shadow root, once connected. */
  declare private _root: ShadowRoot | undefined;
  /** A render is scheduled. */
  declare private _pending: boolean;
  declare private _reported: boolean;
  /** A dialog is being prepared (a chunk is loading): further taps wait for it. */
  declare private _opening: boolean;
  /** widget-optin.js could not load: no box, and a `required` one no longer holds the chat. */
  declare private _noOptin: boolean;

  constructor() {
    super();
    this._values = {};
    // Properties set on the element before it was upgraded go through the accessors.
    upgradeProps(this, ATTRIBUTES);
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    (this as Record<string, unknown>)[name] = value;
  }

  connectedCallback(): void {
    if (!this._root) {
      const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      adoptStyles(root, buttonStyles);
      this._root = root;
      agentsIntent(this);
    }
    this._requestUpdate();
  }

  /** Renders in a microtask, once however many properties change (not before connected). */
  _requestUpdate(): void {
    if (!this._root || this._pending) return;
    this._pending = true;
    queueMicrotask(() => {
      this._pending = false;
      try {
        this._render(this._root as ShadowRoot);
      } catch (error) {
        reportError(this, "internal", `render failed: ${error}`);
      }
    });
  }

  private _settings(): Settings {
    return resolveSettings(this, this);
  }

  /** The link to the first app (several apps: it opens the chooser) and the opt-in box. */
  private _render(root: ShadowRoot): void {
    const settings = this._settings();
    const { apps, lang, label } = settings;
    const [app] = apps;
    if (!app) {
      if (!this._reported) {
        this._reported = true;
        reportError(this, "missing_number", NO_APP);
      }
      return;
    }
    const one = apps.length === 1;
    const link = {
      url: appLink(app),
      lang,
      dir: direction(lang),
      label,
      icon: appIconPath(one ? app.channel : undefined),
      // No chooser where the page refused the widget's policy: the first app, as a one-app button.
      popup: (!one && !blocked) || !!agentsPopup(this),
    };
    const mode = this._optinMode(apps);
    const optin = window.__chatref?.optin;
    const box = mode && optin?.box(root, mode === "required", lang);
    renderPlain(root, link, (event: MouseEvent) => this._onActivate(event), box || undefined);
    // The box's chunk: drawn again once it is there.
    if (mode && !optin && !this._noOptin)
      loadChunk("optin", this).then(
        () => this._requestUpdate(),
        () => {
          this._noOptin = true;
        },
      );
  }

  /** `optional` or `required` when this button has an opt-in box, else "". */
  private _optinMode(apps: App[]): string {
    const mode = this.optin ?? getConfig().data.optin;
    // The opt-in's text names WhatsApp: no box on a button without it.
    if (!apps.some((a) => a.channel === "whatsapp")) return "";
    return mode === "optional" || mode === "required" ? mode : "";
  }

  /**
   * Click, Enter, or middle click on the button or on a chooser's link (`app`). With several
   * apps, a plain tap on the button opens the chooser. Otherwise the chat is prepared before the
   * browser follows the link, or, for the desktop panel, the page stays and the panel opens once
   * its chunks are there. Modified and middle clicks open the link (the first app's, on the
   * button) as a link does.
   */
  private _onActivate(event: MouseEvent, app?: App): void {
    if (event.type === "auxclick" && event.button !== 1) return;
    try {
      const plain = !(
        blocked ||
        event.type === "auxclick" ||
        event.ctrlKey ||
        event.metaKey ||
        event.shiftKey
      );
      const settings = this._settings();
      const { apps, lang, message } = settings;
      // The tag's agents (agents/tap.ts) take the chooser's place.
      const agents = plain && !app && agentsOffered(this);
      const choose = plain && !app && !agents && apps.length > 1;
      const mode = this.desktop ? desktopMode(this.desktop) : getConfig().desktop;
      const panel = choose || (plain && mode === "qr" && isDesktop());
      if (panel) event.preventDefault();
      if (panel && this._opening) return;
      const box = this._root?.querySelector("input");
      // Required and not ticked: no chat; the browser focuses the checkbox and shows (and
      // announces) its own localised validation message. Required while its box is still
      // loading: no chat either.
      const waiting = !box && !this._noOptin && this._optinMode(apps) === "required";
      if (waiting || (box && !box.reportValidity())) {
        event.preventDefault();
        return;
      }
      if (agents) {
        const pick = (e: MouseEvent, a: App) => this._onActivate(e, a);
        agentsTap(this, event, pick, () => this._openDialog(lang, settings.label, apps));
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
        const optin =
          box && whatsapp ? window.__chatref?.optin?.beacon(box.checked, lang) : undefined;
        const placement = panel ? "qr_panel" : "button";
        const opened = openChat(this, { app: chosen, lang, template: message, placement, optin });
        if (opened.cancelled) event.preventDefault();
        if (!panel) {
          (event.currentTarget as HTMLAnchorElement).href = opened.url;
          // A chooser's link: the dialog closes (its close event comes after the navigation).
          if (app) this._root?.querySelector("dialog")?.close();
          return;
        }
        if (opened.cancelled) return;
        chat = opened;
      }
      this._openDialog(lang, label, chat ? undefined : apps, chat);
    } catch (error) {
      // The link still opens the chat, only without a ref.
      reportError(this, "internal", `ref failed: ${error}`);
    }
  }

  /**
   * Opens the chooser of `apps`, or the QR panel of `chat`, once its chunks are loaded; when
   * widget-ui.js fails (reported by the loader), it opens `chat`, or the first app's chat, itself.
   */
  private _openDialog(lang: string, label: string, apps?: App[], chat?: PreparedChat): void {
    this._opening = true;
    const pick = (e: MouseEvent, app: App) => this._onActivate(e, app);
    // No dialog without widget-ui.js: the panel's chat, or the first app's as a one-app tap.
    const fallback = () => {
      if (chat) return openFallback(chat.url);
      const [app] = apps ?? [];
      if (!app) return;
      const opened = openChat(this, {
        app,
        lang,
        template: this._settings().message,
        placement: "button",
      });
      if (!opened.cancelled) openFallback(opened.url);
    };
    loadChunk("ui", this)
      .then(
        (ui) =>
          chat
            ? loadChunk("qr", this).then(
                (qr) => ui.openDialog(this, lang, (close) => qr.panel(this, chat, label, close)),
                () => ui.openDialog(this, lang, (close) => ui.webLink(chat.url, label, close)),
              )
            : ui.openDialog(this, lang, (close) =>
                ui.chooser(this, apps ?? [], lang, label, pick, close),
              ),
        fallback,
      )
      .then(undefined, (error) => reportError(this, "internal", `dialog failed: ${error}`))
      .finally(() => {
        this._opening = false;
      });
  }
}

defineReactive(ChatrefButton.prototype, ATTRIBUTES);

declare global {
  interface HTMLElementTagNameMap {
    "chatref-button": ChatrefButton;
  }
}
