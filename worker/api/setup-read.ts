/**
 * The set-up state of a site (`GET /api/v1/setup`) and the operator's diagnostics
 * (`GET /api/v1/sites/diagnostics`), read in one D1 batch each plus the delivery summary. Every
 * query is a short index read: the latest click (clicks_site_created_idx), the latest inbound
 * message (messages_site_received_idx), the first lead (leads_site_created_idx), the site's
 * rejection rows of the last 24 h (rejections_site_kind_detail_hour_unique by site).
 */
import { NUMBER_PAIR_SEPARATOR } from "../attribution/ref-number";
import type { Site } from "../db/sites";
import { readDeliverySummary } from "./delivery-summary";
import {
  beaconFix,
  destinationFix,
  leadFix,
  originFix,
  refOtherNumberFix,
  unknownAccountFix,
  unknownLinkFix,
  unknownSiteFix,
  webhookFix,
} from "./setup-fixes";
import type { DiagnosticsJson, SetupJson } from "./setup-schema";

const HOUR_MS = 3_600_000;
/** Rejections of this many hours are shown. */
export const REJECTIONS_SHOWN_HOURS = 24;
/** Destinations' health looks back this far. */
const HEALTH_DAYS = 7;
/** Most rejection rows an answer lists. */
const ROWS_MAX = 100;

type Row = Record<string, string | number | null>;
const iso = (ms: unknown) =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();

/** The rejection rows of `siteId` ('' for none) since `since`, summed over hours. */
function rejectionQuery(d1: D1Database, siteId: string, since: number) {
  return d1
    .prepare(
      `select kind, detail, sum(count) as n, max(last_at) as last_at from rejections
       where site_id = ?1 and hour >= ?2 group by kind, detail
       order by n desc, last_at desc limit ${ROWS_MAX}`,
    )
    .bind(siteId, since);
}

/** The set-up state of `site`; `base` is the Worker's origin (for the fix sentences). */
export async function readSetup(
  d1: D1Database,
  site: Site,
  base: string,
  now = Date.now(),
): Promise<SetupJson> {
  const one = (query: string) => d1.prepare(query).bind(site.id);
  const since = now - REJECTIONS_SHOWN_HOURS * HOUR_MS;
  const [beacon, webhook, lead, dests, rejected] = await d1.batch<Row>([
    one("select max(created_at) as at from clicks where site_id = ?1"),
    one("select max(received_at) as at from messages where site_id = ?1"),
    one("select min(created_at) as at from leads where site_id = ?1"),
    one(
      "select id, kind, name, disabled_at from destinations where site_id = ?1 order by created_at, id",
    ),
    // The hour bucket holding `since` counts whole: a rejection up to an hour older may show.
    rejectionQuery(d1, site.id, since - (since % HOUR_MS)),
  ]);
  const at = (r: D1Result<Row> | undefined) => iso(r?.results[0]?.at ?? null);
  const summary = await readDeliverySummary(d1, site.id, now - HEALTH_DAYS * 86_400_000, now);
  const health = new Map(summary.destinations.map((d) => [d.destination_id, d]));
  const beaconAt = at(beacon);
  const webhookAt = at(webhook);
  const leadAt = at(lead);
  return {
    site_id: site.id,
    site_key: site.key,
    beacon: { at: beaconAt, fix: beaconAt ? null : beaconFix(site, base) },
    webhook: { at: webhookAt, fix: webhookAt ? null : webhookFix(site, base) },
    lead: { at: leadAt, fix: leadAt ? null : leadFix(site) },
    destinations: (dests?.results ?? []).map((d) => {
      const id = String(d.id);
      const h = health.get(id);
      const sent = h?.last_sent_at ?? null;
      const error = h?.last_error ?? null;
      const status =
        d.disabled_at !== null
          ? "disabled"
          : error && (!sent || error.at > sent)
            ? "failing"
            : sent
              ? "ok"
              : "waiting";
      return {
        id,
        kind: String(d.kind),
        name: String(d.name),
        status,
        last_sent_at: sent,
        last_error: error,
        fix: destinationFix(id, status, error?.message ?? null, h?.counts.skipped ?? 0),
      };
    }),
    rejected_beacons: (rejected?.results ?? [])
      .filter((r) => r.kind === "origin_not_allowed")
      .map((r) => ({
        reason: "origin_not_allowed" as const,
        origin: String(r.detail),
        count: Number(r.n),
        last_at: iso(r.last_at) ?? "",
        fix: originFix(site, String(r.detail)),
      })),
    rejected_refs: (rejected?.results ?? [])
      .filter((r) => r.kind === "ref_other_number")
      .map((r) => {
        const [opened = "", received = ""] = String(r.detail).split(NUMBER_PAIR_SEPARATOR);
        return {
          reason: "ref_other_number" as const,
          opened_number: opened,
          received_number: received,
          count: Number(r.n),
          last_at: iso(r.last_at) ?? "",
          fix: refOtherNumberFix(opened, received),
        };
      }),
  };
}

const FIXES = {
  unknown_site: unknownSiteFix,
  unknown_account: unknownAccountFix,
  unknown_link: unknownLinkFix,
} as const;

/** What no site owns, asked for in the last 24 h: unknown site keys, accounts, link codes. */
export async function readDiagnostics(d1: D1Database, now = Date.now()): Promise<DiagnosticsJson> {
  const since = now - REJECTIONS_SHOWN_HOURS * HOUR_MS;
  const { results } = await rejectionQuery(d1, "", since - (since % HOUR_MS)).all<Row>();
  return {
    since: new Date(since).toISOString(),
    data: results.flatMap((r) => {
      const kind = String(r.kind);
      if (!(kind in FIXES)) return [];
      const k = kind as keyof typeof FIXES;
      const detail = String(r.detail);
      return [
        {
          kind: k,
          detail,
          count: Number(r.n),
          last_at: iso(r.last_at) ?? "",
          fix: FIXES[k](detail),
        },
      ];
    }),
  };
}
