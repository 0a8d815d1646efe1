/**
 * The transactional outbox write, the last step of the inbound path: the orchestrator
 * (inbound/process-delivery.ts) appends this statement to the batch that records a message, its
 * lead and its consent, so a lead and its outbox rows commit together (one D1
 * transaction). It inserts one row per live destination of the site that takes the event:
 * `lead.created` when this message created the lead, `lead.updated` when it took over the lead's
 * first touch (it was sent earlier than the message that created it). Event ids are derived from
 * the lead, so duplicate or concurrent deliveries hit UNIQUE(destination_id, event_id) and insert
 * nothing; the statement returns only the ids of rows it inserted, which are then enqueued.
 */
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { bind, type Compiled, compile } from "../db/prepared";
import { ReturnedIds } from "../db/returned-ids";
import { destinations, leads, outbox } from "../db/schema";
import { senderContactSql } from "../identity/sender-contact";

/** Failed attempts after which a row is dead: about a day of backoff (backoff.ts). */
export const MAX_ATTEMPTS = 15;

/**
 * The outbox insert for one message, with the placeholders of attribution/record-message.ts's
 * `messageValues` (siteId, messageId, leadId — the id a new lead gets —, now) and its contact-id
 * subquery.
 */
function outboxInsert(db: Db, contactId: SQL) {
  const p = (name: string) => sql.placeholder(name);
  const created = sql`${leads.id} = ${p("leadId")}`;
  const event = sql`(case when ${created} then 'lead.created' else 'lead.updated' end)`;
  return db
    .insert(outbox)
    .select(
      // insert … select takes every column in table order.
      db
        .select({
          id: sql<string>`'fwd_' || lower(hex(randomblob(10)))`.as("id"),
          siteId: leads.siteId,
          destinationId: sql<string>`${destinations.id}`.as("destination_id"),
          leadId: sql<string>`${leads.id}`.as("lead_id"),
          event: sql<"lead.created" | "lead.updated">`${event}`.as("event"),
          eventId: sql<string>`(case when ${created} then ${leads.id} || '.created'
            else ${leads.id} || '.updated.' || ${leads.firstMessageAt} end)`.as("event_id"),
          status: sql<"pending">`'pending'`.as("status"),
          attempts: sql<number>`0`.as("attempts"),
          maxAttempts: sql<number>`${sql.raw(String(MAX_ATTEMPTS))}`.as("max_attempts"),
          nextAttemptAt: sql<number>`${p("now")}`.as("next_attempt_at"),
          leaseUntil: sql<null>`null`.as("lease_until"),
          lastError: sql<null>`null`.as("last_error"),
          responseStatus: sql<null>`null`.as("response_status"),
          payload: sql<null>`null`.as("payload"),
          createdAt: sql<number>`${p("now")}`.as("created_at"),
          updatedAt: sql<number>`${p("now")}`.as("updated_at"),
          lastAttemptAt: sql<null>`null`.as("last_attempt_at"),
          sentAt: sql<null>`null`.as("sent_at"),
        })
        .from(leads)
        .innerJoin(destinations, eq(destinations.siteId, leads.siteId))
        .where(
          and(
            eq(leads.siteId, p("siteId")),
            eq(leads.contactId, contactId),
            // Only when this message wrote the lead: it created it, or it took over its first touch.
            eq(leads.firstMessageId, p("messageId")),
            eq(leads.updatedAt, p("now")),
            sql`(${created} or ${leads.createdAt} < ${leads.updatedAt})`,
            isNull(destinations.disabledAt),
            sql`instr(${destinations.events}, ${event}) > 0`,
            inferredAllowed(sql`${leads.attribution}`, sql`${destinations.includeInferred}`),
          ),
        ),
    )
    .onConflictDoNothing({ target: [outbox.destinationId, outbox.eventId] })
    .returning({ id: outbox.id });
}

/**
 * SQL: a destination takes the lead unless the lead was attributed by inference and the
 * destination did not opt in (`include_inferred`, default off): ad platforms get exact leads only.
 */
export function inferredAllowed(attribution: SQL, includeInferred: SQL): SQL {
  return sql`(${attribution} <> 'inferred' or ${includeInferred} = 1)`;
}

const outboxStatements = new ReturnedIds<string>("string");

let compiled: Compiled | undefined;

/**
 * The outbox statement of one message, bound to the message's `messageValues`
 * (attribution/record-message.ts); compiled once per isolate. `insertedOutboxIds` reads its rows.
 */
export function outboxStatement(db: Db, values: Record<string, unknown>): D1PreparedStatement {
  compiled ??= compile(outboxInsert(db, senderContactSql));
  return outboxStatements.mark(bind(db.$client, compiled, values));
}

/** The outbox ids inserted by the marked statements of a batch (`results` in statement order). */
export function insertedOutboxIds(statements: object[], results: D1Result[]): string[] {
  return outboxStatements.of(statements, results);
}

/**
 * The `lead.updated` rows of a contact merge (worker/identity/merge.ts; ?1 the merge id, ?2 the
 * time): the winner's lead, whose contact and touches the merge changed, for each live
 * destination that takes the event. Runs in the merge's batch before it completes.
 */
export const MERGE_OUTBOX_SQL = `insert into outbox (id, site_id, destination_id, lead_id, event,
    event_id, status, attempts, max_attempts, next_attempt_at, created_at, updated_at)
  select 'fwd_' || lower(hex(randomblob(10))), l.site_id, d.id, l.id, 'lead.updated',
    l.id || '.merged.' || m.id, 'pending', 0, ${MAX_ATTEMPTS}, ?2, ?2, ?2
  from contact_merges m
  join leads l on l.contact_id = m.winner_id
  join destinations d on d.site_id = l.site_id
  where m.id = ?1 and m.completed_at is null and d.disabled_at is null
    and instr(d.events, 'lead.updated') > 0 and (l.attribution <> 'inferred' or d.include_inferred = 1)
  on conflict (destination_id, event_id) do nothing
  returning id`;
