/** Russian words for inferred attribution (en.ts names them). */
import type { InferenceStrings } from "./en";

const inference: InferenceStrings = {
  infer_greeting: "приветствие пришло без кода",
  infer_greeting_edited: "приветствие пришло изменённым",
  infer_tag_left: "подпись кода осталась в сообщении",
  infer_language: "написано на языке клика",
  infer_language_mismatch: "написано не на языке клика",
  infer_delay_fits: "отправлено вскоре после клика",
  infer_delay_late: "отправлено намного позже клика",
  infer_desktop_qr: "клик показал QR-код на компьютере",
  infer_country: "страна телефона совпадает со страной клика",
  infer_country_mismatch: "страна телефона отличается от страны клика",
  infer_sole_candidate: "единственный недавний клик",
  includeInferred: "Учитывать предполагаемые диалоги",
  inferredLeftOut: "Предполагаемые диалоги не учитываются.",
  inferScore: "вероятность {score}",
  destInferred: "Предполагаемые лиды",
  destInferredOn: "отправляются",
  destInferredOff: "не отправляются (только точные лиды)",
  sendInferred: "Отправлять предполагаемые лиды",
  stopInferred: "Отправлять только точные лиды",
};

export default inference;
