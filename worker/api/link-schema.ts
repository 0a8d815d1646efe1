/**
 * The campaign link JSON's schema: pure zod, no D1, so the dashboard can import its inferred type
 * (type-only, zero bytes). Serialized by link-json.ts.
 */
import { z } from "zod";
import { count, isoInstant, nullableText, pageOf, text } from "../read-model/json-fields";

export const linkSchema = z.strictObject({
  id: text,
  code: text,
  name: text,
  short_url: z.url(),
  qr_svg_url: z.url(),
  qr_png_url: z.url(),
  utm: z.strictObject({
    source: nullableText,
    medium: nullableText,
    campaign: nullableText,
    term: nullableText,
    content: nullableText,
  }),
  message: nullableText,
  lang: nullableText,
  disabled: z.boolean(),
  created_at: isoInstant,
  updated_at: isoInstant,
  scan_count: count,
  lead_count: count,
});
export const linkPageSchema = pageOf(linkSchema);
export type LinkJson = z.output<typeof linkSchema>;
export type LinkPageJson = z.output<typeof linkPageSchema>;
