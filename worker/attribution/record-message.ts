/**
 * The statements that record one inbound message and its attribution. They do no I/O here: the
 * caller runs them in one D1 batch (one transaction, one round trip) together with the raw
 * delivery. The SQL is written with drizzle and compiled once per shape (number of ref
 * candidates, referral or not; see db/prepared.ts); each message only binds its values.
 *
 * The sender's contact is written first by the identity step (identity/sender-contact.ts).
 * Every statement is idempotent, so duplicate or concurrent deliveries converge on the same rows:
 * one message row, one lead per (site, contact), one touch per message. The forward outbox row
 * is a later step's (forward/outbox-insert.ts); the orchestrator (inbound/process-delivery.ts)
 * appends it after the consent statements, bound to the same `messageValues`.
 * A lead's attribution is that of the contact's earliest message: a matched ref, else a
 * Click-to-WhatsApp referral, else a click inferred for a first message without its ref
 * (infer-candidates.ts chose it before the batch; it is bound like a ref, labelled `inferred`),
 * else none. A message delivered late but sent earlier takes over
 * the first touch; later messages only add touches.
 */
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { bind, byShape, type Compiled, compile, compileSql } from "../db/prepared";
import { rejectionHour } from "../db/rejections";
import { clicks, leads, messages, touches } from "../db/schema";
import { senderContactSql, senderValues } from "../identity/sender-contact";
import type { InboundMessage } from "../model/inbound-message";
import { findRefCandidates, MAX_CANDIDATES } from "./ref-matcher";
import { canonicalNumber, clickNumberFits, otherNumberRejection } from "./ref-number";

export const PROVIDER_WHATSAPP = "whatsapp";

const p = (name: string) => sql.placeholder(name);
/** The sender's contact, recorded by the identity step earlier in the batch. */
const contactId = senderContactSql;

/**
 * The id of the click the message's ref candidates (placeholders c0…cN) point at: the first in
 * text order that is a click of this site opened to the number that received the message
 * (ref-number.ts) and is bound to this contact (`boundOnly`), or is free or bound to this contact.
 */
function candidateClick(count: number, boundOnly: boolean): SQL {
  if (!count) return sql`null`;
  const refs = Array.from({ length: count }, (_, i) => p(`c${i}`));
  const order = sql.join(
    refs.map((ref, i) => sql`when ${ref} then ${sql.raw(String(i))}`),
    sql` `,
  );
  const owner = boundOnly
    ? sql`${clicks.contactId} = ${contactId}`
    : sql`(${clicks.contactId} is null or ${clicks.contactId} = ${contactId})`;
  return sql`(select ${clicks.id} from ${clicks} where ${clicks.siteId} = ${p("siteId")} and ${inArray(clicks.ref, refs)} and ${owner} and ${clickNumberFits()} order by case ${clicks.ref} ${order} end limit 1)`;
}

/**
 * Compiles the statements for one shape: `candidates` ref codes found, a referral or not, and
 * whether the one candidate is an inferred click rather than a ref in the text (then the lead and
 * its touch say `inferred` and the lead keeps the inference's score and reasons).
 */
function compileShape(
  db: Db,
  candidates: number,
  hasReferral: boolean,
  inferred: boolean,
): Compiled[] {
  // The click counts only once it is bound to this contact, so a ref already matched into
  // another contact's lead is never attributed twice.
  const matchedClick = candidateClick(candidates, true);
  const referral = sql.raw(hasReferral ? "1" : "0");
  const kind = sql.raw(inferred ? "'inferred'" : "'ref'");
  const inference = inferred
    ? sql`case when ${matchedClick} is not null then ${p("inference")} end`
    : sql`null`;
  const statements = [
    db
      .insert(messages)
      .values({
        provider: p("provider"),
        providerMessageId: p("messageId"),
        siteId: p("siteId"),
        contactId,
        deliveryId: p("deliveryId"),
        type: p("type"),
        body: p("body"),
        sentAt: p("sentAt"),
        receivedAt: p("now"),
      })
      .onConflictDoNothing(),
  ];
  const bindClick = candidates
    ? [
        db
          .update(clicks)
          .set({ contactId, matchedAt: sql`${p("now")}` })
          .where(and(eq(clicks.id, candidateClick(candidates, false)), isNull(clicks.contactId))),
      ]
    : [];
  const lead = db
    .insert(leads)
    .values({
      id: p("leadId"),
      siteId: p("siteId"),
      contactId,
      attribution: sql`case when ${matchedClick} is not null then ${kind} when ${referral} then 'ctwa' else 'none' end`,
      clickId: matchedClick,
      ctwaClid: p("ctwaClid"),
      ctwaSourceId: p("ctwaSourceId"),
      ctwaSourceUrl: p("ctwaSourceUrl"),
      ctwaSourceType: p("ctwaSourceType"),
      ctwaHeadline: p("ctwaHeadline"),
      firstMessageId: p("messageId"),
      firstMessageAt: p("sentAt"),
      createdAt: p("now"),
      updatedAt: p("now"),
      chatApp: p("chatApp"),
      provider: p("provider"),
      inference,
    })
    .onConflictDoUpdate({
      target: [leads.siteId, leads.contactId],
      set: {
        attribution: sql`excluded.attribution`,
        clickId: sql`excluded.click_id`,
        ctwaClid: sql`excluded.ctwa_clid`,
        ctwaSourceId: sql`excluded.ctwa_source_id`,
        ctwaSourceUrl: sql`excluded.ctwa_source_url`,
        ctwaSourceType: sql`excluded.ctwa_source_type`,
        ctwaHeadline: sql`excluded.ctwa_headline`,
        firstMessageId: sql`excluded.first_message_id`,
        firstMessageAt: sql`excluded.first_message_at`,
        inference: sql`excluded.inference`,
        updatedAt: sql`excluded.updated_at`,
      },
      setWhere: sql`excluded.first_message_at < ${leads.firstMessageAt}`,
    });
  const touch =
    candidates || hasReferral
      ? [
          db
            .insert(touches)
            .select(
              db
                .select({
                  // insert … select takes every column in table order; SQLite assigns the null id.
                  id: sql<number>`null`.as("id"),
                  siteId: leads.siteId,
                  leadId: leads.id,
                  kind: sql<
                    "ref" | "ctwa" | "inferred"
                  >`case when ${matchedClick} is not null then ${kind} else 'ctwa' end`.as("kind"),
                  clickId: sql<number | null>`${matchedClick}`.as("click_id"),
                  ctwaClid: sql`${p("ctwaClid")}`.as("ctwa_clid"),
                  ctwaSourceId: sql`${p("ctwaSourceId")}`.as("ctwa_source_id"),
                  ctwaSourceUrl: sql`${p("ctwaSourceUrl")}`.as("ctwa_source_url"),
                  ctwaSourceType: sql`${p("ctwaSourceType")}`.as("ctwa_source_type"),
                  ctwaHeadline: sql`${p("ctwaHeadline")}`.as("ctwa_headline"),
                  // The touch's key (UNIQUE over every site): the message id qualified by site
                  // and provider, since another tenant's connection may send any id it likes.
                  messageId:
                    sql`${p("siteId")} || ':' || ${p("provider")} || ':' || ${p("messageId")}`.as(
                      "message_id",
                    ),
                  occurredAt: sql`${p("sentAt")}`.as("occurred_at"),
                })
                .from(leads)
                .where(
                  and(
                    eq(leads.siteId, p("siteId")),
                    eq(leads.contactId, contactId),
                    sql`(${matchedClick} is not null or ${referral})`,
                  ),
                ),
            )
            .onConflictDoNothing(),
        ]
      : [];
  // A ref in the text opened to another number: counted in the rejection log (ref-number.ts).
  const foreign =
    candidates && !inferred
      ? [compileSql(otherNumberRejection(Array.from({ length: candidates }, (_, i) => p(`c${i}`))))]
      : [];
  return [...[...statements, ...bindClick, lead, ...touch].map(compile), ...foreign];
}

let shapes: ((key: number) => Compiled[]) | undefined;

/** The ref codes a message's text carries, first first (see ref-matcher.ts). */
export function refCandidates(msg: InboundMessage): string[] {
  return msg.text ? findRefCandidates(msg.text).slice(0, MAX_CANDIDATES) : [];
}

/**
 * The values the message's statements bind (and the outbox statement after them): the sender's
 * ids, the message, the id a new lead gets, the ref candidates (placeholders c0…cN).
 */
export function messageValues(
  siteId: string,
  msg: InboundMessage,
  deliveryId: string | null,
  now = Date.now(),
  /** The ref codes in the text (`refCandidates(msg)`), found once per message by the caller. */
  candidates = refCandidates(msg),
): Record<string, unknown> {
  const ctwa = msg.referral;
  const values: Record<string, unknown> = {
    siteId,
    ...senderValues(msg),
    chatApp: msg.channel ?? "whatsapp",
    // The number that received it: a ref opened to another number is not matched (ref-number.ts).
    toNumber: canonicalNumber(msg.businessNumber),
    hour: rejectionHour(now),
    provider: msg.provider ?? PROVIDER_WHATSAPP,
    messageId: msg.messageId,
    deliveryId,
    type: msg.type,
    body: msg.text,
    sentAt: msg.sentAt,
    now,
    leadId: newId("lead", now),
    ctwaClid: ctwa?.ctwa_clid,
    ctwaSourceId: ctwa?.source_id,
    ctwaSourceUrl: ctwa?.source_url,
    ctwaSourceType: ctwa?.source_type,
    ctwaHeadline: ctwa?.headline,
  };
  candidates.forEach((ref, i) => {
    values[`c${i}`] = ref;
  });
  return values;
}

/** Statements recording `msg` with its `messageValues`, in order; run them in one batch. */
export function messageStatements(
  db: Db,
  msg: InboundMessage,
  values: Record<string, unknown>,
  /** How many ref candidates `values` carries. */
  candidates: number,
  /** Whether the one candidate is an inferred click (`inferredValues`), not a ref in the text. */
  inferred = false,
): D1PreparedStatement[] {
  shapes ??= byShape((key: number) => compileShape(db, key >> 2, (key & 1) === 1, (key & 2) === 2));
  const key = (candidates << 2) | (inferred ? 2 : 0) | (msg.referral ? 1 : 0);
  return shapes(key).map((c) => bind(db.$client, c, values));
}

/**
 * The values of a message whose click was inferred: its `messageValues` with the click's ref as
 * the one candidate (so it is bound and consumed as a ref would be) and the inference's JSON.
 */
export function inferredValues(
  values: Record<string, unknown>,
  inference: { clickRef: string; score: number; reasons: readonly string[] },
): Record<string, unknown> {
  return {
    ...values,
    c0: inference.clickRef,
    inference: JSON.stringify({ score: inference.score, reasons: inference.reasons }),
  };
}
