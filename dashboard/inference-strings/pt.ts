/** Portuguese (Brazil) words for inferred attribution (en.ts names them). */
import type { InferenceStrings } from "./en";

const inference: InferenceStrings = {
  infer_greeting: "a saudação chegou sem o código",
  infer_greeting_edited: "a saudação chegou editada",
  infer_tag_left: "o rótulo do código ficou na mensagem",
  infer_language: "escrita no idioma do clique",
  infer_language_mismatch: "escrita em outro idioma que o do clique",
  infer_delay_fits: "enviada logo após o clique",
  infer_delay_late: "enviada muito depois do clique",
  infer_desktop_qr: "o clique mostrou um QR code em um computador",
  infer_country: "o país do telefone coincide com o do clique",
  infer_country_mismatch: "o país do telefone difere do do clique",
  infer_sole_candidate: "o único clique recente",
  includeInferred: "Incluir conversas inferidas",
  inferredLeftOut: "As conversas inferidas ficam de fora.",
  inferScore: "{score} de probabilidade",
  destInferred: "Leads inferidos",
  destInferredOn: "enviados",
  destInferredOff: "não enviados (só leads exatos)",
  sendInferred: "Enviar leads inferidos",
  stopInferred: "Enviar só leads exatos",
};

export default inference;
