/**
 * The inference's one read (design.md §4): for a first message that carries no ref and no ad
 * referral, the site's open clicks of the window before it, scored by infer-score.ts. Run before
 * the message's batch is built; the chosen click then goes through the same conditional UPDATE
 * as an exact ref (record-message.ts), so it is consumed once, whoever gets there first.
 *
 * One bounded statement on a partial index (clicks_site_open_idx: open clicks only), at most
 * `maxOpen + 1` rows; a sender who already has a lead on the site reads none (only a lead's first
 * message is attributed, so later messages cost one index probe). A click opened to another of
 * the site's numbers than the one that received the message is not a candidate.
 */
import type { Db } from "../db/client";
import type { InboundSite } from "../db/sites";
import type { InboundMessage } from "../model/inbound-message";
import { senderCountries } from "./infer-country";
import {
  INFERENCE_DEFAULTS,
  type Inference,
  type InferenceClick,
  type InferenceSettings,
  inferClick,
} from "./infer-score";
import { canonicalNumber, canonicalNumberText } from "./ref-number";

// The sender's lead is checked in the LIMIT, which SQLite evaluates once before the scan: a
// sender who has a lead reads no row at all (in a WHERE term it could be tested per row).
const OPEN_CLICKS_SQL = `select c.ref, c.created_at, c.lang, c.placement, c.country, l.message as template
  from clicks c left join links l on l.id = c.link_id
  where c.site_id = ?1 and c.contact_id is null and c.created_at > ?2 and c.created_at <= ?3
    and c.chat_app = 'whatsapp' and (c.number is null or ?7 is null or ${canonicalNumberText("c.number")} = ?7)
  order by c.created_at desc
  limit (select case when exists (select 1 from contact_identities i
      join leads d on d.contact_id = i.contact_id and d.site_id = i.site_id
      where i.site_id = ?1
        and ((i.kind = 'wa_user' and i.value = ?4) or (i.kind = 'wa_phone' and i.value = ?5)))
    then 0 else ?6 end)`;

/** Clock skew tolerated between the click's receipt and the message's sent time (as the scorer). */
const SKEW_MS = 30_000;

interface OpenClickRow {
  ref: string;
  created_at: number;
  lang: string | null;
  placement: InferenceClick["placement"];
  country: string | null;
  template: string | null;
}

/** Whether a message is one the inference looks at: WhatsApp text without a ref or a referral. */
export function inferable(msg: InboundMessage, refs: readonly string[]): boolean {
  // Other apps carry the ref in the link's payload, which a person cannot delete.
  return (msg.channel ?? "whatsapp") === "whatsapp" && !refs.length && !msg.referral;
}

/**
 * The click inferred for `msg` (a message for which `inferable` holds), or null. Reads the site's
 * open clicks of the window before it, unless the sender already has a lead there.
 */
export async function inferForMessage(
  db: Db,
  siteId: string,
  msg: InboundMessage,
  settings: InferenceSettings = INFERENCE_DEFAULTS,
): Promise<Inference | null> {
  if (!msg.waId && !msg.userId) return null;
  const { results } = await db.$client
    .prepare(OPEN_CLICKS_SQL)
    .bind(
      siteId,
      msg.sentAt - settings.windowMs,
      msg.sentAt + SKEW_MS,
      msg.userId ?? null,
      msg.waId ?? null,
      settings.maxOpen + 1,
      // A click bound to another of the site's numbers is no candidate (record-message.ts).
      canonicalNumber(msg.businessNumber),
    )
    .all<OpenClickRow>();
  const clicks = results.map(
    (r): InferenceClick => ({
      ref: r.ref,
      createdAt: r.created_at,
      lang: r.lang,
      placement: r.placement,
      template: r.template,
      country: r.country,
    }),
  );
  const message = { text: msg.text, sentAt: msg.sentAt, countries: senderCountries(msg) };
  return inferClick(message, clicks, settings).inference;
}

/**
 * The inferred clicks of a delivery's messages (sorted oldest first, with their ref candidates):
 * only on sites with inference on, only each sender's earliest inferable message (a later one
 * could only consume a second click for the same lead). A failed read infers nothing: the
 * message is recorded as `none`, never lost.
 */
export async function inferDelivery(
  db: Db,
  sites: ReadonlyMap<string, InboundSite>,
  refs: ReadonlyMap<InboundMessage, readonly string[]>,
): Promise<Map<InboundMessage, Inference>> {
  const found = new Map<InboundMessage, Inference>();
  const senders = new Set<string>();
  const reads: Promise<void>[] = [];
  for (const [msg, codes] of refs) {
    const site = sites.get(msg.phoneNumberId);
    const sender = `${msg.phoneNumberId}|${msg.userId ?? msg.waId}`;
    if (site?.inference !== "on" || senders.has(sender)) continue;
    senders.add(sender);
    if (!inferable(msg, codes)) continue;
    reads.push(
      inferForMessage(db, site.id, msg)
        .then((inference) => {
          if (inference) found.set(msg, inference);
        })
        .catch((err) => console.error("inference read failed; recorded without it", err)),
    );
  }
  await Promise.all(reads);
  return found;
}
