/**
 * TikTok Events API (protocols.md §6.4, **[S]**: TikTok's API reference was not readable; the
 * shape comes from public integrations): one `POST {endpoint}/event/track/` per lead, the access
 * token in the `Access-Token` header.
 *
 * - A lead needs the visit's `ttclid` (the only TikTok ad signal chatref has); without it the lead
 *   is skipped with that reason.
 * - Attribution window: 28 days from the click, an assumption [S] (TikTok's longest click-through
 *   window as third parties describe it; §6.4 marks the window [U]). An older lead is skipped.
 * - `event_id` = the outbox event id, stable across retries, so TikTok de-duplicates a resend.
 *   `event` = the destination's `event_name`, else `Contact` (a chat opened with the business).
 * - Purchases (a destination that takes `lead.purchase`): `CompletePayment` with the sale's value,
 *   currency and time, `event_id` = the sale event's id.
 * - `user.phone`: SHA-256 of E.164 with the `+` (phone-hash.ts), as public integrations
 *   normalise for TikTok [S] and as Google documents; only when the phone is known.
 *   `user.external_id`: SHA-256 of the contact's public id.
 * - Answers: TikTok reports errors inside an HTTP 200 (`{code: <non-zero>, message}`), so a 2xx
 *   is a success only with `code: 0` (`answerError`). A non-zero code is final, its message kept
 *   in the delivery log — except 40100 (rate limit, [S]: third-party SDKs), which is retried as
 *   are 5xx, 408, 425 and 429.
 */

import { sha256Hex } from "../http/sha256";
import type { TiktokConfig } from "./destination-config";
import { eventMoney, eventTime } from "./event-facts";
import { type Format, transientStatus } from "./format";
import { e164PhoneHash } from "./phone-hash";

export const TIKTOK_BASE = "https://business-api.tiktok.com/open_api/v1.3";
/** The attribution window assumed for a TikTok click [S]. */
export const TIKTOK_WINDOW_MS = 28 * 24 * 3600_000;
/** The skip reason of a lead older than that (also written by backfill.ts). */
export const TIKTOK_TOO_OLD =
  "the click is older than 28 days, the attribution window assumed for TikTok";
export const TIKTOK_NO_TTCLID = "no ttclid: the lead's visit did not come from a TikTok ad click";
export const TIKTOK_DEFAULT_EVENT = "Contact";
/** TikTok's business code for a rate limit (QPS/QPM/QPD exceeded) [S]. */
const RATE_LIMITED = 40100;

/** The base URL a destination sends to. */
export const tiktokEndpoint = (config: TiktokConfig) =>
  (config.endpoint ?? TIKTOK_BASE).replace(/\/+$/, "");

/** TikTok's answer `{code, message}`, or null when it is not that JSON. */
function answerCode(body: string): { code: number; message: string } | null {
  try {
    const json = JSON.parse(body) as { code?: unknown; message?: unknown };
    if (typeof json.code !== "number") return null;
    return { code: json.code, message: typeof json.message === "string" ? json.message : "" };
  } catch {
    return null;
  }
}

export const tiktokFormat: Format<TiktokConfig> = {
  skipReason({ row }, _config, now) {
    if (!row.click?.ttclid) return TIKTOK_NO_TTCLID;
    if (now - row.click.createdAt > TIKTOK_WINDOW_MS) return TIKTOK_TOO_OLD;
    return null;
  },

  async payload({ row }, config, event) {
    const { lead, contact, click } = row;
    const at = eventTime(lead, event);
    const money = eventMoney(event, config);
    const pageUrl = click?.pageUrl ?? click?.landingUrl;
    const data = {
      // A purchase is TikTok's standard CompletePayment [S]; a lead, the configured name.
      event: event.sale ? "CompletePayment" : (config.event_name ?? TIKTOK_DEFAULT_EVENT),
      event_time: Math.floor(at / 1000),
      event_id: event.eventId,
      user: {
        ttclid: click?.ttclid,
        ...(contact.waId ? { phone: await e164PhoneHash(contact.waId) } : {}),
        external_id: await sha256Hex(contact.publicId ?? ""),
      },
      properties: money ?? {},
      ...(pageUrl ? { page: { url: pageUrl } } : {}),
    };
    return {
      event_source: "web",
      event_source_id: config.pixel_code,
      ...(config.test_event_code ? { test_event_code: config.test_event_code } : {}),
      data: [data],
    };
  },

  async request(config, accessToken) {
    return {
      url: `${tiktokEndpoint(config)}/event/track/`,
      headers: { "content-type": "application/json", "access-token": accessToken },
    };
  },

  retryable(status, body) {
    return transientStatus(status) || answerCode(body)?.code === RATE_LIMITED;
  },

  answerError(body) {
    const answer = answerCode(body);
    if (answer?.code === 0) return null;
    const why = answer
      ? `TikTok code ${answer.code}: ${answer.message || "no message"}`
      : "TikTok answered without a code";
    return { error: why, retryable: answer?.code === RATE_LIMITED };
  },
};
