/**
 * A ref is bound to the WhatsApp number it opened (the click's `number`, from the beacon or a
 * scan's site number): only a message received on that number attributes it, so a ref cannot be
 * claimed by writing it to another of the site's numbers. A click without a number (older
 * widgets) and a message whose provider names no receiving number (`toNumber` null) are not
 * checked. A ref received on another number is not matched, and the mismatch is counted in the
 * rejection log (db/rejections.ts, kind `ref_other_number`: `GET /api/v1/setup`), in the
 * message's own batch.
 */
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { clicks, messages, rejections } from "../db/schema";

const p = (name: string) => sql.placeholder(name);

/** Separates the opened and the receiving number in a `ref_other_number` rejection's detail. */
export const NUMBER_PAIR_SEPARATOR = ">";

/**
 * One form per number, for comparing the number a chat was opened to with the one that received
 * it: countries whose mobile numbers are written with or without an extra digit reach the same
 * WhatsApp account either way — Brazil's `9` after the area code (55 AA 9XXXXXXXX), Mexico's `1`
 * (52 1 …) and Argentina's `9` (54 9 …) — so the long form is reduced to the short one. Every
 * other number is its digits. `canonicalNumberText` is the same rule for a stored column.
 */
export function canonicalNumber(digits: string | null | undefined): string | null {
  if (!digits) return null;
  if (digits.length !== 13) return digits;
  if (digits.startsWith("55") && digits[4] === "9") return digits.slice(0, 4) + digits.slice(5);
  if (/^5(21|49)/.test(digits)) return digits.slice(0, 2) + digits.slice(3);
  return digits;
}

/** `canonicalNumber` of a text column, as SQL text (test/worker/agent-number.test.ts keeps them equal). */
export function canonicalNumberText(n: string): string {
  return `(case when length(${n}) = 13 and substr(${n}, 1, 2) = '55' and substr(${n}, 5, 1) = '9'
    then substr(${n}, 1, 4) || substr(${n}, 6)
    when length(${n}) = 13 and substr(${n}, 1, 3) in ('521', '549') then substr(${n}, 1, 2) || substr(${n}, 4)
    else ${n} end)`;
}

/** The click's number in its `canonicalNumber` form. */
const clickNumber = sql.raw(canonicalNumberText(`"clicks"."number"`));

/**
 * Whether the click may be attributed by a message received on `toNumber` (placeholder, already
 * `canonicalNumber`ed): the same number in either of its written forms.
 */
export function clickNumberFits(): SQL {
  return sql`(${clicks.number} is null or ${p("toNumber")} is null or ${clickNumber} = ${p("toNumber")})`;
}

/**
 * Counts, once per message, each of its ref candidates (placeholders `refs`) that is a click of
 * the site opened to another number than the one that received it: one rejection row per
 * (site, opened → receiving number, hour). The message row inserted earlier in the batch with
 * this delivery's id is the guard: a message delivered again adds nothing.
 */
export function otherNumberRejection(refs: SQLWrapper[]): SQL {
  const detail = sql`${clicks.number} || ${NUMBER_PAIR_SEPARATOR} || ${p("toNumber")}`;
  return sql`insert into ${rejections} (site_id, kind, detail, hour, count, last_at)
    select ${p("siteId")}, 'ref_other_number', ${detail}, ${p("hour")}, 1, ${p("now")}
    from ${clicks}
    where ${clicks.siteId} = ${p("siteId")} and ${clicks.ref} in (${sql.join(refs, sql`, `)})
      and ${clicks.number} is not null and ${p("toNumber")} is not null
      and ${clickNumber} <> ${p("toNumber")}
      and exists (select 1 from ${messages} where ${messages.provider} = ${p("provider")}
        and ${messages.providerMessageId} = ${p("messageId")}
        and ${messages.deliveryId} is ${p("deliveryId")})
    on conflict (site_id, kind, detail, hour)
    do update set count = count + 1, last_at = max(last_at, excluded.last_at)`;
}
