/**
 * The shell's language: the one chosen (kept for the tab), else the browser's. Only English is in
 * the main bundle: another language is shown once its chunk is loaded (i18n.ts), nothing before
 * (`ready` false), so a Russian user never sees English flash; a chunk that fails to load means
 * English. Sets `lang` and `dir` (Arabic: right to left) on the page and on the host.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { direction, isLang, isLoaded, type Lang, loadLang, pickLang } from "./i18n";

const LANG_STORAGE = "chatref.lang";

export class LangController implements ReactiveController {
  /** The language shown, always a loaded one (the chosen one, or English when it failed). */
  locale: Lang = "en";
  /** False until the first language is loaded: until then nothing is rendered. */
  ready = false;
  /** Settles when the language last asked for is shown. */
  shown: Promise<Lang> = Promise.resolve("en");
  #request = 0;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.ready) this.#apply();
    else {
      const stored = sessionStorage.getItem(LANG_STORAGE);
      this.shown = this.#use(isLang(stored) ? stored : pickLang(navigator.languages));
    }
  }

  /** The picker's choice: shown (and kept for the tab) once its strings are loaded. */
  async choose(lang: Lang): Promise<void> {
    this.shown = this.#use(lang);
    if ((await this.shown) === lang) sessionStorage.setItem(LANG_STORAGE, lang);
  }

  /**
   * Shows `lang` once loaded: at once when it is, else after its chunk (English when that
   * fails); a later choice made meanwhile wins. Resolves to the language shown.
   */
  async #use(lang: Lang): Promise<Lang> {
    const request = ++this.#request;
    const shown = isLoaded(lang) ? lang : await loadLang(lang);
    if (request === this.#request) {
      this.locale = shown;
      this.ready = true;
      this.#apply();
      // Also when `shown` was shown already (a failed switch): the picker then says it again.
      this.host.requestUpdate();
    }
    return shown;
  }

  /** `lang` and `dir` of the page and of the host. */
  #apply(): void {
    const dir = direction(this.locale);
    for (const el of [document.documentElement, this.host]) {
      el.lang = this.locale;
      el.dir = dir;
    }
  }
}
