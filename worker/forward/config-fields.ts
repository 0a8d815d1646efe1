/**
 * Field schemas shared by the destination kinds' settings (destination-config.ts and the kinds
 * that declare theirs in a file of their own, such as google-ads-config.ts).
 */
import { z } from "zod";

/** A URL a destination sends to (the URL policy, url-policy.ts, is checked beside it). */
export const endpoint = z.url({ protocol: /^https?$/ }).max(2048);
export const currency = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as USD");
export const value = z.number().min(0).max(1e12);
export const digits = (what: string) => z.string().regex(/^\d{1,32}$/, `${what}: digits only`);
/**
 * An ad platform's event name: a standard one (Meta's `Lead`, `LeadSubmitted`; TikTok's
 * `Contact`, `SubmitForm`) or a custom name, which both platforms take within these characters.
 */
export const eventName = z
  .string()
  .max(64)
  .trim()
  .regex(/^[A-Za-z0-9_ ]{1,40}$/, "1–40 letters, digits, spaces or underscores");

/** Settings `value` and `currency` go together: a value alone means nothing to an ad platform. */
export function valueNeedsCurrency(
  cfg: { value?: number; currency?: string },
  ctx: z.RefinementCtx,
) {
  if (cfg.value !== undefined && cfg.currency === undefined)
    ctx.addIssue({
      code: "custom",
      path: ["currency"],
      message: "currency is required with value",
    });
}

/** A PATCH field: absent keeps, null clears (back to the default). */
export const clearable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
