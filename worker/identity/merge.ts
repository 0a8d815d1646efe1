/**
 * Merges two contacts a payload proved to be one person (a pending row of contact_merges,
 * written by sender-contact.ts or identity-change.ts), in one D1 batch of its own:
 *
 * - the winner is the contact with the earlier lead (then the earlier first sight, then the lower
 *   id): its lead and that lead's first touch stay;
 * - the loser's messages, clicks, consent events and identifiers move to the winner, its lead's
 *   touches and sale events move to the winner's lead, and its forward rows too (those not yet
 *   sent are skipped: the winner's lead is the one forwarded); then the loser's lead and contact
 *   are deleted;
 * - the winner keeps its identifiers and gains those it lacked; its status is re-derived from the
 *   merged ledger; the stats rollup drops both leads' counts (conversations and sales) and adds
 *   the merged lead's;
 * - the merge row keeps who merged into whom (public ids) and forgets the identifiers; an audit
 *   row records it.
 *
 * Every statement reads the winner and loser from the merge row while it is pending, and the last
 * one completes it, so running a merge twice, or a merge whose contacts are already one, changes
 * nothing. The winner and loser are resolved inside the batch from the identifiers, never from
 * an earlier read.
 */
import type { Db } from "../db/client";
import { leadRollupSql } from "../reporting/rollup-triggers";
import { saleRollupSql } from "../reporting/sales-rollup";

/** ?1 is the merge id, ?2 the time. */
const pending = "from contact_merges where id = ?1 and completed_at is null";
const W = `(select winner_id ${pending})`;
const L = `(select loser_id ${pending})`;
const WL = `(select id from leads where contact_id = ${W})`;
const LL = `(select id from leads where contact_id = ${L})`;
const loser = (column: string) => `(select ${column} from contacts where id = ${L})`;
const contactOf = (kind: string, value: string) =>
  `(select contact_id from contact_identities i where i.site_id = m.site_id and i.kind = ${kind} and i.value = ${value})`;
const NEVER = 9007199254740991;

const RESOLVE = `update contact_merges set (winner_id, loser_id, winner_public_id, loser_public_id) = (
  select w, l, (select public_id from contacts where id = w), (select public_id from contacts where id = l)
  from (select case when xw then x else y end as w, case when xw then y else x end as l
    from (select x, y, (lx < ly or (lx = ly and (fx < fy or (fx = fy and x < y)))) as xw
      from (select x, y,
          coalesce((select first_message_at from leads where contact_id = x), ${NEVER}) as lx,
          coalesce((select first_message_at from leads where contact_id = y), ${NEVER}) as ly,
          (select first_seen_at from contacts where id = x) as fx,
          (select first_seen_at from contacts where id = y) as fy
        from (select ${contactOf("m.kind_a", "m.value_a")} as x, ${contactOf("m.kind_b", "m.value_b")} as y
          from contact_merges m where m.id = ?1)
        where x is not null and y is not null and x != y))))
where id = ?1 and completed_at is null`;

/** The statements before the forward step (merge-outbox), in order. */
export const MERGE_SQL = [
  RESOLVE,
  ...leadRollupSql(-1, `l.id in (${WL}, ${LL})`),
  ...saleRollupSql(-1, `e.lead_id in (${WL}, ${LL})`),
  `update outbox set
    status = case when status in ('pending', 'retrying') then 'skipped' else status end,
    last_error = case when status in ('pending', 'retrying') then 'merged into lead ' || ${WL} else last_error end,
    next_attempt_at = case when status in ('pending', 'retrying') then null else next_attempt_at end,
    lead_id = ${WL}, updated_at = ?2
  where lead_id = ${LL} and ${WL} is not null`,
  `update or ignore touches set lead_id = ${WL} where lead_id = ${LL} and ${WL} is not null`,
  `delete from touches where lead_id = ${LL} and ${WL} is not null`,
  // Sale events move with the touches; the same order reported for both leads is kept once.
  `update or ignore lead_events set lead_id = ${WL} where lead_id = ${LL} and ${WL} is not null`,
  `delete from lead_events where lead_id = ${LL} and ${WL} is not null`,
  `update clicks set contact_id = ${W} where contact_id = ${L}`,
  `update messages set contact_id = ${W} where contact_id = ${L}`,
  `update consent_events set contact_id = ${W} where contact_id = ${L}`,
  // Never the case by the winner's rule (the earlier lead wins); kept so no lead is ever lost.
  `update leads set contact_id = ${W} where id = ${LL} and ${WL} is null`,
  `delete from leads where id = ${LL} and ${WL} is not null and ${WL} != ${LL}`,
  `update contact_identities set contact_id = ${W} where contact_id = ${L}`,
  `update contacts set
    wa_id = coalesce(wa_id, ${loser("wa_id")}),
    user_id = coalesce(user_id, ${loser("user_id")}),
    parent_user_id = coalesce(parent_user_id, ${loser("parent_user_id")}),
    username = coalesce(username, ${loser("username")}),
    name = coalesce(name, ${loser("name")}),
    first_seen_at = min(first_seen_at, ${loser("first_seen_at")}),
    last_inbound_at = max(last_inbound_at, ${loser("last_inbound_at")}),
    (marketing_status, marketing_status_at) = (select status, occurred_at from consent_effective_events
      where contact_id = contacts.id
      order by occurred_at desc, status = 'opted_out' desc, id desc limit 1)
  where id = ${W}`,
  `delete from contacts where id = ${L}`,
  ...leadRollupSql(1, `l.id = ${WL}`),
  ...saleRollupSql(1, `e.lead_id = ${WL}`),
  `update leads set updated_at = ?2 where id = ${WL}`,
  `insert into audit_log (site_id, action, target, actor, detail, at)
    select site_id, 'contact.merge', winner_public_id, null,
      json_object('merged', loser_public_id, 'reason', reason), ?2
    ${pending} and winner_id is not null`,
];

/** The statement that completes the merge (last in its batch): the identifiers are forgotten. */
export const COMPLETE_SQL = `update contact_merges set completed_at = ?2, value_a = null, value_b = null
  where id = ?1 and completed_at is null`;

/** Binds ?1 (the merge) and, where the statement uses it, ?2 (the time): D1 wants them exact. */
export function bindMerge(db: Db, query: string, mergeId: number, now: number) {
  const statement = db.$client.prepare(query);
  return query.includes("?2") ? statement.bind(mergeId, now) : statement.bind(mergeId);
}

/** The merge's statements before its forward rows, bound. */
export function mergeStatements(db: Db, mergeId: number, now: number): D1PreparedStatement[] {
  return MERGE_SQL.map((q) => bindMerge(db, q, mergeId, now));
}

/** The statement that completes it, bound. */
export function completeMergeStatement(db: Db, mergeId: number, now: number) {
  return bindMerge(db, COMPLETE_SQL, mergeId, now);
}

/** Merges still pending (their batch failed or never ran), oldest first: for the cron. */
export async function pendingMerges(db: Db, limit = 50): Promise<number[]> {
  const { results } = await db.$client
    .prepare("select id from contact_merges where completed_at is null order by id limit ?1")
    .bind(limit)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}
