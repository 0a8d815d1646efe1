/** Set-up mistakes the Worker refused, counted per hour (worker/db/rejections.ts). */
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { requiredInt, requiredText } from "./columns";

/**
 * What was refused: a beacon from an origin the site does not allow, a beacon for an unknown
 * site key, a scan of an unknown or disabled link code, a signed webhook for an account (a
 * WhatsApp `phone_number_id`, `<provider>:<account>`) no site owns, a ref written to another
 * number than the one it opened (detail: `<opened>><receiving>` digits).
 */
export const REJECTION_KINDS = [
  "origin_not_allowed",
  "unknown_site",
  "unknown_link",
  "unknown_account",
  // A ref received on another of the site's numbers than the one it opened (attribution/ref-number.ts).
  "ref_other_number",
] as const;
export type RejectionKind = (typeof REJECTION_KINDS)[number];

/**
 * One row per (site, kind, detail, hour): `count` grows with ON CONFLICT DO UPDATE. `site_id` is
 * '' when no site is known (not NULL, which UNIQUE would treat as always distinct), so no
 * foreign key.
 */
export const rejections = sqliteTable(
  "rejections",
  {
    siteId: text("site_id").notNull().default(""),
    kind: text("kind", { enum: REJECTION_KINDS }).notNull(),
    /** The origin, the unknown key, link code or account; at most REJECTION_DETAIL_MAX chars. */
    detail: requiredText("detail"),
    /** Start of the hour (Unix ms). */
    hour: requiredInt("hour"),
    count: integer("count").notNull().default(1),
    lastAt: requiredInt("last_at"),
  },
  (t) => [
    uniqueIndex("rejections_site_kind_detail_hour_unique").on(t.siteId, t.kind, t.detail, t.hour),
    index("rejections_hour_idx").on(t.hour),
  ],
);
