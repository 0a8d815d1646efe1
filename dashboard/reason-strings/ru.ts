/** Russian sentences of the delivery summary's reason codes (en.ts names them). */
import type { ReasonStrings } from "./en";

const reasons: ReasonStrings = {
  reasonsLabel: "Почему доставки пропущены или не удались",
  skip_no_ga_client_id: "нет client id GA4 (у визита не было cookie _ga)",
  skip_consent_ad_user_data_denied: "ad_user_data: согласия нет",
  skip_consent_analytics_denied: "analytics_storage: согласия нет",
  skip_no_google_click_id: "нет идентификатора клика Google (gclid, gbraid, wbraid)",
  skip_no_ttclid: "нет идентификатора клика TikTok (ttclid)",
  skip_no_msclkid: "нет идентификатора клика Microsoft (msclkid)",
  skip_no_metrica_id: "нет идентификатора Метрики (yclid, _ym_uid)",
  skip_metrica_chat_app: "мессенджер не принимается загрузкой чатов Метрики",
  skip_no_attribution: "источник не определён (нет кода, нет рекламы)",
  skip_no_ctwa_clid: "рекламный переход без ctwa_clid",
  skip_no_waba_id: "не задан ID аккаунта WhatsApp Business",
  skip_sender_unknown: "ID отправителя больше неизвестен",
  skip_too_old: "слишком давно для этой платформы",
  skip_contact_erased: "контакт удалён",
  skip_destination_disabled: "получатель был отключён",
  skip_other: "другая причина",
  err_no_answer: "нет ответа (тайм-аут или соединение отклонено)",
  err_url_refused: "URL получателя отклонён",
  err_unauthorized: "учётные данные отклонены (HTTP 401/403)",
  err_rate_limited: "слишком много запросов (HTTP 429)",
  err_rejected: "отклонено платформой",
  err_server_error: "ошибка сервера получателя (HTTP 5xx)",
  err_metrica_upload_failed: "загрузка в Метрику не удалась",
  err_destination_gone: "лид или получатель удалён",
  err_internal: "внутренняя ошибка",
  err_other: "другая ошибка",
};

export default reasons;
