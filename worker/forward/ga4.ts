/**
 * GA4 Measurement Protocol (protocols.md §4): `campaign_details` (the touch's UTM tags; it
 * applies to events whose timestamp is not earlier than its own) followed by `generate_lead`,
 * with the visit's `client_id` from the `_ga` cookie and `timestamp_micros` = the time of the
 * contact's first message. MP backdates at most 72 h, so an older lead is skipped with that
 * reason; a lead without a GA client id (a Click-to-WhatsApp ad, no `_ga` cookie) cannot be
 * joined to a GA user and is skipped too. MP answers 2xx even to malformed bodies, so the body is
 * kept inside the documented limits here (names ≤ 40, values ≤ 100 characters, ≤ 25 params).
 */
import type { Ga4Config } from "./destination-config";
import type { Format } from "./format";
import { transientStatus } from "./format";

export const GA4_ENDPOINT = "https://www.google-analytics.com/mp/collect";
/** How far back `timestamp_micros` may go. */
export const GA4_BACKDATE_MS = 72 * 3600_000;
/** Longest parameter value MP keeps (standard properties). */
export const GA4_VALUE_MAX = 100;

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

export const ga4Format: Format<Ga4Config> = {
  skipReason({ row }, _config, now) {
    if (!row.click?.gaClientId)
      return "no GA client id: the lead's visit carried no _ga cookie (or it did not start on the website)";
    if (now - row.lead.firstMessageAt > GA4_BACKDATE_MS)
      return "the lead is older than 72 h, the furthest GA4 Measurement Protocol backdates an event";
    return null;
  },

  async payload({ row }, config, event) {
    const click = row.click;
    const events: { name: string; params: Params }[] = [];
    const campaign = params([
      ["campaign", click?.utmCampaign],
      ["source", click?.utmSource],
      ["medium", click?.utmMedium],
      ["term", click?.utmTerm],
      ["content", click?.utmContent],
    ]);
    if (Object.keys(campaign).length) events.push({ name: "campaign_details", params: campaign });
    events.push({
      name: "generate_lead",
      params: params([
        ["lead_source", "whatsapp"],
        ["currency", config.currency],
        ["value", config.value],
      ]),
    });
    return {
      client_id: click?.gaClientId ?? "",
      // Never in the future, whatever the sender's clock said.
      timestamp_micros: Math.min(row.lead.firstMessageAt, event.occurredAt) * 1000,
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
