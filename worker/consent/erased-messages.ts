/**
 * What an erasure leaves of its messages' provider ids, and how a redelivery is recognised.
 *
 * A WhatsApp message id (wamid) embeds the sender's number, so erasure (erase.ts) cannot keep it;
 * it keeps its SHA-256 instead, `erased:<hex>` (the rest of a wamid is random, so the hash names
 * no one). A provider may deliver the same message again later — a retried webhook, a replayed
 * sweep — and its raw id no longer meets the stored one in messages' unique key: without this
 * look-up it would create the erased person again. `erasedMessages` finds the messages of a
 * delivery whose hashed ids are stored, and process-delivery.ts drops them: erasure wins.
 *
 * Only a message sent more than FRESH_MS ago is looked up: a redelivery comes after its message
 * was processed and its sender erased, and the look-up is a D1 round trip the webhook's hot path
 * otherwise does without (the bench: about a sixth of its throughput). Not caught: a message
 * sent, processed, erased and delivered again all within FRESH_MS, and an erasure that commits
 * between the look-up and the delivery's batch (milliseconds).
 */
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { PROVIDER_WHATSAPP } from "../attribution/record-message";
import type { Db } from "../db/client";
import { messages } from "../db/schema";
import { sha256Hex } from "../http/sha256";
import type { InboundMessage } from "../model/inbound-message";

/** The prefix of an erased message's provider id. */
const ERASED = "erased:";
/** Age (ms since it was sent) from which a message may be a redelivery and is looked up. */
export const FRESH_MS = 30_000;
/** Ids looked up per query (D1 binds at most 100 parameters). */
const CHUNK = 90;

/** The provider id an erasure stores for a message whose provider id was `providerMessageId`. */
export async function erasedMessageId(providerMessageId: string): Promise<string> {
  return `${ERASED}${await sha256Hex(providerMessageId)}`;
}

/**
 * The value erase.ts sets `messages.provider_message_id` to for contact `contactId`'s messages:
 * each one's erasedMessageId (read and hashed here); one already erased keeps its value; one
 * that arrived after this read gets `erased:<row id>`.
 */
export async function erasedIdsSql(db: Db, contactId: number): Promise<SQL> {
  const rows = await db
    .select({ id: messages.id, providerId: messages.providerMessageId })
    .from(messages)
    .where(eq(messages.contactId, contactId))
    .all();
  const hashed: Record<string, string> = {};
  for (const r of rows)
    if (!r.providerId.startsWith(ERASED)) hashed[r.id] = await erasedMessageId(r.providerId);
  return sql`case when ${messages.providerMessageId} like ${`${ERASED}%`} then ${messages.providerMessageId}
    else coalesce((select value from json_each(${JSON.stringify(hashed)}) where key = ${messages.id}),
      ${ERASED} || ${messages.id}) end`;
}

/** The messages of `items` (older than FRESH_MS) that an erasure removed before. */
export async function erasedMessages(
  db: Db,
  items: readonly InboundMessage[],
  now = Date.now(),
): Promise<Set<InboundMessage>> {
  const erased = new Set<InboundMessage>();
  const keyed = await Promise.all(
    items
      .filter((m) => now - m.sentAt > FRESH_MS)
      .map(async (m) => ({
        m,
        provider: m.provider ?? PROVIDER_WHATSAPP,
        key: await erasedMessageId(m.messageId),
      })),
  );
  for (const provider of new Set(keyed.map((k) => k.provider))) {
    const own = keyed.filter((k) => k.provider === provider);
    for (let i = 0; i < own.length; i += CHUNK) {
      const chunk = own.slice(i, i + CHUNK);
      const found = await db
        .select({ key: messages.providerMessageId })
        .from(messages)
        .where(
          and(
            eq(messages.provider, provider),
            inArray(
              messages.providerMessageId,
              chunk.map((k) => k.key),
            ),
          ),
        )
        .all();
      const keys = new Set(found.map((f) => f.key));
      for (const k of chunk) if (keys.has(k.key)) erased.add(k.m);
    }
  }
  return erased;
}
