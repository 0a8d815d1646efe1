/** The query and body form of an instant across the API. */
import { z } from "zod";

/** A date (`2026-11-21`, midnight UTC) or a date-time with offset, as Unix ms. */
export const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((s) => Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s));
