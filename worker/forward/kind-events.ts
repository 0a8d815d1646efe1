/**
 * Which lead events each destination kind takes: by default (a destination created without
 * `events`) and at most (what `events` may list). The ad platforms count a lead once, so they
 * take lead.created by default; GA4 and Meta may also take sale events (ga4.ts, meta-capi.ts:
 * qualify_lead / purchase / refund / close_unconvert_lead, QualifiedLead / Purchase), Google Ads
 * and Microsoft Advertising qualified leads and purchases (a destination per conversion action
 * or goal: point one at the purchase action and give it `events: ["lead.purchase"]`), TikTok
 * purchases (CompletePayment), Yandex Metrica qualified leads and purchases (each a BASIC
 * conversion of its own goal, yandex-config.ts `event_goals`; Metrica's offline conversions have
 * no refund or lost deal), a webhook every event. A webhook takes the lead's own events unless it
 * asks for the sale events, so receivers written before those existed never see a type they do
 * not know.
 */
import { z } from "zod";
import { type DestinationKind, LEAD_EVENTS, type LeadEvent } from "../db/schema";

export const KIND_EVENTS: Record<DestinationKind, readonly LeadEvent[]> = {
  ga4: ["lead.created"],
  meta_capi: ["lead.created"],
  webhook: ["lead.created", "lead.updated"],
  google_ads: ["lead.created"],
  tiktok: ["lead.created"],
  yandex_metrica: ["lead.created"],
  microsoft_ads: ["lead.created"],
};

/** The events a kind may list in `events` (kinds not named here: their default only). */
export const KIND_EVENTS_MAX = {
  ga4: ["lead.created", "lead.qualified", "lead.purchase", "lead.refund", "lead.lost"],
  meta_capi: ["lead.created", "lead.qualified", "lead.purchase"],
  google_ads: ["lead.created", "lead.qualified", "lead.purchase"],
  microsoft_ads: ["lead.created", "lead.qualified", "lead.purchase"],
  tiktok: ["lead.created", "lead.purchase"],
  yandex_metrica: ["lead.created", "lead.qualified", "lead.purchase"],
  webhook: LEAD_EVENTS,
} as const satisfies Partial<Record<DestinationKind, readonly LeadEvent[]>>;

/** The `events` field of a kind that may choose: a non-empty subset, in LEAD_EVENTS order. */
export const eventsOf = (kind: keyof typeof KIND_EVENTS_MAX) => {
  const allowed = KIND_EVENTS_MAX[kind];
  return z
    .array(z.enum(allowed as unknown as [LeadEvent, ...LeadEvent[]]))
    .min(1)
    .max(allowed.length)
    .transform((list) => LEAD_EVENTS.filter((e) => list.includes(e)))
    .describe(
      `the lead events it takes: ${allowed.join(", ")} (default ${KIND_EVENTS[kind].join(", ")})`,
    );
};
