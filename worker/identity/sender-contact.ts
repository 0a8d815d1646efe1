/**
 * The first step of every inbound item's batch: which contact its sender is. A contact is one
 * person per site across every identifier the channel sends; `contact_identities` maps each
 * identifier to the contact (schema.ts). Two idempotent statements, compiled once per shape and
 * run in the item's own D1 batch, before attribution and consent add theirs:
 *
 * 1. the contact upsert: the contact the sender's ids name (`senderContactSql`) gains what the
 *    item tells (phone, BSUID, username, name; first/last seen) — or a new contact is inserted
 *    when none does (`INSERT … VALUES (<that id or null>) ON CONFLICT(id) DO UPDATE`);
 *    Its ids then name it: triggers on contacts (migration 0017, `contacts_identities_ai/au`)
 *    insert the contact's phone and BSUID into contact_identities unless they already name one
 *    — a statement fewer per message than inserting them from here;
 * 2. with both a BSUID and a phone naming two different contacts, a pending merge
 *    (contact_merges, unique while pending): the payload proved them one person; merge.ts merges
 *    them in a batch of their own right after, or the cron does.
 *
 * The BSUID is looked up first. A phone names a contact only while that contact has no other
 * BSUID: a BSUID is regenerated when a person changes number, so a phone whose contact has
 * another BSUID was recycled to someone else.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { bind, byShape, type Compiled, compile, compileSql } from "../db/prepared";
import { ReturnedIds } from "../db/returned-ids";
import { contactIdentities, contactMerges, contacts } from "../db/schema";
import type { Sender } from "../model/inbound-message";

const p = (name: string) => sql.placeholder(name);

/** The contact a BSUID (placeholder `userId`) names, if any. */
const byUserId = sql`(select ${contactIdentities.contactId} from ${contactIdentities}
  where ${contactIdentities.siteId} = ${p("siteId")} and ${contactIdentities.kind} = 'wa_user'
    and ${contactIdentities.value} = ${p("userId")})`;

/** The contact a phone (placeholder `waId`) names, for a sender with no BSUID. */
const byPhoneOnly = sql`(select ${contactIdentities.contactId} from ${contactIdentities}
  where ${contactIdentities.siteId} = ${p("siteId")} and ${contactIdentities.kind} = 'wa_phone'
    and ${contactIdentities.value} = ${p("waId")})`;

/**
 * The contact a phone (placeholder `waId`) names for a sender who also has a BSUID (`userId`):
 * not one that has another BSUID (the phone was recycled).
 */
const byPhoneChecked = sql`(select i.contact_id from ${contactIdentities} i
  where i.site_id = ${p("siteId")} and i.kind = 'wa_phone' and i.value = ${p("waId")}
    and coalesce((select c.user_id from ${contacts} c where c.id = i.contact_id), ${p("userId")}) = ${p("userId")})`;

/** The contact another chat app's user id (placeholders `appKind`, `appId`) names, if any. */
const byAppUser = sql`(select ${contactIdentities.contactId} from ${contactIdentities}
  where ${contactIdentities.siteId} = ${p("siteId")} and ${contactIdentities.kind} = ${p("appKind")}
    and ${contactIdentities.value} = ${p("appId")})`;

/** Which ids the sender has: a statement shape each, as small as those ids allow. */
type Ids = "phone" | "user" | "both" | "app";

/**
 * The contact the sender's ids name (placeholders siteId, userId, waId), for statements 1–2.
 * Measured in Miniflare's D1, a statement's SQL is compiled on every run, so each shape carries
 * only the look-ups its ids need: the checked phone look-up costs about 0.3 ms per message.
 */
const resolvedContact: Record<Ids, SQL> = {
  phone: byPhoneOnly,
  user: byUserId,
  both: sql`coalesce(${byUserId}, ${byPhoneChecked})`,
  app: byAppUser,
};

/**
 * Links another chat app's user id to the contact the upsert just inserted. The contacts
 * triggers link phones and BSUIDs only; this runs right after the upsert, so when the id names
 * no contact yet, the upsert inserted one and `last_insert_rowid()` is its id (a trigger's own
 * inserts do not change it once the trigger ends). When the id already names a contact, the
 * upsert updated that one and nothing is inserted here.
 */
const linkAppUser = sql`insert into ${contactIdentities} (site_id, kind, value, contact_id, created_at)
  select ${p("siteId")}, ${p("appKind")}, ${p("appId")}, c.id, ${p("now")} from ${contacts} c
  where c.id = last_insert_rowid() and c.site_id = ${p("siteId")} and ${byAppUser} is null
  on conflict do nothing`;

/**
 * The id of the sender's contact once the statements above ran: after them the sender's primary
 * id — its BSUID, else its phone, else its id in another app (placeholders `senderKind`, `senderId`; `senderValues`) — always
 * names the contact they wrote, so the later statements of the batch (attribution, consent,
 * outbox) find it with one primary-key look-up. That keeps their SQL as small as it was before
 * identities: measured, the full look-up repeated in every statement doubled the webhook's
 * SQLite time.
 */
export const senderContactSql = sql`(select ${contactIdentities.contactId} from ${contactIdentities}
  where ${contactIdentities.siteId} = ${p("siteId")} and ${contactIdentities.kind} = ${p("senderKind")}
    and ${contactIdentities.value} = ${p("senderId")})`;

/** The placeholder values `senderContactSql` reads. */
export function senderValues(sender: Pick<Sender, "userId" | "waId" | "appUser">) {
  if (sender.userId) return { senderKind: "wa_user", senderId: sender.userId };
  if (!sender.waId && sender.appUser)
    return { senderKind: sender.appUser.kind, senderId: sender.appUser.value };
  return { senderKind: "wa_phone", senderId: sender.waId };
}

/** Statement shapes: whether the item is an inbound message (a preference is not), its ids. */
function compileShape(db: Db, inbound: boolean, ids: Ids): Compiled[] {
  const upsert = db
    .insert(contacts)
    .values({
      id: resolvedContact[ids],
      siteId: p("siteId"),
      waId: p("waId"),
      userId: p("userId"),
      parentUserId: p("parentUserId"),
      username: p("username"),
      name: p("name"),
      firstSeenAt: p("at"),
      // A preference from someone who never wrote: 0 means no service window.
      lastInboundAt: inbound ? p("at") : sql`0`,
      publicId: sql`'ct_' || lower(hex(randomblob(8)))`,
    })
    .onConflictDoUpdate({
      target: contacts.id,
      set: {
        waId: sql`coalesce(excluded.wa_id, ${contacts.waId})`,
        // Kept once known: a message from an earlier BSUID (an alias) does not undo a change.
        userId: sql`coalesce(${contacts.userId}, excluded.user_id)`,
        parentUserId: sql`coalesce(excluded.parent_user_id, ${contacts.parentUserId})`,
        username: sql`coalesce(excluded.username, ${contacts.username})`,
        name: sql`coalesce(excluded.name, ${contacts.name})`,
        firstSeenAt: sql`min(${contacts.firstSeenAt}, excluded.first_seen_at)`,
        lastInboundAt: sql`max(${contacts.lastInboundAt}, excluded.last_inbound_at)`,
      },
    });
  const statements = [compile(upsert)];
  if (ids === "app") statements.push(compileSql(linkAppUser));
  if (ids === "both") statements.push(pendingMergeSql(byUserId, byPhoneChecked));
  return statements;
}

/**
 * A pending merge of the contacts `a` and `b` (placeholders kindA/valueA and kindB/valueB name
 * the identifiers merge.ts resolves them by again, `reason` what proved it), written when both
 * exist and differ. Returns its id.
 */
export function pendingMergeSql(a: SQL, b: SQL): Compiled {
  return compileSql(sql`insert into ${contactMerges}
    (site_id, reason, kind_a, value_a, kind_b, value_b, created_at)
    select ${p("siteId")}, ${p("reason")}, ${p("kindA")}, ${p("valueA")}, ${p("kindB")}, ${p("valueB")}, ${p("now")}
    from (select ${a} as a, ${b} as b) where a != b
    on conflict do nothing
    returning id`);
}

let shapes: ((key: string) => Compiled[]) | undefined;

const pendingMerges = new ReturnedIds<number>("number");

/** The statements recording who sent an item (in this order, first in the item's batch). */
export function senderStatements(
  db: Db,
  siteId: string,
  sender: Sender,
  /** When the person acted (ms): a message's sent time, a preference's. */
  at: number,
  inbound: boolean,
  now = Date.now(),
): D1PreparedStatement[] {
  shapes ??= byShape((key: string) => {
    const [inbound, ids] = key.split(" ");
    return compileShape(db, inbound === "in", ids as Ids);
  });
  const ids: Ids =
    sender.userId !== null
      ? sender.waId === null
        ? "user"
        : "both"
      : sender.waId === null && sender.appUser
        ? "app"
        : "phone";
  const values = {
    ...sender,
    appKind: sender.appUser?.kind ?? null,
    appId: sender.appUser?.value ?? null,
    siteId,
    at,
    now,
    reason: "message",
    kindA: "wa_user",
    valueA: sender.userId,
    kindB: "wa_phone",
    valueB: sender.waId,
  };
  return shapes(`${inbound ? "in" : "pref"} ${ids}`).map((c, i) => {
    const statement = bind(db.$client, c, values);
    return i === 1 && ids === "both" ? pendingMerges.mark(statement) : statement;
  });
}

/** Marks a bound statement as a pending-merge insert, so `pendingMergeIds` reads its rows. */
export function markPendingMerge<T extends object>(statement: T): T {
  return pendingMerges.mark(statement);
}

/** The ids of the pending merges a batch wrote (`results` in statement order). */
export function pendingMergeIds(statements: object[], results: D1Result[]): number[] {
  return pendingMerges.of(statements, results);
}
