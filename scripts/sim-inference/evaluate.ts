/**
 * Runs the Worker's inference (worker/attribution/infer-score.ts, the same code) over simulated
 * traffic the way the inbound path does: messages in time order, a message with its ref consumes
 * its click, a ref-less message is scored against the clicks still open in the window (an
 * inferred click is consumed too, right or wrong), and counts how often it was right.
 */

import {
  INFERENCE_DEFAULTS,
  type InferenceClick,
  type InferenceSettings,
  inferClick,
} from "../../worker/attribution/infer-score";
import { findRefCandidates } from "../../worker/attribution/ref-matcher";
import { DEFAULT_SHAPE, type SimClick, type SimKind, traffic } from "./traffic";

/** The outcome counts of one run. */
export interface Counts {
  /** Messages without a ref (the ones inference looks at). */
  refless: number;
  /** Of those, produced by a click. */
  fromClick: number;
  /** Inferred, and inferred to the right click. */
  inferred: number;
  correct: number;
  /** Left `none` because too many clicks were open. */
  crowded: number;
  /** Wrong inferences by what the message really was. */
  wrong: Partial<Record<SimKind, number>>;
}

/** Precision and recall of `inferred` (null when nothing was inferred). */
export function rates(c: Counts): { precision: number | null; recall: number } {
  return {
    precision: c.inferred ? c.correct / c.inferred : null,
    recall: c.fromClick ? c.correct / c.fromClick : 0,
  };
}

/** Inferred outcomes by how many clicks were open when the message came (for `maxOpen`). */
export type ByOpen = Map<number, { inferred: number; correct: number }>;

function asCandidate(click: SimClick): InferenceClick {
  return {
    ref: click.ref,
    createdAt: click.at,
    lang: click.lang,
    placement: click.placement,
    template: null,
    country: click.country,
  };
}

/** Scores one simulated site with `settings`; `byOpen` collects outcomes per open-click count. */
export function evaluate(
  seed: number,
  rate: number,
  clicks: number,
  settings: InferenceSettings = INFERENCE_DEFAULTS,
  byOpen?: ByOpen,
): Counts {
  const site = traffic(seed, { ...DEFAULT_SHAPE, rate, clicks });
  const byRef = new Map(site.clicks.map((c) => [c.ref, c]));
  const consumed = new Set<number>();
  const counts: Counts = {
    refless: 0,
    fromClick: 0,
    inferred: 0,
    correct: 0,
    crowded: 0,
    wrong: {},
  };
  let first = 0;
  for (const msg of site.messages) {
    const [ref] = findRefCandidates(msg.text);
    const exact = ref ? byRef.get(ref) : undefined;
    if (exact) {
      consumed.add(exact.id);
      continue;
    }
    counts.refless++;
    if (msg.clickId !== null) counts.fromClick++;
    // Open clicks: recorded in the window before the message (or just after, within clock skew).
    while ((site.clicks[first]?.at ?? Infinity) <= msg.at - settings.windowMs) first++;
    const open: InferenceClick[] = [];
    for (let i = first; i < site.clicks.length; i++) {
      const click = site.clicks[i] as SimClick;
      if (click.at > msg.at + 30_000) break;
      if (!consumed.has(click.id)) open.push(asCandidate(click));
    }
    const result = inferClick({ text: msg.text, sentAt: msg.at, countries: msg.countries }, open, {
      ...settings,
      maxOpen: byOpen ? Number.POSITIVE_INFINITY : settings.maxOpen,
    });
    if (result.why === "crowded") counts.crowded++;
    if (!result.inference) continue;
    const chosen = byRef.get(result.inference.clickRef) as SimClick;
    consumed.add(chosen.id);
    const right = chosen.id === msg.clickId;
    counts.inferred++;
    if (right) counts.correct++;
    else counts.wrong[msg.kind] = (counts.wrong[msg.kind] ?? 0) + 1;
    if (byOpen) {
      const bucket = byOpen.get(open.length) ?? { inferred: 0, correct: 0 };
      bucket.inferred++;
      if (right) bucket.correct++;
      byOpen.set(open.length, bucket);
    }
  }
  return counts;
}

export { INFERENCE_DEFAULTS };
