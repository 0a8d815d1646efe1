/**
 * `GET /api/v1/deliveries/summary`: per destination of the key's site, how its deliveries of
 * lead events created in [from, to) stand (pending, retrying, sent, dead, skipped), when it last
 * delivered, its latest error in the period, and the reasons of its skipped, retrying and dead
 * ones as codes (delivery-reasons.ts). One D1 batch; the outbox rows of the period are a range
 * scan of outbox_site_created_idx (site_id, created_at), whatever the log's size.
 */
import { OUTBOX_STATUSES, type OutboxStatus } from "../db/schema";
import { ERROR_REASON_SQL, errorReasonOf, skipReasonOf } from "./delivery-reasons";
import type { DeliverySummaryJson } from "./delivery-schema";

type Reasons = DeliverySummaryJson["destinations"][number]["reasons"];

/** Adds `n` to `code`'s count in `list`. */
function add<C extends string>(list: { code: C; count: number }[], code: C, n: number): void {
  const known = list.find((r) => r.code === code);
  if (known) known.count += n;
  else list.push({ code, count: n });
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The summary of site `siteId`'s deliveries created in [from, to). */
export async function readDeliverySummary(
  d1: D1Database,
  siteId: string,
  from: number,
  to: number,
): Promise<DeliverySummaryJson> {
  const period = "site_id = ?1 and created_at >= ?2 and created_at < ?3";
  const [dests, counts, errors, skips, failures] = await d1.batch<
    Record<string, string | number | null>
  >([
    d1
      .prepare("select id from destinations where site_id = ?1 order by created_at, id")
      .bind(siteId),
    d1
      .prepare(
        `select destination_id, status, count(*) as n, max(sent_at) as last_sent_at
         from outbox where ${period} group by destination_id, status`,
      )
      .bind(siteId, from, to),
    d1
      .prepare(
        `select destination_id, last_error, updated_at from (
           select destination_id, last_error, updated_at, row_number() over (
             partition by destination_id order by updated_at desc, id desc) as rn
           from outbox where ${period} and status in ('retrying', 'dead') and last_error is not null
         ) where rn = 1`,
      )
      .bind(siteId, from, to),
    // Skip texts are a few fixed sentences: one row per distinct text, read into codes below.
    d1
      .prepare(
        `select destination_id, last_error, count(*) as n from outbox
         where ${period} and status = 'skipped' group by destination_id, last_error`,
      )
      .bind(siteId, from, to),
    d1
      .prepare(
        `select destination_id, status, ${ERROR_REASON_SQL} as code, count(*) as n from outbox
         where ${period} and status in ('retrying', 'dead') group by destination_id, status, code`,
      )
      .bind(siteId, from, to),
  ]);
  const zero = () =>
    Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  const byId = new Map(
    (dests?.results ?? []).map((d) => [
      String(d.id),
      {
        destination_id: String(d.id),
        counts: zero(),
        last_sent_at: null as string | null,
        last_error: null as { message: string; at: string } | null,
        reasons: { skipped: [], retrying: [], dead: [] } as Reasons,
      },
    ]),
  );
  for (const r of counts?.results ?? []) {
    const entry = byId.get(String(r.destination_id));
    if (!entry) continue;
    entry.counts[r.status as OutboxStatus] = Number(r.n);
    const sent = iso(r.last_sent_at === null ? null : Number(r.last_sent_at));
    if (sent && (!entry.last_sent_at || sent > entry.last_sent_at)) entry.last_sent_at = sent;
  }
  for (const r of errors?.results ?? []) {
    const entry = byId.get(String(r.destination_id));
    if (entry)
      entry.last_error = {
        message: String(r.last_error),
        at: new Date(Number(r.updated_at)).toISOString(),
      };
  }
  for (const r of skips?.results ?? []) {
    const entry = byId.get(String(r.destination_id));
    const text = r.last_error === null ? null : String(r.last_error);
    if (entry) add(entry.reasons.skipped, skipReasonOf(text), Number(r.n));
  }
  for (const r of failures?.results ?? []) {
    const entry = byId.get(String(r.destination_id));
    const list = r.status === "dead" ? entry?.reasons.dead : entry?.reasons.retrying;
    if (list) add(list, errorReasonOf(r.code), Number(r.n));
  }
  for (const { reasons } of byId.values())
    for (const list of Object.values(reasons))
      list.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return { from: iso(from) ?? "", to: iso(to) ?? "", destinations: [...byId.values()] };
}
