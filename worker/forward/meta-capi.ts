/**
 * Meta Conversions API (protocols.md §5). A lead is one event whose `event_id` is stable per lead
 * event, so Meta de-duplicates resends. Its name is the destination's `event_name`, else `Lead`
 * for website leads and `LeadSubmitted` for business-messaging (Click-to-WhatsApp / Messenger /
 * Instagram) leads: the name Meta's own business-messaging examples use (protocols.md §5.1;
 * vendors report `Lead` failing there with subcode 2804066). A name Meta rejects is changed with a
 * PATCH, without a release.
 *
 * - Website leads (attribution `ref`): `action_source: "chat"` — the conversion happens in a
 *   messaging app, after the site visit. `website` would require `client_user_agent`, which the
 *   click does not carry, and it would claim the conversion happened on the site. `user_data`
 *   has the phone hashed per Meta's rule (`ph`) and the visit's `fbc`/`fbp` (never hashed);
 *   `event_source_url` is the page the chat was opened from (else the landing URL).
 * - Click-to-WhatsApp leads (attribution `ctwa`): the business-messaging shape
 *   (`action_source: "business_messaging"`, `messaging_channel: "whatsapp"`, `user_data` =
 *   WhatsApp Business Account id + `ctwa_clid`), as in Meta's onboarding guide. The account id is
 *   the destination's `whatsapp_business_account_id`, else the site's `waba_id`.
 * - Click-to-Messenger / Click-to-Instagram leads (attribution `ctwa`, an ad referral in that app):
 *   the same shape with `messaging_channel` `messenger` / `instagram` and `user_data` = Page id +
 *   page-scoped user id, or Instagram account id + Instagram-scoped id (forward/app-user.ts).
 * - Leads without attribution are skipped (there is no ad signal to report).
 * - Sale events (a destination that takes `lead.qualified` / `lead.purchase`): the lead's shape
 *   with `QualifiedLead` / `Purchase`, the event's value and currency as `custom_data`, and its
 *   own time (older than 7 days: skipped).
 *
 * `event_time` may be at most 7 days old (one older event fails the whole request), so an older
 * lead is skipped with that reason. Errors: 4xx answers are final unless Meta flags them
 * `is_transient` (rate limits); 5xx, 408 and 429 are retried.
 */

import { sha256Hex } from "../http/sha256";
import type { MetaAppUser } from "./app-user";
import type { MetaConfig } from "./destination-config";
import { eventMoney, eventTime as eventTimeOf } from "./event-facts";
import { type Format, type SaleEvent, transientStatus } from "./format";
import { metaPhoneHash } from "./phone-hash";

export const META_GRAPH_BASE = "https://graph.facebook.com/v24.0";
/** The default event names (protocols.md §5.1 for business messaging). */
export const META_WEBSITE_EVENT = "Lead";
export const META_MESSAGING_EVENT = "LeadSubmitted";
/** Meta rejects events older than 7 days; keep a margin for the time in flight. */
export const META_MAX_AGE_MS = 7 * 24 * 3600_000 - 10 * 60_000;
/** The skip reason of a lead older than that (also written by backfill.ts). */
export const META_TOO_OLD =
  "the lead is older than 7 days, the oldest event_time the Conversions API accepts";

/** The skip reason of a sale event older than that. */
export const META_EVENT_TOO_OLD =
  "the event is older than 7 days, the oldest event_time the Conversions API accepts";

/**
 * The sale events Meta takes (kind-events.ts): `Purchase` (Meta's own WhatsApp examples, §5.1)
 * and `QualifiedLead` (a practitioner list; Meta publishes no complete list for business
 * messaging [U]); refunds and lost leads have no Meta event, so Meta cannot take them.
 */
const metaSaleEvent = (sale: SaleEvent) =>
  sale.type === "purchase" ? "Purchase" : "QualifiedLead";

/** Messenger and Instagram: their ad leads go as business messaging too, with the app's ids. */
const isMetaApp = (app: string): app is "messenger" | "instagram" =>
  app === "messenger" || app === "instagram";

/** A Click-to-Messenger / Click-to-Instagram lead's `user_data` (protocols.md §5.1). */
function metaAppUserData(app: "messenger" | "instagram", user: MetaAppUser | null | undefined) {
  return app === "messenger"
    ? { page_id: user?.accountId, page_scoped_user_id: user?.userId }
    : { ig_account_id: user?.accountId, ig_sid: user?.userId };
}

export const metaFormat: Format<MetaConfig> = {
  skipReason({ row, siteWabaId, metaAppUser }, config, now, event) {
    const { lead } = row;
    if (lead.attribution === "none")
      return "the lead has no attribution (no ref, no ad referral): nothing for Meta to attribute";
    if (lead.attribution === "ctwa" && isMetaApp(lead.chatApp)) {
      if (!metaAppUser) return `the ${lead.chatApp} sender's id is no longer known`;
    } else if (lead.attribution === "ctwa") {
      if (!lead.ctwaClid)
        return "the Click-to-WhatsApp referral has no ctwa_clid (ads shown in WhatsApp Status omit it)";
      if (!config.whatsapp_business_account_id && !siteWabaId)
        return "no WhatsApp Business Account id: set the site's waba_id or the destination's whatsapp_business_account_id";
    }
    if (event.sale)
      return now - event.sale.occurredAt > META_MAX_AGE_MS ? META_EVENT_TOO_OLD : null;
    if (now - lead.firstMessageAt > META_MAX_AGE_MS) return META_TOO_OLD;
    return null;
  },

  async payload({ row, siteWabaId, metaAppUser }, config, event) {
    const { lead, contact, click } = row;
    const { sale } = event;
    const eventTime = Math.floor(eventTimeOf(lead, event) / 1000);
    const fallback = lead.attribution === "ctwa" ? META_MESSAGING_EVENT : META_WEBSITE_EVENT;
    const eventName = sale ? metaSaleEvent(sale) : (config.event_name ?? fallback);
    const worth = eventMoney(event, config);
    const money = worth ? { custom_data: worth } : {};
    const base = { event_name: eventName, event_time: eventTime, event_id: event.eventId };
    const data =
      lead.attribution === "ctwa" && isMetaApp(lead.chatApp)
        ? {
            ...base,
            action_source: "business_messaging",
            messaging_channel: lead.chatApp,
            user_data: metaAppUserData(lead.chatApp, metaAppUser),
            ...money,
          }
        : lead.attribution === "ctwa"
          ? {
              ...base,
              action_source: "business_messaging",
              messaging_channel: "whatsapp",
              user_data: {
                whatsapp_business_account_id: config.whatsapp_business_account_id ?? siteWabaId,
                ctwa_clid: lead.ctwaClid,
              },
              ...money,
            }
          : {
              ...base,
              action_source: "chat",
              ...(click?.pageUrl || click?.landingUrl
                ? { event_source_url: click.pageUrl ?? click.landingUrl }
                : {}),
              user_data: {
                // The phone only when known (a username user's is withheld); the BSUID — or, for
                // contacts from before BSUIDs, the contact's id — always, hashed, as external_id.
                ...(contact.waId ? { ph: [await metaPhoneHash(contact.waId)] } : {}),
                external_id: [await sha256Hex(contact.userId ?? contact.publicId ?? "")],
                ...(click?.fbc ? { fbc: click.fbc } : {}),
                ...(click?.fbp ? { fbp: click.fbp } : {}),
              },
              ...money,
            };
    return {
      data: [data],
      ...(config.test_event_code ? { test_event_code: config.test_event_code } : {}),
    };
  },

  async request(config, accessToken) {
    const url = new URL(
      `${(config.endpoint ?? META_GRAPH_BASE).replace(/\/+$/, "")}/${config.dataset_id}/events`,
    );
    url.searchParams.set("access_token", accessToken);
    return { url: url.toString(), headers: { "content-type": "application/json" } };
  },

  retryable(status, body) {
    if (transientStatus(status)) return true;
    try {
      return (
        (JSON.parse(body) as { error?: { is_transient?: unknown } }).error?.is_transient === true
      );
    } catch {
      return false;
    }
  },
};
