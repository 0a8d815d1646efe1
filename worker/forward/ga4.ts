/**
 * GA4 Measurement Protocol (protocols.md §4): `campaign_details` (the touch's UTM tags; it
 * applies to events whose timestamp is not earlier than its own) followed by `generate_lead`,
 * with the visit's `client_id` from the `_ga` cookie and `timestamp_micros` = the time of the
 * contact's first message. MP backdates at most 72 h, so an older lead is skipped with that
 * reason; a lead without a GA client id (a Click-to-WhatsApp ad, no `_ga` cookie) cannot be
 * joined to a GA user and is skipped too. MP answers 2xx even to malformed bodies, so the body is
 * kept inside the documented limits here (names ≤ 40, values ≤ 100 characters, ≤ 25 params).
 *
 * Session: when the click carried the GA4 session cookie of this destination's stream
 * (`_ga_ABC123` for `G-ABC123`; clicks.ga_sessions), every event gets its `session_id` and
 * `engagement_time_msec: 1`, so session-scoped reports show the lead with its session's source.
 * GA4 attributes an MP event to a session only when it arrives within 24 h of the session's
 * start (protocols.md §4); the session id is that start in Unix seconds, so a lead whose
 * timestamp is more than GA4_SESSION_MS from it is sent without a session (as before).
 *
 * Sale events (kind-events.ts): `qualify_lead`, `purchase` and `refund` (with `transaction_id`
 * = the order's external id), `close_unconvert_lead`, GA4's recommended names, timestamped when
 * the event happened (so older than 72 h: skipped), with the lead's campaign and client id.
 *
 * Consent (protocols.md §4, Google's MP reference: `GRANTED` | `DENIED`): every request carries
 * `consent: { ad_user_data, ad_personalization }`, the lead's effective state for this destination
 * (read-model/ad-consent.ts), so GA4 keeps a denied lead out of Google Ads. The body has no ad
 * identifiers to withhold (no gclid: MP takes none; only the `_ga` client id and UTM tags), so a
 * denied `ad_user_data` still sends the event. A click whose page denied `analytics_storage`
 * is skipped: its `_ga` client id is the analytics identifier the visitor declined.
 */
import type { ConsentState } from "../../widget/protocol/click-beacon";
import type { SaleEventType } from "../db/schema";
import type { Ga4Config } from "./destination-config";
import { eventMoney, eventTime } from "./event-facts";
import type { Format, SaleEvent } from "./format";
import { transientStatus } from "./format";

export const GA4_ENDPOINT = "https://www.google-analytics.com/mp/collect";
/** How far back `timestamp_micros` may go. */
export const GA4_BACKDATE_MS = 72 * 3600_000;
/** The skip reason of a lead older than that (also written by backfill.ts). */
export const GA4_TOO_OLD =
  "the lead is older than 72 h, the furthest GA4 Measurement Protocol backdates an event";
/** Longest parameter value MP keeps (standard properties). */
export const GA4_VALUE_MAX = 100;
/** How long after a session's start GA4 still joins an MP event to it. */
export const GA4_SESSION_MS = 24 * 3600_000;
/** The skip reason of a lead whose visitor denied analytics storage on the page. */
export const GA4_ANALYTICS_DENIED = "consent: analytics_storage denied";

/** The skip reason of a sale event older than that. */
export const GA4_EVENT_TOO_OLD =
  "the event is older than 72 h, the furthest GA4 Measurement Protocol backdates an event";

/** GA4's recommended events for what happened after the lead (lead generation, ecommerce). */
export const GA4_SALE_EVENTS: Record<SaleEventType, string> = {
  qualified: "qualify_lead",
  purchase: "purchase",
  refund: "refund",
  lost: "close_unconvert_lead",
};

/**
 * A sale event's params: its value and currency, and for a purchase or refund the order's id as
 * `transaction_id` (GA4 counts a purchase once per transaction id).
 */
function saleParams(sale: SaleEvent, money: { value: number; currency: string } | null): Params {
  const order = sale.type === "purchase" || sale.type === "refund";
  return params([
    ["currency", money?.currency],
    ["value", money?.value],
    ["transaction_id", order ? sale.externalId : null],
  ]);
}

const ga4Consent = (state: ConsentState) => (state === "granted" ? "GRANTED" : "DENIED");

type Params = Record<string, string | number>;

/** Params without empty values, strings cut to the MP limit. */
function params(entries: [string, string | number | null | undefined][]): Params {
  const out: Params = {};
  for (const [key, value] of entries) {
    if (value === null || value === undefined || value === "") continue;
    out[key] = typeof value === "string" ? value.slice(0, GA4_VALUE_MAX) : value;
  }
  return out;
}

/**
 * The session id of `measurementId`'s stream in a click's `ga_sessions` JSON, when the event at
 * `at` (ms) is still inside that session's attribution window; else undefined.
 */
export function ga4SessionId(
  gaSessions: string | null | undefined,
  measurementId: string,
  at: number,
): string | undefined {
  let sessions: unknown;
  try {
    sessions = JSON.parse(gaSessions ?? "null");
  } catch {
    return undefined;
  }
  if (!sessions || typeof sessions !== "object") return undefined;
  const stream = measurementId.replace(/^G-/, "");
  const id: unknown = Object.hasOwn(sessions, stream)
    ? (sessions as Record<string, unknown>)[stream]
    : undefined;
  if (typeof id !== "string" || !/^\d{1,20}$/.test(id)) return undefined;
  // The start comes from the visitor's clock: a start after the event is skew, not a reason to drop it.
  return Math.abs(at - Number(id) * 1000) <= GA4_SESSION_MS ? id : undefined;
}

export const ga4Format: Format<Ga4Config> = {
  skipReason({ row, consent }, _config, now, event) {
    const analytics = consent.analytics_storage;
    if (analytics.source === "click" && analytics.state === "denied") return GA4_ANALYTICS_DENIED;
    if (!row.click?.gaClientId)
      return "no GA client id: the lead's visit carried no _ga cookie (or it did not start on the website)";
    if (event.sale) return now - event.sale.occurredAt > GA4_BACKDATE_MS ? GA4_EVENT_TOO_OLD : null;
    if (now - row.lead.firstMessageAt > GA4_BACKDATE_MS) return GA4_TOO_OLD;
    return null;
  },

  async payload({ row, consent }, config, event) {
    const click = row.click;
    // Never in the future, whatever the sender's clock said.
    const at = eventTime(row.lead, event);
    const money = eventMoney(event, config);
    const sessionId = ga4SessionId(click?.gaSessions, config.measurement_id, at);
    const session: Params = sessionId ? { session_id: sessionId, engagement_time_msec: 1 } : {};
    const events: { name: string; params: Params }[] = [];
    const campaign = params([
      ["campaign", click?.utmCampaign],
      ["source", click?.utmSource],
      ["medium", click?.utmMedium],
      ["term", click?.utmTerm],
      ["content", click?.utmContent],
    ]);
    if (Object.keys(campaign).length)
      events.push({ name: "campaign_details", params: { ...campaign, ...session } });
    events.push(
      event.sale
        ? {
            name: GA4_SALE_EVENTS[event.sale.type],
            params: { ...saleParams(event.sale, money), ...session },
          }
        : {
            name: "generate_lead",
            params: {
              ...params([
                ["lead_source", row.lead.chatApp],
                ["currency", money?.currency],
                ["value", money?.value],
              ]),
              ...session,
            },
          },
    );
    return {
      client_id: click?.gaClientId ?? "",
      timestamp_micros: at * 1000,
      consent: {
        ad_user_data: ga4Consent(consent.ad_user_data.state),
        ad_personalization: ga4Consent(consent.ad_personalization.state),
      },
      events,
    };
  },

  async request(config, apiSecret) {
    const url = new URL(config.endpoint ?? GA4_ENDPOINT);
    url.searchParams.set("measurement_id", config.measurement_id);
    url.searchParams.set("api_secret", apiSecret);
    return { url: url.toString(), headers: { "content-type": "application/json" } };
  },

  retryable: transientStatus,
};
