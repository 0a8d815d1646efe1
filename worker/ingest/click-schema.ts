/**
 * zod schema of the click beacon (see widget/protocol/click-beacon.ts): strict, every string
 * bounded, URLs cleaned of fragments, userinfo and credential-like parameters before anything
 * is stored (widget/protocol/clean-url.ts, the function the widget uses before sending).
 */
import { z } from "zod";
import { cleanUrl } from "../../widget/protocol/clean-url";
import {
  AGENT_MAX,
  beaconByteBound,
  CHANNELS,
  CONSENT_STATES,
  CONSENT_TYPES,
  type ConsentType,
  GA_SESSION_ID,
  GA_SESSIONS_MAX,
  GA_STREAM_ID,
  isUrlField,
  LANG_MAX,
  OPTIN_STATES,
  OPTIN_TEXT_MAX,
  OPTIN_VERSION_MAX,
  PLACEMENTS,
  SITE_KEY_MAX,
  TOUCH_FIELDS,
  type TouchField,
  touchFieldMax,
  URL_MAX,
  WA_NUMBER,
} from "../../widget/protocol/click-beacon";
import { isValidRef } from "../../widget/protocol/ref-codec";

/** The body limit of `POST /v1/clicks`: exactly what the field bounds allow. */
export const CLICK_BODY_MAX = beaconByteBound();

const url = (max: number) => z.string().max(max).transform(cleanUrl);

function touchSchemaOf(first: boolean) {
  const shape = Object.fromEntries(
    TOUCH_FIELDS.map((f) => {
      const max = touchFieldMax(f, first);
      return [f, (isUrlField(f) ? url(max) : z.string().max(max)).optional()];
    }),
  ) as unknown as Record<TouchField, z.ZodOptional<z.ZodType<string, string>>>;
  return z.strictObject({ ...shape, at: z.number().int().nonnegative().optional() });
}

/** A visit's last touch, as the beacon's `touch`. */
export const touchSchema = touchSchemaOf(false);

/** The visitor's Consent Mode state: only the four types, each `granted` or `denied`. */
const consentSchema = z.strictObject(
  Object.fromEntries(CONSENT_TYPES.map((t) => [t, z.enum(CONSENT_STATES).optional()])) as Record<
    ConsentType,
    z.ZodOptional<z.ZodEnum<{ granted: "granted"; denied: "denied" }>>
  >,
);

export const clickBeaconSchema = z.strictObject({
  site: z.string().min(1).max(SITE_KEY_MAX),
  ref: z.string().length(10).refine(isValidRef, "not a valid ref code"),
  placement: z.enum(PLACEMENTS),
  // Older widgets send no channel: their chats are WhatsApp's.
  channel: z.enum(CHANNELS).default("whatsapp"),
  page_url: url(URL_MAX),
  lang: z.string().max(LANG_MAX).optional(),
  touch: touchSchema,
  first_touch: touchSchemaOf(true).optional(),
  optin: z
    .strictObject({
      state: z.enum(OPTIN_STATES),
      v: z.string().min(1).max(OPTIN_VERSION_MAX),
      text: z.string().min(1).max(OPTIN_TEXT_MAX),
    })
    .optional(),
  ga_sessions: z
    .record(z.string().regex(GA_STREAM_ID), z.string().regex(GA_SESSION_ID))
    .refine((s) => Object.keys(s).length <= GA_SESSIONS_MAX, `at most ${GA_SESSIONS_MAX} streams`)
    .optional(),
  consent: consentSchema.optional(),
  // The number the chat was opened to and its agent (older widgets send neither): the ref is
  // bound to the number, so a message on another number never claims it.
  number: z.string().regex(WA_NUMBER, "digits only, 6–15 of them").optional(),
  agent: z
    .string()
    .trim()
    .min(1)
    .max(AGENT_MAX)
    .regex(/^\P{Cc}*$/u, "no control characters")
    .optional(),
});

export type ClickBeaconInput = z.output<typeof clickBeaconSchema>;
