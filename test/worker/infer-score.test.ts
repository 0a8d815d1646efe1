/**
 * The inference's scorer (worker/attribution/infer-score.ts) and the simulator that measures it
 * (scripts/sim-inference/), as plain functions: which click a ref-less message is inferred to,
 * and when it is left `none`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../scripts/sim-inference/evaluate";
import { buildMessage } from "../../widget/message";
import { formatRef, mintRef } from "../../widget/protocol/ref-codec";
import { inferable } from "../../worker/attribution/infer-candidates";
import { bsuidCountry, phoneCountries } from "../../worker/attribution/infer-country";
import {
  INFERENCE_DEFAULTS,
  type InferenceClick,
  inferClick,
} from "../../worker/attribution/infer-score";
import { greetingSurvival, tokens } from "../../worker/attribution/infer-text";
import { refCandidates } from "../../worker/attribution/record-message";

const NOW = 1_760_000_000_000;
const GREETING_EN = "Hello! I'd like to know more.";

function clickAt(secondsBefore: number, over: Partial<InferenceClick> = {}): InferenceClick {
  return {
    ref: mintRef(),
    createdAt: NOW - secondsBefore * 1000,
    lang: "en",
    placement: "button",
    template: null,
    country: null,
    ...over,
  };
}

/** The widget's message for `click` with its code deleted (the tag's words left behind). */
const withoutCode = (click: InferenceClick) =>
  buildMessage(click.ref, click.lang ?? "en").replace(formatRef(click.ref), "");

const at = (text: string | null, countries: string[] = []) => ({ text, sentAt: NOW, countries });

describe("inferClick", () => {
  it("infers a lone recent click whose greeting survives", () => {
    const click = clickAt(20);
    const result = inferClick(at(withoutCode(click)), [click]);
    expect(result.inference?.clickRef).toBe(click.ref);
    expect(result.inference?.score).toBeGreaterThanOrEqual(INFERENCE_DEFAULTS.threshold);
    expect(result.inference?.reasons).toEqual(
      expect.arrayContaining(["greeting", "tag_left", "delay_fits", "sole_candidate"]),
    );
  });

  it("infers the greeting in the click's language, without the tag", () => {
    const ru = clickAt(40, { lang: "ru" });
    const en = clickAt(35);
    const result = inferClick(at("Здравствуйте! Хочу узнать подробнее."), [en, ru]);
    expect(result.inference?.clickRef).toBe(ru.ref);
  });

  it("a desktop QR click explains a phone message a minute later", () => {
    const qr = clickAt(70, { placement: "qr_panel" });
    const result = inferClick(at(withoutCode(qr)), [qr]);
    expect(result.inference?.clickRef).toBe(qr.ref);
    expect(result.inference?.reasons).toContain("desktop_qr");
  });

  it("two equally plausible clicks: none (ambiguous)", () => {
    const a = clickAt(20);
    const b = { ...clickAt(20), createdAt: a.createdAt };
    const result = inferClick(at(withoutCode(a)), [a, b]);
    expect(result).toEqual({ inference: null, why: "ambiguous" });
  });

  it("no greeting and no click: none", () => {
    expect(inferClick(at("How much is it?"), [])).toEqual({
      inference: null,
      why: "no_candidates",
    });
  });

  it("no greeting: a recent click alone is not enough", () => {
    expect(inferClick(at("How much is it?"), [clickAt(20)]).inference).toBeNull();
  });

  it("the greeting but only a click from long ago (or after the message): none", () => {
    const old = clickAt(25 * 60);
    const later = clickAt(-120);
    expect(inferClick(at(withoutCode(old)), [old, later])).toEqual({
      inference: null,
      why: "no_candidates",
    });
  });

  it("too many open clicks: inference turns itself off for the message", () => {
    const many = Array.from({ length: INFERENCE_DEFAULTS.maxOpen + 1 }, (_, i) =>
      clickAt(30 + i, { lang: "zh" }),
    );
    const lone = clickAt(20);
    const result = inferClick(at(withoutCode(lone)), [lone, ...many]);
    expect(result).toEqual({ inference: null, why: "crowded" });
  });

  it("the phone's country against the click's tips the balance", () => {
    const br = clickAt(25, { country: "BR", lang: "pt" });
    const pt = clickAt(25, { country: "PT", lang: "pt" });
    const text = withoutCode(br);
    expect(
      inferClick(at(text, phoneCountries("5511999990000") as string[]), [br, pt]).inference
        ?.clickRef,
    ).toBe(br.ref);
    expect(inferClick(at(text), [br, pt]).inference).toBeNull();
  });
});

describe("which messages are inferred at all", () => {
  const msg = (text: string, over: object = {}) => ({
    phoneNumberId: "1",
    messageId: "m",
    sentAt: NOW,
    type: "text",
    text,
    referral: null,
    waId: "15550001111",
    userId: null,
    parentUserId: null,
    username: null,
    name: null,
    ...over,
  });

  it("a message carrying a ref, however written and wherever, is never inferred", () => {
    const ref = fc
      .uint8Array({ minLength: 5, maxLength: 5 })
      .map((bytes) => mintRef((b) => b.map((_, i) => bytes[i] ?? 0)));
    const text = fc.string({ unit: "grapheme", maxLength: 60 });
    fc.assert(
      fc.property(ref, text, text, fc.boolean(), (code, before, after, lower) => {
        const written = lower ? formatRef(code).toLowerCase() : formatRef(code);
        const m = msg(`${before} ${written} ${after}`);
        expect(inferable(m, refCandidates(m))).toBe(false);
      }),
    );
  });

  it("only WhatsApp messages without a referral", () => {
    expect(inferable(msg(GREETING_EN), [])).toBe(true);
    expect(inferable(msg(GREETING_EN, { channel: "telegram" }), [])).toBe(false);
    const referral = {
      ctwa_clid: "c",
      source_id: null,
      source_url: null,
      source_type: null,
      headline: null,
    };
    expect(inferable(msg(GREETING_EN, { referral }), [])).toBe(false);
  });
});

describe("evidence", () => {
  it("reads what survives of the greeting near the message's start", () => {
    const greeting = tokens("Hello! I'd like to know more.");
    expect(
      greetingSurvival(tokens("hello i'd like to know more about the blue sofa"), greeting),
    ).toBe(1);
    expect(greetingSurvival(tokens("Hi! I'd like to know the price"), greeting)).toBeLessThan(0.85);
    const long = `${"word ".repeat(40)}hello i'd like to know more`;
    expect(greetingSurvival(tokens(long), greeting)).toBeLessThan(0.5);
    expect(
      greetingSurvival(tokens("您好！我想了解更多信息。"), tokens("您好！我想了解更多信息。")),
    ).toBe(1);
  });

  it("reads the sender's country from the BSUID or the calling code", () => {
    expect(bsuidCountry("BR.1349000")).toBe("BR");
    expect(bsuidCountry("1349000")).toBeNull();
    expect(phoneCountries("79161234567")).toContain("RU");
    expect(phoneCountries("971501234567")).toEqual(["AE"]);
    expect(phoneCountries("999")).toEqual([]);
  });
});

describe("the simulator", () => {
  it("gives the same figures for the same seed, and others for another", () => {
    const first = evaluate(7, 3, 1500);
    expect(evaluate(7, 3, 1500)).toEqual(first);
    expect(first.refless).toBeGreaterThan(0);
    expect(evaluate(8, 3, 1500)).not.toEqual(first);
  });
});
