/**
 * What every format reads the same way from the event it delivers: when it happened and what it
 * was worth. A sale event (`lead.qualified`, `lead.purchase`, …: kind-events.ts) brings its own
 * time and value; the lead's own events take the contact's first message and the destination's
 * configured lead value.
 */
import type { LeadRow } from "../read-model/lead-json";
import type { ForwardEvent } from "./format";

/** When the event happened (ms), never in the future whatever the sender's clock said. */
export function eventTime(
  lead: Pick<LeadRow["lead"], "firstMessageAt">,
  event: Pick<ForwardEvent, "occurredAt" | "sale">,
  now = Date.now(),
): number {
  return event.sale
    ? Math.min(event.sale.occurredAt, now)
    : Math.min(lead.firstMessageAt, event.occurredAt);
}

/** The value and currency to report, or null: the sale's own, else the configured lead value. */
export function eventMoney(
  event: Pick<ForwardEvent, "sale">,
  config: { value?: number; currency?: string },
): { value: number; currency: string } | null {
  if (event.sale)
    return event.sale.valueMicros !== null && event.sale.currency
      ? { value: event.sale.valueMicros / 1e6, currency: event.sale.currency }
      : null;
  return config.value !== undefined && config.currency
    ? { value: config.value, currency: config.currency }
    : null;
}
