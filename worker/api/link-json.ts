/** The campaign link JSON of the API, with its scan and lead counts: its serializer (link-schema.ts). */
import { getTableColumns, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { links } from "../db/schema";
import type { LinkJson } from "./link-schema";

/**
 * Selects links with their counts; add where/order/limit. Scans are the link's clicks
 * (clicks_link_idx); leads are those whose first touch is one of those clicks (leads_click_idx).
 */
export function selectLinkRows(db: Db) {
  return db
    .select({
      link: getTableColumns(links),
      // Written out with aliases: drizzle leaves columns unqualified in a one-table select.
      scans: sql<number>`(select count(*) from clicks s where s.link_id = "links"."id")`,
      leads: sql<number>`(select count(*) from clicks s join leads l on l.click_id = s.id where s.link_id = "links"."id")`,
    })
    .from(links);
}

export type LinkRow = Awaited<ReturnType<ReturnType<typeof selectLinkRows>["all"]>>[number];

/** The JSON of a link; `origin` is the Worker's public origin (short links point there). */
export function toLinkJson({ link, scans, leads: leadCount }: LinkRow, origin: string): LinkJson {
  return {
    id: link.id,
    code: link.code,
    name: link.name,
    short_url: `${origin}/r/${link.code}`,
    qr_svg_url: `${origin}/api/v1/links/${link.id}/qr.svg`,
    qr_png_url: `${origin}/api/v1/links/${link.id}/qr.png`,
    utm: {
      source: link.utmSource,
      medium: link.utmMedium,
      campaign: link.utmCampaign,
      term: link.utmTerm,
      content: link.utmContent,
    },
    message: link.message,
    lang: link.lang,
    disabled: link.disabledAt !== null,
    created_at: new Date(link.createdAt).toISOString(),
    updated_at: new Date(link.updatedAt).toISOString(),
    scan_count: Number(scans),
    lead_count: Number(leadCount),
  };
}
