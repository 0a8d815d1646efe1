/** Spanish sentences of the delivery summary's reason codes (en.ts names them). */
import type { ReasonStrings } from "./en";

const reasons: ReasonStrings = {
  reasonsLabel: "Por qué se omitieron o fallaron los envíos",
  skip_no_ga_client_id: "sin client id de GA4 (la visita no tenía cookie _ga)",
  skip_consent_ad_user_data_denied: "ad_user_data denegado",
  skip_consent_analytics_denied: "analytics_storage denegado",
  skip_no_google_click_id: "sin ID de clic de Google (gclid, gbraid, wbraid)",
  skip_no_ttclid: "sin ID de clic de TikTok (ttclid)",
  skip_no_msclkid: "sin ID de clic de Microsoft (msclkid)",
  skip_no_metrica_id: "sin ID de Metrica (yclid, _ym_uid)",
  skip_metrica_chat_app: "app de chat no admitida por la carga de chats de Metrica",
  skip_no_attribution: "sin atribución (ni código ref ni anuncio)",
  skip_no_ctwa_clid: "referencia de anuncio sin ctwa_clid",
  skip_no_waba_id: "falta el ID de la cuenta de WhatsApp Business",
  skip_sender_unknown: "el ID del remitente ya no se conoce",
  skip_too_old: "demasiado antiguo para esta plataforma",
  skip_contact_erased: "contacto borrado",
  skip_destination_disabled: "el destino estaba desactivado",
  skip_other: "otro motivo",
  err_no_answer: "sin respuesta (tiempo agotado o conexión rechazada)",
  err_url_refused: "URL de destino rechazada",
  err_unauthorized: "credenciales rechazadas (HTTP 401/403)",
  err_rate_limited: "demasiadas solicitudes (HTTP 429)",
  err_rejected: "rechazado por la plataforma",
  err_server_error: "error del servidor de destino (HTTP 5xx)",
  err_metrica_upload_failed: "falló la carga a Metrica",
  err_destination_gone: "lead o destino eliminado",
  err_internal: "error interno",
  err_other: "otro error",
};

export default reasons;
