/**
 * Consent statements for the webhook batch: they run in the same D1 batch as the message that
 * carries them (after it, so the contact exists and a ref's click is bound). Compiled once per
 * shape like record-message.ts (db/prepared.ts); each message only binds values.
 *
 * - widget opt-in: a click matched by a ref in the message itself (never one bound by inference),
 *   its checkbox ticked, becomes an `opted_in` event with the text version, page URL, ref and
 *   click time (dedupe `widget:<click id>`); `verified` only when that version is registered for
 *   the site (optin-click.ts), else it is kept as evidence that changes no status;
 * - a text message that is a keyword, or a quick-reply button whose payload or text is one: a
 *   template button, or an interactive `button_reply` / `list_reply` by its id or title (source
 *   `button` for both; dedupe `msg:<message id>`);
 * - a `user_preferences` stop/resume (dedupe `pref:<contact id>:<ms>:<value>`).
 *
 * Every insert is ON CONFLICT DO NOTHING on UNIQUE(site_id, dedupe_key), so duplicate deliveries
 * add nothing. The contact's status then follows its ledger through a trigger on consent_events
 * (migration 0016): the latest verified occurred_at wins; on a tie opt-out wins (honouring a stop
 * is the safe side); a widget opt-in never reverses an earlier opt-out made in WhatsApp.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { bind, byShape, type Compiled, compile } from "../db/prepared";
import { clicks, consentEvents } from "../db/schema";
import type { Site } from "../db/sites";
import { senderContactSql, senderValues } from "../identity/sender-contact";
import type { InboundMessage, PreferenceChange } from "../model/inbound-message";
import { keywordTable, matchKeyword } from "./keywords";

const p = (name: string) => sql.placeholder(name);
/** The sender's contact, recorded by the identity step earlier in the batch. */
const contactId = senderContactSql;

type Shape = "widget" | "message" | "preference";

function build(db: Db, shape: Shape): Compiled {
  switch (shape) {
    case "widget":
      return compile(
        db
          .insert(consentEvents)
          .select(
            db
              .select({
                id: sql<number>`null`.as("id"),
                siteId: clicks.siteId,
                contactId: sql<number>`${clicks.contactId}`.as("contact_id"),
                status: sql<"opted_in">`'opted_in'`.as("status"),
                source: sql<"widget">`'widget'`.as("source"),
                dedupeKey: sql<string>`'widget:' || ${clicks.id}`.as("dedupe_key"),
                occurredAt: sql<number>`${clicks.createdAt}`.as("occurred_at"),
                recordedAt: sql<number>`${p("now")}`.as("recorded_at"),
                textVersion: clicks.optinVersion,
                evidence: sql<string>`'checkbox'`.as("evidence"),
                pageUrl: clicks.pageUrl,
                ref: clicks.ref,
                messageId: sql<string | null>`null`.as("message_id"),
                // The browser's text counts only when registered for the site (optin-click.ts).
                // Qualified by hand: drizzle writes bare column names inside an INSERT … SELECT.
                verified:
                  sql<boolean>`exists (select 1 from "consent_texts" "t" where "t"."site_id" = "clicks"."site_id" and "t"."version" = "clicks"."optin_version" and "t"."registered_at" is not null)`.as(
                    "verified",
                  ),
              })
              .from(clicks)
              .where(
                and(
                  eq(clicks.siteId, p("siteId")),
                  eq(clicks.contactId, contactId),
                  eq(clicks.optinState, "granted"),
                  // Only the clicks this message names by ref: one bound by inference is a guess
                  // (maybe another visitor's), so its ticked box is no one's evidence.
                  sql`${clicks.ref} in (select value from json_each(${p("refs")}))`,
                ),
              ),
          )
          .onConflictDoNothing(),
      );
    case "message":
    case "preference":
      return compile(
        db
          .insert(consentEvents)
          .values({
            siteId: p("siteId"),
            contactId,
            status: p("status"),
            source: p("source"),
            dedupeKey:
              shape === "message"
                ? sql`'msg:' || ${p("messageId")}`
                : sql`'pref:' || ${contactId} || ':' || ${p("at")} || ':' || ${p("value")}`,
            occurredAt: p("at"),
            recordedAt: p("now"),
            evidence: p("evidence"),
            messageId: p("messageId"),
          })
          .onConflictDoNothing(),
      );
  }
}

let shapes: ((shape: Shape) => Compiled) | undefined;

function statement(db: Db, shape: Shape, values: Record<string, unknown>): D1PreparedStatement {
  shapes ??= byShape((s: Shape) => build(db, s));
  return bind(db.$client, shapes(shape), values);
}

/** The consent statements a message implies (none for most messages); run after its own. */
export function messageConsentStatements(
  db: Db,
  site: Pick<Site, "id" | "consentKeywords">,
  msg: InboundMessage,
  now = Date.now(),
  /** The ref codes the text carries (`refCandidates(msg)`): the clicks it may opt in through. */
  refs: readonly string[] = [],
): D1PreparedStatement[] {
  const values = {
    siteId: site.id,
    ...senderValues(msg),
    messageId: msg.messageId,
    at: msg.sentAt,
    now,
  };
  const out: D1PreparedStatement[] = [];
  // A widget opt-in can only come with a matched ref.
  if (refs.length) out.push(statement(db, "widget", { ...values, refs: JSON.stringify(refs) }));
  const keywords = keywordTable(site.consentKeywords);
  // Template quick replies and interactive replies alike: the payload (reply id), then the text.
  const button = msg.type === "button" || msg.type === "interactive";
  const match = button
    ? (matchKeyword(msg.buttonPayload, keywords) ?? matchKeyword(msg.text, keywords))
    : msg.type === "text"
      ? matchKeyword(msg.text, keywords)
      : null;
  if (match) {
    out.push(
      statement(db, "message", {
        ...values,
        status: match.status,
        source: button ? "button" : "keyword",
        evidence: match.keyword,
      }),
    );
  }
  return out;
}

/**
 * The statement recording a `user_preferences` change; the identity step before it records the
 * sender (a contact is created when unknown).
 */
export function preferenceStatements(
  db: Db,
  siteId: string,
  pref: PreferenceChange,
  now = Date.now(),
): D1PreparedStatement[] {
  const values = {
    siteId,
    ...senderValues(pref),
    at: pref.at,
    now,
    value: pref.value,
    status: pref.value === "stop" ? "opted_out" : "opted_in",
    source: "user_preferences",
    evidence: pref.detail?.slice(0, 512) ?? pref.value,
    messageId: null,
  };
  return [statement(db, "preference", values)];
}
