/**
 * The events the dashboard's parts send their parent: one map of names to details, so a listener
 * (`@link-created=${(e) => …}`) gets a typed `e.detail` and `emit` refuses a wrong detail. They
 * neither bubble nor cross a shadow root: only the element's own parent listens.
 */
import type { Destination } from "./forwarding-api";
import type { CampaignLink } from "./links-api";
import type { FilterKey, Filters, Interval, Touch } from "./view-state";

/**
 * What a view control changed: a period end, the interval, the touch model, the comparison, or
 * the filters (the chat app chosen: every filter, that one set or removed).
 */
export type ViewChange =
  | { field: "from" | "to"; value: string }
  | { field: "interval"; value: Interval }
  | { field: "touch"; value: Touch }
  | { field: "compare"; value: boolean }
  | { field: "filters"; value: Filters };

/** Each child event of the dashboard and its detail. */
export interface DashboardEventDetails {
  /** view-controls: one control of the view changed. */
  "view-change": ViewChange;
  /** filter-bar: remove one filter, or all of them (`key: null`). */
  "filter-remove": { key: FilterKey | null };
  /** link-form: a link was created. */
  "link-created": { link: CampaignLink };
  /** link-detail: a link was renamed, disabled or enabled. */
  "link-updated": { link: CampaignLink };
  /** destination-card: a destination was enabled or disabled. */
  "destination-updated": { destination: Destination };
  /** destination-card: its "Send past leads" button was pressed (open or close the form). */
  "backfill-toggle": { id: string };
  /** backfill-form and attention-list: deliveries changed, the counts should be read again. */
  "health-stale": Record<string, never>;
}

export type DashboardEvent<K extends keyof DashboardEventDetails> = CustomEvent<
  DashboardEventDetails[K]
>;

/** Sends `type` with `detail` from `el` to its parent. */
export function emit<K extends keyof DashboardEventDetails>(
  el: HTMLElement,
  type: K,
  detail: DashboardEventDetails[K],
): void {
  el.dispatchEvent(new CustomEvent(type, { detail }));
}

declare global {
  interface HTMLElementEventMap {
    "view-change": DashboardEvent<"view-change">;
    "filter-remove": DashboardEvent<"filter-remove">;
    "link-created": DashboardEvent<"link-created">;
    "link-updated": DashboardEvent<"link-updated">;
    "destination-updated": DashboardEvent<"destination-updated">;
    "backfill-toggle": DashboardEvent<"backfill-toggle">;
    "health-stale": DashboardEvent<"health-stale">;
  }
}
