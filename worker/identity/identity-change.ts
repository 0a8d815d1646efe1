/**
 * An identity change (`user_changed_number`, `user_changed_user_id`, `user_id_update`): the
 * contact the previous ids name takes the new ones — never a new contact or lead. The old BSUID
 * stays as an alias (contact_identities keeps it); an old phone number is dropped once the contact
 * has a BSUID to be found by, since numbers are recycled to other people. When the new BSUID
 * already names another contact (a message sent after the change arrived first), the two are
 * merged (merge.ts). Idempotent like every ingest statement: a repeated change changes nothing.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { bind, type Compiled, compileSql } from "../db/prepared";
import { contactIdentities, contacts } from "../db/schema";
import type { IdentityChange } from "../model/inbound-message";
import { markPendingMerge, pendingMergeSql } from "./sender-contact";

const p = (name: string) => sql.placeholder(name);

const contactOf = (kind: string, value: string) => sql`(select ${contactIdentities.contactId}
  from ${contactIdentities} where ${contactIdentities.siteId} = ${p("siteId")}
    and ${contactIdentities.kind} = ${sql.raw(`'${kind}'`)} and ${contactIdentities.value} = ${p(value)})`;

/** The contact the previous ids name. */
const previous = sql`coalesce(${contactOf("wa_user", "prevUserId")}, ${contactOf("wa_phone", "prevWaId")})`;

let compiled: Compiled[] | undefined;

function compileAll(): Compiled[] {
  return [
    compileSql(sql`insert into ${contactIdentities} (site_id, kind, value, contact_id, created_at)
      select ${p("siteId")}, ids.kind, ids.value, ${previous}, ${p("now")}
      from (select 'wa_user' as kind, ${p("userId")} as value
        union all select 'wa_phone', ${p("waId")}) ids
      where ids.value is not null and ${previous} is not null
      on conflict do nothing`),
    pendingMergeSql(previous, contactOf("wa_user", "userId")),
    compileSql(sql`update ${contacts} set
        user_id = coalesce(${p("userId")}, user_id), wa_id = coalesce(${p("waId")}, wa_id)
      where id = ${previous}`),
    compileSql(sql`delete from ${contactIdentities}
      where site_id = ${p("siteId")} and kind = 'wa_phone' and value = ${p("prevWaId")}
        and ${p("prevUserId")} is not null and ${p("waId")} is not null and ${p("waId")} != ${p("prevWaId")}
        and contact_id = ${previous}`),
  ];
}

/** The statements recording an identity change of a site's contact, in order. */
export function identityChangeStatements(
  db: Db,
  siteId: string,
  change: IdentityChange,
  now = Date.now(),
): D1PreparedStatement[] {
  compiled ??= compileAll();
  const prevUserId = change.previous.userId;
  const values = {
    siteId,
    now,
    reason: change.reason,
    prevUserId,
    prevWaId: change.previous.waId,
    userId: change.current.userId,
    waId: change.current.waId,
    kindA: prevUserId ? "wa_user" : "wa_phone",
    valueA: prevUserId ?? change.previous.waId,
    kindB: "wa_user",
    valueB: change.current.userId,
  };
  return compiled.map((c, i) => {
    const statement = bind(db.$client, c, values);
    return i === 1 ? markPendingMerge(statement) : statement;
  });
}
