/**
 * The settings of a `yandex_metrica` destination (Yandex Metrica offline conversions,
 * protocols.md §6.2), declared here and registered in destination-config.ts.
 *
 * - `upload_type: "CHATS"` (the default): each lead is a chat (`ChatPlatform`, `ChatUserID`), the
 *   upload type Metrica made for leads that start in a messenger; the first upload creates
 *   Metrica's automatic "Chat" goal, so no goal is configured.
 * - `upload_type: "BASIC"`: each lead is a conversion of the site's own JavaScript-event goal
 *   (`Target` = `goal`, required), with `Price` / `Currency` when `value` / `currency` are set.
 * - Sale events (`events` lists `lead.qualified` / `lead.purchase`; kind-events.ts): whatever the
 *   upload type, each is a BASIC conversion of its own goal, `event_goals.qualified` /
 *   `event_goals.purchase`, by default the JavaScript-event goals `chatref_qualified` /
 *   `chatref_purchase` (YANDEX_EVENT_GOALS), which the counter must have (a goal it lacks is
 *   counted in Metrica's `goal_not_found_quantity`, not refused).
 */
import { z } from "zod";
import { clearable, currency, digits, endpoint, value } from "./config-fields";

export const YANDEX_UPLOAD_TYPES = ["CHATS", "BASIC"] as const;
/** The Management API base the uploads and their status requests go to. */
export const YANDEX_METRICA_BASE = "https://api-metrika.yandex.net/management/v1";

/** A goal's identifier as the counter's JavaScript-event goal names it. */
const goal = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s,"]+$/, "goal: the JavaScript-event goal identifier (no spaces, commas or quotes)");

/** The goal of each sale event a destination takes when `event_goals` does not name one. */
export const YANDEX_EVENT_GOALS = {
  qualified: "chatref_qualified",
  purchase: "chatref_purchase",
} as const;
export type YandexSaleType = keyof typeof YANDEX_EVENT_GOALS;

/** Per sale event, the goal (`Target`) its conversions count towards. */
const eventGoals = z
  .strictObject({ qualified: goal.optional(), purchase: goal.optional() })
  .describe(
    `the JavaScript-event goal of each sale event (default ${Object.entries(YANDEX_EVENT_GOALS)
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ")})`,
  );

export const yandexShape = {
  /** The Metrica counter (tag) the conversions belong to. */
  counter_id: digits("counter_id").describe("the Metrica counter (tag) id"),
  upload_type: z
    .enum(YANDEX_UPLOAD_TYPES)
    .default("CHATS")
    .describe("CHATS: leads as chats (default); BASIC: leads as conversions of `goal`"),
  /** The goal identifier (`Target`), required with BASIC. */
  goal: goal.optional(),
  /** The goals of the sale events it takes (`events`); YANDEX_EVENT_GOALS where absent. */
  event_goals: eventGoals.optional(),
  /** Replaces https://api-metrika.yandex.net/management/v1 (tests: a local fake). */
  endpoint: endpoint.optional(),
  value: value.optional(),
  currency: currency.optional(),
};

/** BASIC needs the goal the conversions count towards. */
export function basicNeedsGoal(
  cfg: { upload_type?: string; goal?: string | null },
  ctx: z.RefinementCtx,
) {
  if (cfg.upload_type === "BASIC" && !cfg.goal)
    ctx.addIssue({
      code: "custom",
      path: ["goal"],
      message: "goal is required with upload_type BASIC (the JavaScript-event goal identifier)",
    });
}

/** `PATCH` fields of a `yandex_metrica` destination (besides name and disabled). */
export const yandexUpdate = {
  oauth_token: z.string().trim().min(8).max(1024).optional(),
  counter_id: yandexShape.counter_id.optional(),
  upload_type: clearable(z.enum(YANDEX_UPLOAD_TYPES)),
  goal: clearable(goal),
  event_goals: clearable(eventGoals),
  endpoint: clearable(endpoint),
  value: clearable(value),
  currency: clearable(currency),
};

/** The goal a sale event of `type` counts towards on this destination. */
export const yandexEventGoal = (
  config: { event_goals?: Partial<Record<YandexSaleType, string>> },
  type: YandexSaleType,
): string => config.event_goals?.[type] ?? YANDEX_EVENT_GOALS[type];
