/** Indonesian sentences of the delivery summary's reason codes (en.ts names them). */
import type { ReasonStrings } from "./en";

const reasons: ReasonStrings = {
  reasonsLabel: "Mengapa pengiriman dilewati atau gagal",
  skip_no_ga_client_id: "tidak ada client id GA4 (kunjungan tanpa cookie _ga)",
  skip_consent_ad_user_data_denied: "ad_user_data ditolak",
  skip_consent_analytics_denied: "analytics_storage ditolak",
  skip_no_google_click_id: "tidak ada ID klik Google (gclid, gbraid, wbraid)",
  skip_no_ttclid: "tidak ada ID klik TikTok (ttclid)",
  skip_no_msclkid: "tidak ada ID klik Microsoft (msclkid)",
  skip_no_metrica_id: "tidak ada ID Metrica (yclid, _ym_uid)",
  skip_metrica_chat_app: "aplikasi chat tidak diterima unggahan chat Metrica",
  skip_no_attribution: "tanpa atribusi (tanpa kode ref, tanpa iklan)",
  skip_no_ctwa_clid: "rujukan iklan tanpa ctwa_clid",
  skip_no_waba_id: "ID akun WhatsApp Business belum diatur",
  skip_sender_unknown: "ID pengirim tidak lagi diketahui",
  skip_too_old: "terlalu lama untuk platform ini",
  skip_contact_erased: "kontak dihapus",
  skip_destination_disabled: "tujuan sedang dinonaktifkan",
  skip_other: "alasan lain",
  err_no_answer: "tidak ada jawaban (waktu habis atau koneksi ditolak)",
  err_url_refused: "URL tujuan ditolak",
  err_unauthorized: "kredensial ditolak (HTTP 401/403)",
  err_rate_limited: "terlalu banyak permintaan (HTTP 429)",
  err_rejected: "ditolak oleh platform",
  err_server_error: "kesalahan server tujuan (HTTP 5xx)",
  err_metrica_upload_failed: "unggahan ke Metrica gagal",
  err_destination_gone: "prospek atau tujuan dihapus",
  err_internal: "kesalahan internal",
  err_other: "kesalahan lain",
};

export default reasons;
