/**
 * `chatref events send|list`: sale events from a shell or a CRM script (issue 14), with a site's
 * API key (`--api-key` or env CHATREF_API_KEY; a `full` key to send, any to list) instead of the
 * admin token. The lead is named by `--lead`, `--contact`, `--phone` or `--bsuid` (exactly one).
 */
import { request, stringOption, UsageError } from "./chatref-api.mjs";
import { listAnswer } from "./chatref-list.mjs";

const TYPES = ["qualified", "purchase", "refund", "lost"];
const SELECTORS = { lead: "lead_id", contact: "contact_id", phone: "wa_id", bsuid: "user_id" };
const API_KEY = stringOption("a site API key (env CHATREF_API_KEY); `full` to send");

/** One event as a line: `purchase 49.9 EUR (order-1) at …`. */
function eventLine(e) {
  const money = e.value === null ? "" : ` ${e.value} ${e.currency}`;
  const ext = e.external_id === e.type ? "" : ` (${e.external_id})`;
  return `${e.type}${money}${ext} at ${e.occurred_at}`;
}

/** The body of POST /api/v1/events from the options, checked before anything is sent. */
function eventBody(o) {
  if (!TYPES.includes(o.type))
    throw new UsageError(`--type takes ${TYPES.join(", ")}, got "${o.type}"`);
  const chosen = Object.keys(SELECTORS).filter((k) => o[k] !== undefined);
  if (chosen.length !== 1)
    throw new UsageError("name the lead with exactly one of --lead, --contact, --phone, --bsuid");
  if ((o.value === undefined) !== (o.currency === undefined))
    throw new UsageError("give --value and --currency together");
  const value = o.value === undefined ? undefined : Number(o.value);
  if (value !== undefined && !Number.isFinite(value))
    throw new UsageError(`--value must be a number, got "${o.value}"`);
  return {
    type: o.type,
    [SELECTORS[chosen[0]]]: o[chosen[0]],
    ...(value !== undefined ? { value, currency: o.currency } : {}),
    ...(o["external-id"] !== undefined ? { external_id: o["external-id"] } : {}),
    ...(o["occurred-at"] !== undefined ? { occurred_at: o["occurred-at"] } : {}),
  };
}

export const EVENTS_COMMANDS = {
  "events send": {
    usage:
      "events send --type qualified|purchase|refund|lost (--lead <id> | --contact <ct_…> | --phone <number> | --bsuid <id>) [--value <n> --currency <XXX>] [--external-id <id>] [--occurred-at <iso>] --api-key <key>",
    about:
      "Record what happened after a chat (a qualified lead, a purchase, a refund, a lost lead). The same --external-id again changes nothing; it is forwarded to the destinations that take it.",
    auth: "key",
    options: {
      type: stringOption("qualified, purchase, refund or lost"),
      lead: stringOption("the lead's id"),
      contact: stringOption("the contact's public id (ct_…)"),
      phone: stringOption("the contact's phone number, country code first"),
      bsuid: stringOption("the contact's WhatsApp BSUID"),
      value: stringOption("amount in currency units (with --currency)"),
      currency: stringOption("ISO 4217 code, e.g. EUR"),
      "external-id": stringOption("your CRM's deal or order id (default: the type)"),
      "occurred-at": stringOption("when it happened, ISO date-time (default: now)"),
      "api-key": API_KEY,
    },
    required: ["type"],
    run: async (o) => {
      const answer = await request("POST", "/api/v1/events", eventBody(o));
      return {
        json: answer,
        text: () =>
          `${answer.recorded ? "Recorded" : "Already recorded (nothing changed)"}: ${eventLine(answer.event)}\n  lead ${answer.event.lead_id}, event ${answer.event.id}`,
      };
    },
  },
  "events list": {
    usage: "events list <lead-id> --api-key <key>",
    about: "A lead's sale events, oldest first.",
    auth: "key",
    options: { "api-key": API_KEY },
    args: ["lead-id"],
    run: (_, [id]) =>
      listAnswer(`/api/v1/leads/${encodeURIComponent(id)}/events`, {
        id: (e) => e.id,
        type: (e) => e.type,
        value: (e) => (e.value === null ? "" : `${e.value} ${e.currency}`),
        "external id": (e) => e.external_id,
        "occurred at": (e) => e.occurred_at,
      }),
  },
};
