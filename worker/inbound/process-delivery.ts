/**
 * Stores a webhook delivery and turns it into contacts, messages, leads and touches.
 *
 * The common case costs one D1 round trip: the raw delivery is the first statement of a batch
 * that also records every message (one transaction). If that batch fails, or the delivery is too
 * large for one batch, the raw delivery is stored on its own first, marked unprocessed, and
 * processed afterwards (`processStoredDelivery`, also run by the cron sweep) — never lost.
 */
import { eq, sql } from "drizzle-orm";
import { messageStatements, refCandidates } from "../attribution/record-message";
import { messageConsentStatements, preferenceStatements } from "../consent/statements";
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { bind, type Compiled, compile } from "../db/prepared";
import { deliveries } from "../db/schema";
import { findSitesByPhoneNumberIds } from "../db/sites";
import { enqueueNewOutbox } from "../forward/enqueue";
import { insertedOutboxIds } from "../forward/outbox-insert";
import type { ParsedDelivery } from "./whatsapp-payload";

/** Messages recorded in the same batch as the raw delivery; larger deliveries go in chunks. */
export const INLINE_MESSAGES_MAX = 20;

type Statement = D1PreparedStatement;

/** The statements recording every message of a delivery whose number belongs to a site. */
async function deliveryStatements(db: Db, deliveryId: string, parsed: ParsedDelivery, now: number) {
  const sites = await findSitesByPhoneNumberIds(
    db,
    [...parsed.messages, ...(parsed.preferences ?? [])].map((m) => m.phoneNumberId),
  );
  // Oldest first, so a batch holding several messages of one contact attributes the earliest.
  const ordered = [...parsed.messages].sort((a, b) => a.sentAt - b.sentAt);
  const chunks: Statement[][] = [];
  for (let i = 0; i < ordered.length; i += INLINE_MESSAGES_MAX) {
    chunks.push(
      ordered.slice(i, i + INLINE_MESSAGES_MAX).flatMap((msg) => {
        const site = sites.get(msg.phoneNumberId);
        if (!site) return [];
        // Consent events the message implies go right after it (consent/statements.ts).
        const candidates = refCandidates(msg);
        const consent = messageConsentStatements(db, site, msg, now, candidates.length > 0);
        return [
          ...messageStatements(db, site.id, msg, deliveryId, now, site.forwarding, candidates),
          ...consent,
        ];
      }),
    );
  }
  // Marketing stop/resume (`user_preferences`), chunked like messages.
  const prefs = parsed.preferences ?? [];
  for (let i = 0; i < prefs.length; i += INLINE_MESSAGES_MAX) {
    chunks.push(
      prefs.slice(i, i + INLINE_MESSAGES_MAX).flatMap((pref) => {
        const site = sites.get(pref.phoneNumberId);
        return site ? preferenceStatements(db, site.id, pref, now) : [];
      }),
    );
  }
  return chunks;
}

/** Runs one batch; returns the ids of the outbox rows it inserted (to enqueue once committed). */
async function runBatch(db: Db, statements: Statement[]): Promise<string[]> {
  if (!statements.length) return [];
  return insertedOutboxIds(statements, await db.$client.batch(statements));
}

let rawInsert: Compiled | undefined;

/** The raw delivery's insert, bound; compiled once per isolate (see db/prepared.ts). */
function insertDelivery(db: Db, values: Record<string, unknown>): Statement {
  const p = (name: string) => sql.placeholder(name);
  rawInsert ??= compile(
    db.insert(deliveries).values({
      id: p("id"),
      provider: p("provider"),
      body: p("body"),
      receivedAt: p("receivedAt"),
      processedAt: p("processedAt"),
    }),
  );
  return bind(db.$client, rawInsert, values);
}

/** What became of a delivery. */
export type IngestOutcome = "processed" | "stored";

/**
 * Stores and processes a verified delivery. Resolves "processed" when everything is recorded,
 * "stored" when only the raw delivery is (then `later()` runs the processing, after the response).
 * When the processing wrote forward outbox rows, `later()` also enqueues them.
 */
export async function ingestDelivery(
  db: Db,
  queue: Queue | undefined,
  provider: string,
  body: string,
  parsed: ParsedDelivery,
  now = Date.now(),
): Promise<{ outcome: IngestOutcome; later?: () => Promise<void> }> {
  const id = newId("dlv", now);
  const chunks = await deliveryStatements(db, id, parsed, now);
  if (chunks.length <= 1) {
    const raw = insertDelivery(db, { id, provider, body, receivedAt: now, processedAt: now });
    try {
      const outboxIds = await runBatch(db, [raw, ...(chunks[0] ?? [])]);
      if (!outboxIds.length) return { outcome: "processed" };
      return { outcome: "processed", later: () => enqueueNewOutbox(queue, outboxIds) };
    } catch (err) {
      console.error("inline processing failed; storing the delivery alone", id, err);
    }
  }
  await insertDelivery(db, { id, provider, body, receivedAt: now }).run();
  return {
    outcome: "stored",
    later: () => processStoredDelivery(db, queue, id, parsed).catch(() => {}),
  };
}

/** Processes a delivery that is already stored, then marks it processed (or records the error). */
export async function processStoredDelivery(
  db: Db,
  queue: Queue | undefined,
  id: string,
  parsed: ParsedDelivery,
  now = Date.now(),
): Promise<void> {
  try {
    const outboxIds: string[] = [];
    for (const chunk of await deliveryStatements(db, id, parsed, now))
      outboxIds.push(...(await runBatch(db, chunk)));
    await enqueueNewOutbox(queue, outboxIds);
    await db
      .update(deliveries)
      .set({ processedAt: Date.now(), error: null })
      .where(eq(deliveries.id, id))
      .run();
  } catch (err) {
    console.error("delivery processing failed", id, err);
    const error = err instanceof Error ? err.message.slice(0, 500) : "unknown error";
    await db.update(deliveries).set({ error }).where(eq(deliveries.id, id)).run();
    throw err;
  }
}
