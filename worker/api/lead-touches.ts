/**
 * A lead's touch path: every matched ref or Click-to-WhatsApp referral (the touches table), oldest
 * first. Served on `GET /api/v1/leads/:id` and, on request (`include=touches`), on the list, where
 * one query reads the paths of the whole page (by lead id, on touches_lead_idx).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { clicks, touches } from "../db/schema";
import type { LeadJson, TouchJson } from "../read-model/lead-schema";
import { CTWA_DIMENSIONS } from "../reporting/stats-query";

/** The touch-path statement (exported for the query-plan test). */
export function touchPathQuery(db: Db, siteId: string, leadIds: readonly string[]) {
  return db
    .select({
      leadId: touches.leadId,
      kind: touches.kind,
      occurredAt: touches.occurredAt,
      ref: clicks.ref,
      placement: clicks.placement,
      linkId: clicks.linkId,
      utmSource: clicks.utmSource,
      utmMedium: clicks.utmMedium,
      utmCampaign: clicks.utmCampaign,
      source: clicks.source,
      medium: clicks.medium,
      landingPage: clicks.landingPage,
      channel: clicks.channel,
    })
    .from(touches)
    .leftJoin(clicks, and(eq(clicks.id, touches.clickId), eq(clicks.siteId, siteId)))
    .where(
      and(
        sql`${touches.leadId} in (select value from json_each(${JSON.stringify(leadIds)}))`,
        eq(touches.siteId, siteId),
      ),
    )
    .orderBy(asc(touches.leadId), asc(touches.occurredAt), asc(touches.id));
}

/**
 * The touch paths of these leads of the site, by lead id (leads without touches are absent).
 * One statement whatever the page size: the ids travel as one JSON parameter (D1 binds at most
 * 100 parameters per statement).
 */
export async function readTouchPaths(
  db: Db,
  siteId: string,
  leadIds: readonly string[],
): Promise<Map<string, TouchJson[]>> {
  const paths = new Map<string, TouchJson[]>();
  if (leadIds.length === 0) return paths;
  const rows = await touchPathQuery(db, siteId, leadIds).all();
  for (const r of rows) {
    const touch: TouchJson = {
      kind: r.kind,
      at: new Date(r.occurredAt).toISOString(),
      ref: r.ref,
      placement: r.placement,
      link_id: r.linkId,
      utm_source: r.utmSource,
      utm_medium: r.utmMedium,
      utm_campaign: r.utmCampaign,
      // The stats' dimensions of the touch (reporting/stats-query.ts leadDimensionColumns).
      source: r.kind === "ctwa" ? CTWA_DIMENSIONS.source : r.source,
      medium: r.kind === "ctwa" ? CTWA_DIMENSIONS.medium : r.medium,
      landing_page: r.landingPage,
    };
    const channel = r.kind === "ctwa" ? CTWA_DIMENSIONS.channel : r.channel;
    if (channel) touch.channel = channel;
    const path = paths.get(r.leadId);
    if (path) path.push(touch);
    else paths.set(r.leadId, [touch]);
  }
  return paths;
}

/** The lead JSON with its touch path (`touches`, empty when the lead has none). */
export const withTouches = (
  lead: LeadJson,
  paths: Map<string, TouchJson[]>,
): LeadJson & { touches: TouchJson[] } => ({ ...lead, touches: paths.get(lead.id) ?? [] });

/** A page of lead JSON, with each lead's touch path when `include` asks for it (one query). */
export async function includeTouches<B extends { data: LeadJson[] }>(
  db: Db,
  siteId: string,
  body: B,
  include: "touches" | undefined,
): Promise<B> {
  if (include !== "touches") return body;
  const paths = await readTouchPaths(
    db,
    siteId,
    body.data.map((l) => l.id),
  );
  return { ...body, data: body.data.map((l) => withTouches(l, paths)) };
}
