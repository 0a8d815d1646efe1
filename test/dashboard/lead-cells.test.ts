/**
 * The leads table's touch and outcome cells (dashboard/leads-panel.ts): the touch of the model
 * chosen (first: the lead's own; last: its path's last step, the lead's own without a path) and
 * the outcome worded with its money per currency, never added across currencies.
 */
import { describe, expect, it } from "vitest";
import type { Lead, TouchStep } from "../../dashboard/api";
import { formatMoney } from "../../dashboard/format";
import { agentLabel, outcomeLabel, touchColumns } from "../../dashboard/leads-panel";
import { LANGS } from "./strings";

const t = LANGS.en;
const step = (over: Partial<TouchStep>): TouchStep => ({
  kind: "ref",
  at: "2026-11-21T10:15:00.000Z",
  ref: "K7QM3XZP4T",
  placement: "button",
  link_id: null,
  utm_source: null,
  utm_medium: null,
  utm_campaign: null,
  source: null,
  medium: null,
  landing_page: null,
  ...over,
});
const lead = {
  attribution: "ref",
  touch: {
    utm_source: "google",
    utm_medium: "cpc",
    utm_campaign: "spring",
    placement: "button",
    landing_url: "https://shop.example/shoes?utm_source=google",
  },
  touches: [
    step({ source: "google", medium: "cpc", utm_campaign: "spring" }),
    step({
      source: "newsletter",
      medium: "email",
      utm_campaign: "november",
      placement: "qr_panel",
      landing_page: "shop.example/news",
    }),
  ],
  outcome: { stage: null, purchases: 0, revenue: [] },
} as unknown as Lead;

describe("touchColumns", () => {
  it("first: the lead's own touch; last: the path's last step", () => {
    expect(touchColumns(lead, "first", t.notSet)).toEqual({
      sourceMedium: "google / cpc",
      campaign: "spring",
      placement: "button",
      landing: "shop.example/shoes",
    });
    expect(touchColumns(lead, "last", t.notSet)).toEqual({
      sourceMedium: "newsletter / email",
      campaign: "november",
      placement: "qr_panel",
      landing: "shop.example/news",
    });
    // Without a path (no ref matched later), the last touch is the lead's own.
    const noPath = { ...lead, touches: [] } as Lead;
    expect(touchColumns(noPath, "last", t.notSet)).toEqual(touchColumns(lead, "first", t.notSet));
  });
});

describe("outcomeLabel", () => {
  it("Qualified, Lost, —, and Purchase with each currency apart", () => {
    const o = (stage: Lead["outcome"]["stage"], revenue: Lead["outcome"]["revenue"] = []) => ({
      stage,
      purchases: stage === "purchase" ? 1 : 0,
      revenue,
    });
    expect(outcomeLabel(o("qualified"), "en", t)).toBe(t.outcomeQualified);
    expect(outcomeLabel(o("lost"), "en", t)).toBe(t.outcomeLost);
    expect(outcomeLabel(o(null), "en", t)).toBe("—");
    const money = [
      { currency: "RUB", value: 1234 },
      { currency: "EUR", value: 30 },
    ];
    expect(outcomeLabel(o("purchase", money), "ru", LANGS.ru)).toBe(
      `${LANGS.ru.outcomePurchase} ${formatMoney("ru", 1234, "RUB")} · ${formatMoney("ru", 30, "EUR")}`,
    );
    expect(outcomeLabel(o("purchase"), "en", t)).toBe(t.outcomePurchase);
  });
});

describe("the agent cell", () => {
  const touch = (over: object) =>
    ({ ...lead.touch, number: null, agent: null, ...over }) as Lead["touch"];
  it("names the agent, else the number the chat was opened to, else (not set)", () => {
    expect(agentLabel(touch({ number: "15550001111", agent: "Ana" }), t.notSet)).toBe("Ana");
    expect(agentLabel(touch({ number: "15550001111" }), t.notSet)).toBe("+15550001111");
    expect(agentLabel(touch({}), t.notSet)).toBe(t.notSet);
  });
});
