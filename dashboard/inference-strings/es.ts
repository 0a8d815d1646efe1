/** Spanish words for inferred attribution (en.ts names them). */
import type { InferenceStrings } from "./en";

const inference: InferenceStrings = {
  infer_greeting: "el saludo llegó sin su código",
  infer_greeting_edited: "el saludo llegó editado",
  infer_tag_left: "la etiqueta del código quedó en el mensaje",
  infer_language: "escrito en el idioma del clic",
  infer_language_mismatch: "escrito en otro idioma que el del clic",
  infer_delay_fits: "enviado poco después del clic",
  infer_delay_late: "enviado mucho después del clic",
  infer_desktop_qr: "el clic mostró un código QR en un ordenador",
  infer_country: "el país del teléfono coincide con el del clic",
  infer_country_mismatch: "el país del teléfono difiere del del clic",
  infer_sole_candidate: "el único clic reciente",
  includeInferred: "Incluir conversaciones inferidas",
  inferredLeftOut: "Las conversaciones inferidas quedan fuera.",
  inferScore: "{score} de probabilidad",
  destInferred: "Leads inferidos",
  destInferredOn: "se envían",
  destInferredOff: "no se envían (solo leads exactos)",
  sendInferred: "Enviar leads inferidos",
  stopInferred: "Enviar solo leads exactos",
};

export default inference;
