/** The answer of `GET /api/v1/stats/realtime`: pure zod, so the dashboard can import its type. */
import { z } from "zod";
import { count, isoInstant } from "../read-model/json-fields";

const counts = z.strictObject({ chat_clicks: count, scans: count, conversations: count });

export const realtimeSchema = z.strictObject({
  from: isoInstant.describe("start of the first minute (inclusive)"),
  to: isoInstant.describe("end of the last minute (exclusive): the current minute is the last"),
  totals: counts.describe("the sums of `minutes`"),
  minutes: z
    .array(counts)
    .describe("30 one-minute buckets, oldest first; the last one is still filling"),
});
export type RealtimeJson = z.output<typeof realtimeSchema>;
