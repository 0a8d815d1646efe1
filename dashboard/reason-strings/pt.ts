/** Portuguese (Brazil) sentences of the delivery summary's reason codes (en.ts names them). */
import type { ReasonStrings } from "./en";

const reasons: ReasonStrings = {
  reasonsLabel: "Por que os envios foram ignorados ou falharam",
  skip_no_ga_client_id: "sem client id do GA4 (a visita não tinha cookie _ga)",
  skip_consent_ad_user_data_denied: "ad_user_data negado",
  skip_consent_analytics_denied: "analytics_storage negado",
  skip_no_google_click_id: "sem ID de clique do Google (gclid, gbraid, wbraid)",
  skip_no_ttclid: "sem ID de clique do TikTok (ttclid)",
  skip_no_msclkid: "sem ID de clique da Microsoft (msclkid)",
  skip_no_metrica_id: "sem ID do Metrica (yclid, _ym_uid)",
  skip_metrica_chat_app: "app de chat não aceito pelo envio de chats do Metrica",
  skip_no_attribution: "sem atribuição (nem código ref, nem anúncio)",
  skip_no_ctwa_clid: "referência de anúncio sem ctwa_clid",
  skip_no_waba_id: "ID da conta do WhatsApp Business não definido",
  skip_sender_unknown: "o ID do remetente não é mais conhecido",
  skip_too_old: "antigo demais para esta plataforma",
  skip_contact_erased: "contato apagado",
  skip_destination_disabled: "o destino estava desativado",
  skip_other: "outro motivo",
  err_no_answer: "sem resposta (tempo esgotado ou conexão recusada)",
  err_url_refused: "URL de destino recusada",
  err_unauthorized: "credenciais recusadas (HTTP 401/403)",
  err_rate_limited: "solicitações demais (HTTP 429)",
  err_rejected: "recusado pela plataforma",
  err_server_error: "erro do servidor de destino (HTTP 5xx)",
  err_metrica_upload_failed: "o envio ao Metrica falhou",
  err_destination_gone: "lead ou destino excluído",
  err_internal: "erro interno",
  err_other: "outro erro",
};

export default reasons;
