/** Arabic words for inferred attribution (en.ts names them). */
import type { InferenceStrings } from "./en";

const inference: InferenceStrings = {
  infer_greeting: "وصلت التحية بدون رمزها",
  infer_greeting_edited: "وصلت التحية معدَّلة",
  infer_tag_left: "بقيت تسمية الرمز في الرسالة",
  infer_language: "مكتوبة بلغة النقرة",
  infer_language_mismatch: "مكتوبة بلغة غير لغة النقرة",
  infer_delay_fits: "أُرسلت بعد النقرة بقليل",
  infer_delay_late: "أُرسلت بعد النقرة بوقت طويل",
  infer_desktop_qr: "عرضت النقرة رمز QR على حاسوب",
  infer_country: "بلد الهاتف يطابق بلد النقرة",
  infer_country_mismatch: "بلد الهاتف يختلف عن بلد النقرة",
  infer_sole_candidate: "النقرة الحديثة الوحيدة",
  includeInferred: "تضمين المحادثات المستنتجة",
  inferredLeftOut: "المحادثات المستنتجة مستبعدة.",
  inferScore: "احتمال {score}",
  destInferred: "العملاء المحتملون المستنتجون",
  destInferredOn: "يُرسَلون",
  destInferredOff: "لا يُرسَلون (العملاء المحتملون الدقيقون فقط)",
  sendInferred: "إرسال العملاء المحتملين المستنتجين",
  stopInferred: "إرسال العملاء المحتملين الدقيقين فقط",
};

export default inference;
