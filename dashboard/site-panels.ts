/**
 * The panels below the figures — leads, campaign links, forwarding — as parts of the shell's
 * page. They are not in the first paint (the figures are), so their modules are chunks of their
 * own, fetched with `import()` the first time the panels render (a signed-in page with figures):
 * that keeps the dashboard's initial JavaScript under its budget (scripts/check-size.mjs). A
 * panel's tag renders at once and upgrades when its chunk is in; Lit keeps the properties set
 * before the upgrade.
 */
import { html } from "lit";
import type { Stats } from "./api";
import type { Lang } from "./i18n";

let loading: Promise<unknown> | null = null;

/** Fetches the panels' chunks once (a failure is retried on the next render). */
export function loadPanels(): Promise<unknown> {
  loading ??= Promise.all([
    import("./leads-panel"),
    import("./links-panel"),
    import("./forwarding-panel"),
  ]).catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}

/** What the panels take from the shell. */
export interface PanelsView {
  apiKey: string;
  readOnly: boolean;
  locale: Lang;
  stats: Stats;
}

/** The leads, links and forwarding panels of the period `stats` answered for. */
export function sitePanels({ apiKey, readOnly, locale, stats: s }: PanelsView) {
  loadPanels().catch(() => {});
  return html`<leads-panel .apiKey=${apiKey} locale=${locale} tz=${s.timezone}
      from=${s.from} to=${s.to} touch=${s.touch} .filters=${s.filters ?? {}}></leads-panel>
    <links-panel .apiKey=${apiKey} .readOnly=${readOnly} locale=${locale} tz=${s.timezone}></links-panel>
    <forwarding-panel .apiKey=${apiKey} .readOnly=${readOnly} locale=${locale} tz=${s.timezone}
      from=${s.from} to=${s.to}></forwarding-panel>`;
}
