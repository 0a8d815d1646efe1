/**
 * The closed sets of reasons the delivery summary counts (delivery-summary.ts): why a delivery
 * was skipped, and what kind of failure left one retrying or dead. Pure lists, no imports, so the
 * summary's schema and the dashboard (type-only, its sentence per code) share them; the texts
 * the forwarder writes are read into these codes by delivery-reasons.ts.
 */

/** Why a delivery was skipped, whatever the wording of its `last_error`. */
export const SKIP_REASONS = [
  "no_ga_client_id", // GA4: the visit carried no _ga cookie
  "consent_ad_user_data_denied", // an ad platform: the visitor denied ad_user_data
  "consent_analytics_denied", // GA4: the visitor denied analytics_storage on the page
  "no_google_click_id", // Google Ads: no gclid, gbraid or wbraid
  "no_ttclid", // TikTok: the visit did not come from a TikTok ad
  "no_msclkid", // Microsoft Advertising: no msclkid
  "no_metrica_id", // Yandex Metrica BASIC upload: no yclid and no _ym_uid
  "metrica_chat_app", // Yandex Metrica CHATS upload: a chat app it does not take
  "no_attribution", // Meta: no ref code and no ad referral
  "no_ctwa_clid", // Meta: a Click-to-WhatsApp referral without ctwa_clid
  "no_waba_id", // Meta: no WhatsApp Business Account id set
  "sender_unknown", // Meta: the Messenger / Instagram sender's id is no longer known
  "too_old", // older than the platform's window (lead, click or sale event)
  "contact_erased", // the contact was erased before it was sent
  "destination_disabled", // the destination was disabled when its turn came
  "other", // a text not known to this version
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** What kind of failure the last attempt of a retrying or dead delivery met. */
export const ERROR_REASONS = [
  "no_answer", // a time-out, a refused or reset connection
  "url_refused", // the URL policy refused the address, or it answered with a redirect
  "unauthorized", // HTTP 401 / 403: a credential refused
  "rate_limited", // HTTP 429
  "rejected", // another 4xx, or an error inside a 2xx (TikTok, Microsoft)
  "server_error", // HTTP 5xx
  "metrica_upload_failed", // Yandex Metrica processed the upload and failed it
  "destination_gone", // the lead or the destination was deleted
  "internal", // chatref's own error while sending
  "other", // anything else
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];
