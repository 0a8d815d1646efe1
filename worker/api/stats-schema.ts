/**
 * The answer of `GET /api/v1/stats`: pure zod, no D1, so the dashboard can import its inferred
 * type (type-only, zero bytes). Built by stats-route.ts.
 */
import { z } from "zod";
import { count, isoInstant, nullableText, text } from "../read-model/json-fields";
import { GROUP_BYS, INTERVALS, STATS_FILTERS, TOUCH_MODELS } from "../reporting/stats-query";

const counts = {
  chat_clicks: count,
  scans: count,
  conversations: count,
  clicked_conversations: count.describe(
    "conversations whose counted touch (first or last, by `touch`) is a chat click or scan that carried its ref code; the rest of `conversations` came from Click-to-WhatsApp ads or has no attribution",
  ),
  qualified: count.describe(
    "leads whose first qualified event falls in the period (lost: not counted)",
  ),
  purchases: count.describe("purchase events (repeat orders each count), in any currency"),
  revenue: z
    .number()
    .describe("purchases minus refunds in the site's currency (`currency`), in its units"),
};
const rateField = z
  .number()
  .nullable()
  .describe(
    "clicked_conversations / (chat_clicks + scans), rounded to 4 decimals; null without clicks. Conversations without a click are not divided by clicks",
  );

export const statsPeriodSchema = z.strictObject({
  from: isoInstant,
  to: isoInstant,
  kpis: z.strictObject({
    ...counts,
    click_to_conversation_rate: rateField,
    opt_ins: count
      .nullable()
      .describe(
        "contacts that opted in during the period (consent ledger, site-wide); null when filters are applied",
      ),
    opt_outs: count
      .nullable()
      .describe(
        "contacts that opted out during the period (consent ledger, site-wide; a contact that opted in and out counts in both); null when filters are applied",
      ),
    revenue_other: z
      .array(z.strictObject({ currency: text, value: z.number() }))
      .describe("purchases minus refunds in other currencies than the site's, each apart"),
  }),
  attribution: z
    .strictObject({ ref: count, ctwa: count, none: count, inferred: count })
    .describe(
      "conversations by attribution; `inferred` (a click chosen without its ref) is apart from `ref`",
    ),
  series: z.array(z.strictObject({ period: text, ...counts })),
});
export type PeriodJson = z.output<typeof statsPeriodSchema>;

/** The answer of `GET /api/v1/stats`. */
export const statsSchema = statsPeriodSchema.extend({
  timezone: text.describe("the site's IANA time zone: days, weeks and months are its local ones"),
  currency: text.describe("the site's ISO 4217 currency: what `revenue` is in"),
  interval: z.enum(INTERVALS),
  touch: z.enum(TOUCH_MODELS),
  filters: z.partialRecord(z.enum(STATS_FILTERS), text),
  breakdowns: z.partialRecord(
    z.enum(GROUP_BYS),
    z.strictObject({
      rows: z.array(
        z.strictObject({
          key: nullableText,
          label: nullableText.optional().describe("group_by=link: the link's name"),
          ...counts,
          rate: rateField,
        }),
      ),
      truncated: z.boolean(),
    }),
  ),
  previous: statsPeriodSchema.optional().describe("with `compare=previous`"),
});
export type StatsJson = z.output<typeof statsSchema>;
