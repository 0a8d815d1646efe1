/** Chinese sentences of the delivery summary's reason codes (en.ts names them). */
import type { ReasonStrings } from "./en";

const reasons: ReasonStrings = {
  reasonsLabel: "投递被跳过或失败的原因",
  skip_no_ga_client_id: "没有 GA4 客户端 ID（访问没有 _ga Cookie）",
  skip_consent_ad_user_data_denied: "ad_user_data 被拒绝",
  skip_consent_analytics_denied: "analytics_storage 被拒绝",
  skip_no_google_click_id: "没有 Google 点击 ID（gclid、gbraid、wbraid）",
  skip_no_ttclid: "没有 TikTok 点击 ID（ttclid）",
  skip_no_msclkid: "没有 Microsoft 点击 ID（msclkid）",
  skip_no_metrica_id: "没有 Metrica ID（yclid、_ym_uid）",
  skip_metrica_chat_app: "Metrica 的聊天上传不支持该聊天应用",
  skip_no_attribution: "无归因（没有引用码，也没有广告）",
  skip_no_ctwa_clid: "广告引荐没有 ctwa_clid",
  skip_no_waba_id: "未设置 WhatsApp Business 账号 ID",
  skip_sender_unknown: "发送者的 ID 已不再可知",
  skip_too_old: "对该平台来说太久远",
  skip_contact_erased: "联系人已删除",
  skip_destination_disabled: "目标已停用",
  skip_other: "其他原因",
  err_no_answer: "无应答（超时或连接被拒绝）",
  err_url_refused: "目标 URL 被拒绝",
  err_unauthorized: "凭据被拒绝（HTTP 401/403）",
  err_rate_limited: "请求过多（HTTP 429）",
  err_rejected: "被平台拒绝",
  err_server_error: "目标服务器错误（HTTP 5xx）",
  err_metrica_upload_failed: "Metrica 上传失败",
  err_destination_gone: "潜在客户或目标已删除",
  err_internal: "内部错误",
  err_other: "其他错误",
};

export default reasons;
