/** Arabic sentences of the delivery summary's reason codes (en.ts names them). */
import type { ReasonStrings } from "./en";

const reasons: ReasonStrings = {
  reasonsLabel: "أسباب تخطي عمليات التسليم أو فشلها",
  skip_no_ga_client_id: "لا يوجد معرّف عميل GA4 (لم تحمل الزيارة ملف تعريف الارتباط _ga)",
  skip_consent_ad_user_data_denied: "تم رفض ad_user_data",
  skip_consent_analytics_denied: "تم رفض analytics_storage",
  skip_no_google_click_id: "لا يوجد معرّف نقرة Google (gclid أو gbraid أو wbraid)",
  skip_no_ttclid: "لا يوجد معرّف نقرة TikTok (ttclid)",
  skip_no_msclkid: "لا يوجد معرّف نقرة Microsoft (msclkid)",
  skip_no_metrica_id: "لا يوجد معرّف Metrica (yclid أو _ym_uid)",
  skip_metrica_chat_app: "تطبيق الدردشة لا يقبله رفع الدردشات في Metrica",
  skip_no_attribution: "بلا إسناد (لا رمز إحالة ولا إعلان)",
  skip_no_ctwa_clid: "إحالة إعلانية بلا ctwa_clid",
  skip_no_waba_id: "لم يُضبط معرّف حساب WhatsApp Business",
  skip_sender_unknown: "لم يعد معرّف المرسل معروفًا",
  skip_too_old: "قديم جدًا بالنسبة لهذه المنصة",
  skip_contact_erased: "تم محو جهة الاتصال",
  skip_destination_disabled: "كانت الوجهة معطّلة",
  skip_other: "سبب آخر",
  err_no_answer: "لا رد (انتهت المهلة أو رُفض الاتصال)",
  err_url_refused: "رُفض عنوان URL للوجهة",
  err_unauthorized: "رُفضت بيانات الاعتماد (HTTP 401/403)",
  err_rate_limited: "طلبات كثيرة جدًا (HTTP 429)",
  err_rejected: "رفضته المنصة",
  err_server_error: "خطأ في خادم الوجهة (HTTP 5xx)",
  err_metrica_upload_failed: "فشل الرفع إلى Metrica",
  err_destination_gone: "حُذف العميل المحتمل أو الوجهة",
  err_internal: "خطأ داخلي",
  err_other: "خطأ آخر",
};

export default reasons;
