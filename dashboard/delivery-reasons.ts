/**
 * The reasons beside a destination's counts (destination-card.ts): one line per status that has
 * them — "Skipped 3 — 2 no GA4 client id, 1 ad_user_data denied" — each reason the summary's code
 * (worker/api/delivery-reason-codes.ts) said as the language's sentence (reason-strings/), the
 * list joined the language's way (Intl.ListFormat). Each reason carries its code and count as
 * data attributes, so a test can compare what is shown with the API's answer.
 */
import { html, nothing } from "lit";
import { formatNumber } from "./format";
import type { Health } from "./forwarding-api";
import type { ForwardingStrings } from "./i18n";

/** The statuses that have reasons, in the order their lines are shown. */
export const REASON_STATUSES = ["dead", "retrying", "skipped"] as const;
type ReasonStatus = (typeof REASON_STATUSES)[number];

/** The sentence of `code` for deliveries of `status` (skip reasons, else failure kinds). */
export const reasonText = (t: ForwardingStrings, status: ReasonStatus, code: string): string =>
  t[`${status === "skipped" ? "skip" : "err"}_${code}` as keyof ForwardingStrings] ?? code;

/** The lines of `health`'s reasons; nothing when no delivery was skipped or failed. */
export function reasonLines(
  t: ForwardingStrings,
  locale: string,
  health: Health,
  labels: Record<ReasonStatus, string>,
) {
  const shown = REASON_STATUSES.filter((s) => health.reasons[s].length);
  if (!shown.length) return nothing;
  const list = new Intl.ListFormat(locale, { type: "unit", style: "short" });
  return html`<ul class="reasons" aria-label=${t.reasonsLabel}>
    ${shown.map((s) => {
      const reasons = health.reasons[s];
      // The list's separators in this language, with each reason in its own element.
      const parts = list.formatToParts(reasons.map((_, i) => String(i)));
      return html`<li data-reasons=${s}><span class="label">${labels[s]} ${formatNumber(locale, health.counts[s])} —</span>
        ${parts.map((p) => {
          const r = p.type === "element" ? reasons[Number(p.value)] : undefined;
          return r
            ? html`<span data-reason=${r.code} data-n=${r.count}>${formatNumber(locale, r.count)} ${reasonText(t, s, r.code)}</span>`
            : p.value;
        })}</li>`;
    })}
  </ul>`;
}
