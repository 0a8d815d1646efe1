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
