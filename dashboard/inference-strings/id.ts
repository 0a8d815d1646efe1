/** Indonesian words for inferred attribution (en.ts names them). */
import type { InferenceStrings } from "./en";

const inference: InferenceStrings = {
  infer_greeting: "salam tiba tanpa kodenya",
  infer_greeting_edited: "salam tiba dalam keadaan diubah",
  infer_tag_left: "label kode tertinggal di pesan",
  infer_language: "ditulis dalam bahasa klik",
  infer_language_mismatch: "ditulis dalam bahasa lain dari bahasa klik",
  infer_delay_fits: "dikirim tak lama setelah klik",
  infer_delay_late: "dikirim lama setelah klik",
  infer_desktop_qr: "klik menampilkan kode QR di komputer",
  infer_country: "negara telepon sama dengan negara klik",
  infer_country_mismatch: "negara telepon berbeda dari negara klik",
  infer_sole_candidate: "satu-satunya klik terbaru",
  includeInferred: "Sertakan percakapan yang disimpulkan",
  inferredLeftOut: "Percakapan yang disimpulkan tidak disertakan.",
  inferScore: "kemungkinan {score}",
  destInferred: "Prospek yang disimpulkan",
  destInferredOn: "dikirim",
  destInferredOff: "tidak dikirim (hanya prospek yang pasti)",
  sendInferred: "Kirim prospek yang disimpulkan",
  stopInferred: "Kirim hanya prospek yang pasti",
};

export default inference;
