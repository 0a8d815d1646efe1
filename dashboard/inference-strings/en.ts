/**
 * The dashboard's words for inferred attribution (README, "Inferred attribution"): the view's
 * "Include inferred conversations" control (view-controls.ts), each inferred lead's score and
 * evidence in the leads table (leads-panel.ts) — one sentence per reason code of
 * worker/attribution/infer-score.ts — and a destination's `include_inferred` (destination-card.ts).
 * English, the source of the keys; every locale spreads its own module of these into its shell
 * strings (locales/<lang>.ts), so the codes are typed once and each sentence lives in its
 * language's chunk.
 */
import type { InferenceReason } from "../../worker/attribution/infer-score";

const sentences = {
  infer_greeting: "the greeting arrived without its code",
  infer_greeting_edited: "the greeting arrived edited",
  infer_tag_left: "the code's label was left in the message",
  infer_language: "written in the click's language",
  infer_language_mismatch: "written in another language than the click's",
  infer_delay_fits: "sent soon after the click",
  infer_delay_late: "sent long after the click",
  infer_desktop_qr: "the click showed a QR code on a computer",
  infer_country: "the phone's country matches the click's",
  infer_country_mismatch: "the phone's country differs from the click's",
  infer_sole_candidate: "the only recent click",
} satisfies Record<`infer_${InferenceReason}`, string>;

const inference = {
  ...sentences,
  includeInferred: "Include inferred conversations",
  inferredLeftOut: "Inferred conversations are left out.",
  /** `{score}`: a percentage, formatted by the language. */
  inferScore: "{score} likely",
  destInferred: "Inferred leads",
  destInferredOn: "sent",
  destInferredOff: "not sent (exact leads only)",
  sendInferred: "Send inferred leads",
  stopInferred: "Send exact leads only",
};

/** The inference strings every locale gives. */
export type InferenceStrings = typeof inference;
export default inference;
