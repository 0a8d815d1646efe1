/**
 * The forwarding panel's sentence for each reason code of the delivery summary
 * (worker/api/delivery-reason-codes.ts): why deliveries were skipped (`skip_`) and what the
 * retrying and failed ones met (`err_`). English, the source of the keys; every locale spreads
 * its own module of these into its forwarding strings (locales/<lang>.ts), so the codes are typed
 * once and each sentence lives in its language's chunk.
 */
import type { ErrorReason, SkipReason } from "../../worker/api/delivery-reason-codes";

const sentences = {
  skip_no_ga_client_id: "no GA4 client id (no _ga cookie on the visit)",
  skip_consent_ad_user_data_denied: "ad_user_data denied",
  skip_consent_analytics_denied: "analytics_storage denied",
  skip_no_google_click_id: "no Google click id (gclid, gbraid, wbraid)",
  skip_no_ttclid: "no TikTok click id (ttclid)",
  skip_no_msclkid: "no Microsoft click id (msclkid)",
  skip_no_metrica_id: "no Metrica id (yclid, _ym_uid)",
  skip_metrica_chat_app: "chat app not taken by Metrica's chat upload",
  skip_no_attribution: "not attributed (no ref code, no ad)",
  skip_no_ctwa_clid: "ad referral without ctwa_clid",
  skip_no_waba_id: "no WhatsApp Business Account id set",
  skip_sender_unknown: "the sender's id is no longer known",
  skip_too_old: "too old for this platform",
  skip_contact_erased: "contact erased",
  skip_destination_disabled: "destination was disabled",
  skip_other: "another reason",
  err_no_answer: "no answer (timeout or connection refused)",
  err_url_refused: "destination URL refused",
  err_unauthorized: "credentials refused (HTTP 401/403)",
  err_rate_limited: "too many requests (HTTP 429)",
  err_rejected: "rejected by the platform",
  err_server_error: "server error at the destination (HTTP 5xx)",
  err_metrica_upload_failed: "Metrica upload failed",
  err_destination_gone: "lead or destination deleted",
  err_internal: "internal error",
  err_other: "another error",
} satisfies Record<`skip_${SkipReason}` | `err_${ErrorReason}`, string>;

const reasons = { reasonsLabel: "Why deliveries were skipped or failed", ...sentences };

/** The reason sentences every locale gives. */
export type ReasonStrings = typeof reasons;
export default reasons;
