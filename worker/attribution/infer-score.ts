/**
 * Infers which recent click produced a message whose ref was deleted, or none. Pure, no I/O:
 * the inbound path (infer-candidates.ts) reads the candidates, and the traffic simulator
 * (scripts/sim-inference.mjs, `npm run sim:inference`) runs this same code to measure precision
 * and recall, from which the defaults below were chosen (README, "Inferred attribution").
 *
 * Each open click is a hypothesis "this click produced the message", the null hypothesis "no open
 * click did" (the person typed the number by hand, or clicked long ago). Each piece of evidence
 * is a likelihood ratio against the null: what survives of the click's greeting, the tag's
 * skeleton, the script, the delay since the click (a desktop QR click is followed by a phone
 * message a little later), the country. The score is the posterior probability of the best
 * click; it is inferred only above the threshold, with a margin over the next, and never when
 * so many clicks are open that the simulator measured precision below 90 %.
 */
import type { Placement } from "../../widget/protocol/click-beacon";
import {
  expectedTokens,
  greetingSurvival,
  type Script,
  scriptOf,
  scriptOfLang,
  tagLeft,
  tokens,
} from "./infer-text";

/** The message to explain (its text, when the contact sent it, where the sender likely is). */
export interface InferenceMessage {
  text: string | null;
  /** Sent time (ms). */
  sentAt: number;
  /** The sender's likely countries (infer-country.ts); [] when unknown. */
  countries: readonly string[];
}

/** An open click of the site: not yet matched, recent, opened in WhatsApp. */
export interface InferenceClick {
  ref: string;
  /** When the Worker recorded it (ms). */
  createdAt: number;
  /** The prefilled message's language; English when unknown. */
  lang: string | null;
  placement: Placement;
  /** A campaign link's custom template (`{ref}` marks the code); null for the default greeting. */
  template: string | null;
  /** ISO country of the click's request, when recorded. */
  country: string | null;
}

/** Why a click was chosen: each piece of evidence that counted for (or against) it. */
export const INFERENCE_REASONS = [
  "greeting",
  "greeting_edited",
  "tag_left",
  "language",
  "language_mismatch",
  "delay_fits",
  "delay_late",
  "desktop_qr",
  "country",
  "country_mismatch",
  "sole_candidate",
] as const;
export type InferenceReason = (typeof INFERENCE_REASONS)[number];

/** The tunables; `INFERENCE_DEFAULTS` are the simulator's choice. */
export interface InferenceSettings {
  /** Lowest posterior (0–1) inferred. */
  threshold: number;
  /** The best click's weight must be at least this many times the next one's. */
  margin: number;
  /** More open clicks than this in the window: inference is off for the message. */
  maxOpen: number;
  /** How far back clicks are candidates (ms). */
  windowMs: number;
  /** Prior odds of one open click against "no open click" before any evidence. */
  prior: number;
}

/** Chosen from `npm run sim:inference` (see the README's table). */
export const INFERENCE_DEFAULTS: Readonly<InferenceSettings> = {
  threshold: 0.9,
  margin: 2,
  maxOpen: 250,
  windowMs: 20 * 60_000,
  prior: 0.1,
};

/** A click inferred for a message. */
export interface Inference {
  clickRef: string;
  /** Posterior probability that this click produced the message (0–1, 3 decimals). */
  score: number;
  reasons: InferenceReason[];
}

/** Why nothing was inferred. */
export type NoInference = "no_candidates" | "crowded" | "weak" | "ambiguous";

export type InferenceResult =
  | { inference: Inference; why?: undefined }
  | { inference: null; why: NoInference };

/** Delay from click to message: log-normal, its median and spread per kind of click (seconds). */
const DELAY = {
  phone: { median: 25, sigma: 1.0 },
  desktop: { median: 60, sigma: 0.9 },
} as const;
/** A message may carry a sent time a little before the click's receipt (clocks, queues). */
const SKEW_MS = 30_000;
/** Share of messages sent long after their click (any time in the window). */
const LATE_SHARE = 0.15;
const QR_PLACEMENTS: readonly Placement[] = ["qr_panel", "inline_qr"];

function delayRatio(click: InferenceClick, sentAt: number, windowMs: number): number {
  const seconds = Math.max(1, (sentAt - click.createdAt) / 1000);
  const { median, sigma } = QR_PLACEMENTS.includes(click.placement) ? DELAY.desktop : DELAY.phone;
  const z = (Math.log(seconds) - Math.log(median)) / sigma;
  const typed = Math.exp(-0.5 * z * z) / (seconds * sigma * Math.sqrt(2 * Math.PI));
  // Some people come back to the chat minutes later: a share of the delays is spread evenly
  // over the window, so a late true click still competes with a recent stranger's.
  const window = windowMs / 1000;
  const density = (1 - LATE_SHARE) * typed + LATE_SHARE / window;
  // Against a message arriving uniformly anywhere in the window.
  return density * window;
}

/** The message's tokens and script, read once for every candidate. */
interface ReadMessage {
  tokens: string[];
  script: Script | null;
}

function textRatio(msg: ReadMessage, click: InferenceClick, reasons: InferenceReason[]): number {
  if (!msg.tokens.length) return 0.5;
  const lang = click.lang ?? "en";
  const expected = expectedTokens(lang, click.template ?? "");
  const survival = greetingSurvival(msg.tokens, expected.greeting);
  let ratio: number;
  if (survival >= 0.85) {
    ratio = 100;
    reasons.push("greeting");
  } else if (survival >= 0.5) {
    ratio = 10;
    reasons.push("greeting_edited");
  } else {
    // Rewritten: rarer after a click than without one; only the script is left to compare.
    ratio = 0.2;
    const script = scriptOfLang(lang);
    if (msg.script && script && msg.script === script) {
      ratio *= 2;
      reasons.push("language");
    } else if (msg.script && script) {
      ratio *= 0.1;
      reasons.push("language_mismatch");
    }
  }
  if (tagLeft(msg.tokens, expected.tag)) {
    ratio *= 5;
    reasons.push("tag_left");
  }
  return ratio;
}

/** The likelihood ratio of one click against the null, with the reasons that made it. */
function weigh(
  msg: InferenceMessage,
  read: ReadMessage,
  click: InferenceClick,
  s: InferenceSettings,
) {
  const reasons: InferenceReason[] = [];
  let ratio = textRatio(read, click, reasons);
  const delay = delayRatio(click, msg.sentAt, s.windowMs);
  reasons.push(delay >= 1 ? "delay_fits" : "delay_late");
  if (QR_PLACEMENTS.includes(click.placement)) reasons.push("desktop_qr");
  ratio *= delay;
  if (click.country && msg.countries.length) {
    const same = msg.countries.includes(click.country);
    ratio *= same ? 3 : 0.2;
    reasons.push(same ? "country" : "country_mismatch");
  }
  return { click, reasons, weight: s.prior * ratio };
}

/**
 * The click that produced `msg`, or why none is named. `clicks` are the site's open clicks of
 * the window before the message (any order); clicks after the message (beyond clock skew) or
 * older than the window are ignored.
 */
export function inferClick(
  msg: InferenceMessage,
  clicks: readonly InferenceClick[],
  settings: InferenceSettings = INFERENCE_DEFAULTS,
): InferenceResult {
  const open = clicks.filter(
    (c) => c.createdAt <= msg.sentAt + SKEW_MS && c.createdAt > msg.sentAt - settings.windowMs,
  );
  if (!open.length) return { inference: null, why: "no_candidates" };
  if (open.length > settings.maxOpen) return { inference: null, why: "crowded" };
  const read: ReadMessage = { tokens: tokens(msg.text ?? ""), script: scriptOf(msg.text ?? "") };
  const weighed = open
    .map((click) => weigh(msg, read, click, settings))
    .sort((a, b) => b.weight - a.weight || a.click.ref.localeCompare(b.click.ref));
  const [best, next] = weighed;
  if (!best) return { inference: null, why: "no_candidates" };
  const total = 1 + weighed.reduce((sum, w) => sum + w.weight, 0);
  const score = best.weight / total;
  if (next && best.weight < settings.margin * next.weight)
    return { inference: null, why: "ambiguous" };
  if (score < settings.threshold) return { inference: null, why: "weak" };
  const reasons = open.length === 1 ? [...best.reasons, "sole_candidate" as const] : best.reasons;
  return {
    inference: { clickRef: best.click.ref, score: Math.round(score * 1000) / 1000, reasons },
  };
}
