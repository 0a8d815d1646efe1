/** zod schema of the click beacon (see widget/protocol/click-beacon.ts): strict, every string bounded. */
import { z } from "zod";
import {
  GA_SESSION_ID,
  GA_SESSIONS_MAX,
  GA_STREAM_ID,
  OPTIN_STATES,
  OPTIN_TEXT_MAX,
  PLACEMENTS,
  TOUCH_FIELDS,
  type TouchField,
  touchFieldMax,
  URL_MAX,
} from "../../widget/protocol/click-beacon";
import { isValidRef } from "../../widget/protocol/ref-codec";

const touchShape = Object.fromEntries(
  TOUCH_FIELDS.map((f) => [f, z.string().max(touchFieldMax(f)).optional()]),
) as Record<TouchField, z.ZodOptional<z.ZodString>>;

export const touchSchema = z.strictObject({
  ...touchShape,
  at: z.number().int().nonnegative().optional(),
});

export const clickBeaconSchema = z.strictObject({
  site: z.string().min(1).max(64),
  ref: z.string().length(10).refine(isValidRef, "not a valid ref code"),
  placement: z.enum(PLACEMENTS),
  page_url: z.string().max(URL_MAX),
  lang: z.string().max(35).optional(),
  touch: touchSchema,
  first_touch: touchSchema.optional(),
  optin: z
    .strictObject({
      state: z.enum(OPTIN_STATES),
      v: z.string().min(1).max(32),
      text: z.string().min(1).max(OPTIN_TEXT_MAX),
    })
    .optional(),
  ga_sessions: z
    .record(z.string().regex(GA_STREAM_ID), z.string().regex(GA_SESSION_ID))
    .refine((s) => Object.keys(s).length <= GA_SESSIONS_MAX, `at most ${GA_SESSIONS_MAX} streams`)
    .optional(),
});

export type ClickBeaconInput = z.output<typeof clickBeaconSchema>;
