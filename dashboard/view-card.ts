/**
 * The card of the view's settings: its controls (view-controls.ts: period, interval, model,
 * comparison, chat app, inferred conversations included or not), the site's time zone, the
 * loading status and a failed load's error with "Retry". A part of the shell's own tree.
 */
import { html } from "lit";
import type { DashboardEvent } from "./events";
import type { Lang, Strings } from "./i18n";
import type { ViewState } from "./view-state";
import "./view-controls";

/** What the card shows, and where its events go. */
export interface ViewCard {
  t: Strings;
  locale: Lang;
  /** The view's settings (the shell itself). */
  view: ViewState;
  /** The site's time zone, once the stats said it. */
  timezone: string | undefined;
  loading: boolean;
  error: string;
  onChange: (e: DashboardEvent<"view-change">) => void;
  onRetry: () => void;
}

export function viewCard(v: ViewCard) {
  const { t, view } = v;
  return html`<section class="card" aria-labelledby="filters-h">
    <h2 id="filters-h">${t.filters}</h2>
    <view-controls locale=${v.locale} from=${view.from} to=${view.to} interval=${view.interval}
      touch=${view.touch} .compare=${view.compare} .filters=${view.filters} @view-change=${v.onChange}></view-controls>
    <p class="muted">${v.timezone ? html`${t.timeZone}: <bdi>${v.timezone}</bdi>` : ""}
      <span role="status">${v.loading ? t.loading : ""}</span></p>
    ${
      v.error
        ? html`<p class="error" role="alert">${t.failed}: ${v.error}
            <button type="button" @click=${v.onRetry}>${t.retry}</button></p>`
        : ""
    }
  </section>`;
}

/** A new history entry for `search` (the view as view-state.ts writes it), unless the URL says it. */
export function pushView(search: string): void {
  if (search !== location.search.replace(/^\?/, ""))
    history.pushState(
      null,
      "",
      `${location.pathname}${search ? `?${search}` : ""}${location.hash}`,
    );
}
