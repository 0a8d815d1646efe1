/**
 * Reads the texts the forwarder writes into `outbox.last_error` as the summary's reason codes
 * (delivery-reason-codes.ts), so the dashboard can say in each language why deliveries were
 * skipped or failed. A skip reason is one of a few fixed sentences (the formats' `skipReason`,
 * erasure, a disabled destination): matched here in TypeScript, one row per distinct text. A
 * failure's text is open (a remote answer), so it is classed in SQL by its HTTP status and the
 * fixed prefixes send.ts / deliver.ts / yandex-poll.ts write, counted without reading the texts.
 */
import { ERASED_REASON } from "../forward/backfill";
import { GA4_ANALYTICS_DENIED } from "../forward/ga4";
import { GOOGLE_ADS_NO_CLICK_ID } from "../forward/google-ads";
import { MICROSOFT_ADS_NO_MSCLKID } from "../forward/microsoft-ads";
import { TIKTOK_NO_TTCLID } from "../forward/tiktok";
import { YANDEX_NO_CHAT_PLATFORM, YANDEX_NO_ID } from "../forward/yandex-csv";
import { AD_USER_DATA_DENIED } from "../read-model/ad-consent";
import { ERROR_REASONS, type ErrorReason, type SkipReason } from "./delivery-reason-codes";

const EXACT = new Map<string, SkipReason>([
  [ERASED_REASON, "contact_erased"],
  [AD_USER_DATA_DENIED, "consent_ad_user_data_denied"],
  [GA4_ANALYTICS_DENIED, "consent_analytics_denied"],
  [GOOGLE_ADS_NO_CLICK_ID, "no_google_click_id"],
  [TIKTOK_NO_TTCLID, "no_ttclid"],
  [MICROSOFT_ADS_NO_MSCLKID, "no_msclkid"],
  [YANDEX_NO_ID, "no_metrica_id"],
  [YANDEX_NO_CHAT_PLATFORM, "metrica_chat_app"],
]);

/** The reasons written inline (ga4.ts, meta-capi.ts, deliver.ts) or with a number (every window). */
const PATTERNS: [RegExp, SkipReason][] = [
  [/^no GA client id\b/, "no_ga_client_id"],
  [/^the lead has no attribution\b/, "no_attribution"],
  [/\bsender's id is no longer known$/, "sender_unknown"],
  [/\breferral has no ctwa_clid\b/, "no_ctwa_clid"],
  [/^no WhatsApp Business Account id\b/, "no_waba_id"],
  [/^the (lead|click|event) is older than \d+ (h|days)\b/, "too_old"],
  [/^the destination is disabled$/, "destination_disabled"],
];

/** The code of a skipped delivery's `last_error`; `other` for a text not known here. */
export function skipReasonOf(text: string | null): SkipReason {
  if (text === null) return "other";
  return EXACT.get(text) ?? PATTERNS.find(([re]) => re.test(text))?.[1] ?? "other";
}

/**
 * SQL of a failed (retrying or dead) outbox row's error code, over its `last_error` and
 * `response_status`. The prefixes are checked before the status: a refused redirect has a 3xx;
 * a "gave up after N attempts; last: …" text keeps the status of its last answer.
 */
export const ERROR_REASON_SQL = `case
  when last_error like 'internal error:%' then 'internal'
  when last_error = 'the lead or destination is gone' then 'destination_gone'
  when last_error like 'Metrica upload %' then 'metrica_upload_failed'
  when last_error like '%destination URL refused%' or last_error like '%redirect not followed%'
    then 'url_refused'
  when response_status = 429 then 'rate_limited'
  when response_status in (401, 403) then 'unauthorized'
  when response_status >= 500 then 'server_error'
  when response_status >= 200 then 'rejected'
  when last_error like '%no answer within%' or last_error like '%request failed:%' then 'no_answer'
  else 'other' end`;

/** `ERROR_REASON_SQL`'s answer, read back into the closed set. */
export const errorReasonOf = (code: unknown): ErrorReason =>
  ERROR_REASONS.find((c) => c === code) ?? "other";
