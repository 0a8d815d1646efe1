/**
 * The channel-group tests' case tables and their two checks. The tables are data (cases/*.json,
 * each with the notes that explain a row), read here once with their column types; the checks
 * are the one assertion shape every case of a table goes through.
 */
import { expect } from "vitest";
import type { Touch } from "../../widget/protocol/click-beacon";
import {
  type ChannelGroup,
  channelGroup,
  touchChannel,
} from "../../worker/reporting/channel-group";
import { sourceMedium } from "../../worker/reporting/ga4-source-medium";
import dbtGa4 from "./cases/dbt-ga4-channel-cases.json";
import rules from "./cases/ga4-channel-rules.json";
import referrers from "./cases/ga4-referrers.json";
import touches from "./cases/touch-source-medium.json";

/** [source, medium, campaign, expected channel]. */
export type ChannelCase = [string, string, string, ChannelGroup];

/** One or more cases per published GA4 rule, in rule order. */
export const GA4_RULE_CASES = rules.cases as ChannelCase[];
/** dbt-ga4's unit test table, ported (where we follow GA4 instead, the file's note says why). */
export const DBT_GA4_CASES = dbtGa4.cases as ChannelCase[];
/** [referrer, source, medium, channel] of the referrers chatref's users see most. */
export const REFERRERS = referrers.cases as [string, string, string, string][];
/** [touch, source, medium, channel]: tags and click ids come before the referrer. */
export const TOUCH_CASES = touches.cases as [Touch, string, string, string][];

/** GA4's default channel group of `source` / `medium` (and campaign) is `expected`. */
export function expectChannel(source: string, medium: string, campaign: string, expected: string) {
  expect(channelGroup(source, medium, campaign)).toBe(expected);
}

/** A touch reads as `source` / `medium`, in the channel `channel`. */
export function expectTouchSource(touch: Touch, source: string, medium: string, channel: string) {
  expect(sourceMedium(touch)).toEqual({ source, medium });
  expect(touchChannel(touch)).toBe(channel);
}
