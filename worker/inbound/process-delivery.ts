/**
 * Stores a webhook delivery and turns it into contacts, messages, leads and touches, then runs
 * the contact merges it proved (merge-contacts.ts).
 *
 * The common case costs one D1 round trip: the raw delivery is the first statement of a batch
 * that also records every message (one transaction). If that batch fails, or the delivery is too
 * large for one batch, the raw delivery is stored on its own first, marked unprocessed, and
 * processed afterwards (`processStoredDelivery`, also run by the cron sweep) — never lost.
 * A WhatsApp message with no ref and no referral adds one bounded read before the batch, in
 * parallel per message (attribution/infer-candidates.ts: the open clicks an inference may pick;
 * none when the sender already has a lead); a failed read only means no inference.
 */
import { eq, sql } from "drizzle-orm";
import { redactStored } from "../adapters/stored-formats";
import { inferDelivery } from "../attribution/infer-candidates";
import {
  inferredValues,
  messageStatements,
  messageValues,
  refCandidates,
} from "../attribution/record-message";
import { erasedMessages } from "../consent/erased-messages";
import { messageConsentStatements, preferenceStatements } from "../consent/statements";
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { bind, type Compiled, compile } from "../db/prepared";
import { recordRejection } from "../db/rejections";
import { deliveries } from "../db/schema";
import { findSitesByPhoneNumberIds, type InboundSite } from "../db/sites";
import { enqueueNewOutbox, type ForwardMessage } from "../forward/enqueue";
import { insertedOutboxIds, outboxStatement } from "../forward/outbox-insert";
import { sha256Hex } from "../http/sha256";
import { identityChangeStatements } from "../identity/identity-change";
import { pendingMergeIds, senderStatements } from "../identity/sender-contact";
import type { ParsedDelivery } from "../model/inbound-message";
import { runMerges } from "./merge-contacts";

/** Messages recorded in the same batch as the raw delivery; larger deliveries go in chunks. */
export const INLINE_MESSAGES_MAX = 20;

type Statement = D1PreparedStatement;

/**
 * The statements recording every item of a delivery whose number belongs to a site, in chunks of
 * one batch each. Per item, in the data flow's order: who sent it (identity), then the message
 * and its attribution, then the consent it implies, then the forward outbox row (last, when the
 * site has a live destination). No step imports a later one; this module composes them.
 */
async function deliveryStatements(db: Db, deliveryId: string, parsed: ParsedDelivery, now: number) {
  const prefs = parsed.preferences ?? [];
  const changes = parsed.identityChanges ?? [];
  const [sites, erased] = await Promise.all([
    findSitesByPhoneNumberIds(
      db,
      [...parsed.messages, ...prefs, ...changes].map((m) => m.phoneNumberId),
    ),
    erasedMessages(db, parsed.messages, now),
  ]);
  const chunks: Statement[][] = [];
  const chunked = <T extends { phoneNumberId: string }>(
    items: T[],
    statements: (site: InboundSite, item: T) => Statement[],
  ) => {
    for (let i = 0; i < items.length; i += INLINE_MESSAGES_MAX) {
      chunks.push(
        items.slice(i, i + INLINE_MESSAGES_MAX).flatMap((item) => {
          const site = sites.get(item.phoneNumberId);
          return site ? statements(site, item) : [];
        }),
      );
    }
  };
  // Identity changes first, so the delivery's messages find the contact by its new ids.
  chunked(changes, (site, change) => identityChangeStatements(db, site.id, change, now));
  // Oldest first, so a batch holding several messages of one contact attributes the earliest.
  // A message an erasure removed, delivered again, brings no one back (erased-messages.ts).
  const ordered = parsed.messages.filter((m) => !erased.has(m)).sort((a, b) => a.sentAt - b.sentAt);
  const refs = new Map(ordered.map((msg) => [msg, refCandidates(msg)]));
  // Ref-less first messages: the inference's bounded read, before the batch is built.
  const inferred = await inferDelivery(db, sites, refs);
  chunked(ordered, (site, msg) => {
    const candidates = refs.get(msg) ?? [];
    const inference = inferred.get(msg);
    const values = messageValues(site.id, msg, deliveryId, now, candidates);
    return [
      ...senderStatements(db, site.id, msg, msg.sentAt, true, now),
      ...(inference
        ? messageStatements(db, msg, inferredValues(values, inference), 1, true)
        : messageStatements(db, msg, values, candidates.length)),
      // An inferred click's opt-in box is not the contact's evidence: only an exact ref's is.
      ...messageConsentStatements(db, site, msg, now, candidates),
      ...(site.forwarding ? [outboxStatement(db, values)] : []),
    ];
  });
  // Marketing stop/resume (`user_preferences`).
  chunked(prefs, (site, pref) => [
    ...senderStatements(db, site.id, pref, pref.at, false, now),
    ...preferenceStatements(db, site.id, pref, now),
  ]);
  const ids = [...parsed.messages, ...prefs, ...changes].map((m) => m.phoneNumberId);
  return {
    chunks: chunks.filter((chunk) => chunk.length > 0),
    // Who sent the erased messages: the stored body must not keep them either.
    erasedSenders: [...erased].flatMap((m) => [m.waId, m.userId, m.parentUserId]).filter(isId),
    // Accounts no site owns: their items record nothing, so the rejection log names them.
    unknown: [...new Set(ids)].filter((id) => !sites.has(id)),
  };
}

const isId = (v: string | null | undefined): v is string => !!v;

/**
 * `body` without the items of `senders` (erased people whose message came again), as erasure
 * leaves a waiting delivery (adapters/stored-formats.ts); as it is when there are none.
 */
function withoutErased(provider: string, body: string, senders: string[]): string {
  return senders.length ? (redactStored(provider, body, senders) ?? body) : body;
}

/** What a committed batch left to do: outbox rows to enqueue, contact merges to run. */
interface BatchFollowUp {
  outboxIds: string[];
  mergeIds: number[];
}

/** Runs one batch; returns what to do once it committed. */
async function runBatch(db: Db, statements: Statement[]): Promise<BatchFollowUp> {
  if (!statements.length) return { outboxIds: [], mergeIds: [] };
  const results = await db.$client.batch(statements);
  return {
    outboxIds: insertedOutboxIds(statements, results),
    mergeIds: pendingMergeIds(statements, results),
  };
}

/** Enqueues the batch's outbox rows and runs its merges (whose failure the cron retries). */
async function followUp(
  db: Db,
  queue: Queue<ForwardMessage> | undefined,
  todo: BatchFollowUp,
): Promise<void> {
  await enqueueNewOutbox(queue, todo.outboxIds);
  if (todo.mergeIds.length)
    await runMerges(db, queue, todo.mergeIds).catch((err) =>
      console.error("contact merge failed; the cron retries it", err),
    );
}

let rawInsert: Compiled | undefined;

/**
 * The raw delivery's insert, bound; compiled once per isolate (see db/prepared.ts). A replayed
 * body (byte-identical, so the same SHA-256) is stored once per provider: UNIQUE(provider,
 * body_sha256) + DO NOTHING. Its messages are idempotent on their own ids.
 */
function insertDelivery(db: Db, values: Record<string, unknown>): Statement {
  const p = (name: string) => sql.placeholder(name);
  rawInsert ??= compile(
    db
      .insert(deliveries)
      .values({
        id: p("id"),
        provider: p("provider"),
        body: p("body"),
        bodySha256: p("bodySha256"),
        receivedAt: p("receivedAt"),
        processedAt: p("processedAt"),
      })
      .onConflictDoNothing(),
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
  queue: Queue<ForwardMessage> | undefined,
  provider: string,
  body: string,
  parsed: ParsedDelivery,
  now = Date.now(),
): Promise<{ outcome: IngestOutcome; later?: () => Promise<void> }> {
  const id = newId("dlv", now);
  const bodySha256 = await sha256Hex(body);
  const { chunks, unknown, erasedSenders } = await deliveryStatements(db, id, parsed, now);
  const kept = withoutErased(provider, body, erasedSenders);
  // A signed delivery for an account no site owns is acknowledged (the sender did nothing
  // wrong), and logged after the response for GET /api/v1/sites/diagnostics (db/rejections.ts).
  const logged = (later?: () => Promise<void>) =>
    unknown.length
      ? async () => {
          await Promise.all([
            later?.(),
            ...unknown.map((account) =>
              recordRejection(db.$client, "unknown_account", null, account, now),
            ),
          ]);
        }
      : later;
  if (chunks.length <= 1) {
    const raw = insertDelivery(db, {
      id,
      provider,
      body: kept,
      bodySha256,
      receivedAt: now,
      processedAt: now,
    });
    try {
      const todo = await runBatch(db, [raw, ...(chunks[0] ?? [])]);
      if (!todo.outboxIds.length && !todo.mergeIds.length)
        return { outcome: "processed", later: logged() };
      return { outcome: "processed", later: logged(() => followUp(db, queue, todo)) };
    } catch (err) {
      console.error("inline processing failed; storing the delivery alone", id, err);
    }
  }
  const stored = await insertDelivery(db, {
    id,
    provider,
    body: kept,
    bodySha256,
    receivedAt: now,
  }).run();
  // A replay of a stored body: the first copy is processed by its own `later()` or the sweep.
  if (!stored.meta.changes) return { outcome: "stored", later: logged() };
  return {
    outcome: "stored",
    later: logged(() => processStoredDelivery(db, queue, id, parsed).catch(() => {})),
  };
}

/** Removes `senders`' items from stored delivery `id` (processed later: stored as it came). */
async function redactStoredRow(db: Db, id: string, senders: string[]): Promise<void> {
  const row = await db
    .select({ provider: deliveries.provider, body: deliveries.body })
    .from(deliveries)
    .where(eq(deliveries.id, id))
    .get();
  if (row)
    await db
      .update(deliveries)
      .set({ body: withoutErased(row.provider, row.body, senders) })
      .where(eq(deliveries.id, id))
      .run();
}

/** Processes a delivery that is already stored, then marks it processed (or records the error). */
export async function processStoredDelivery(
  db: Db,
  queue: Queue<ForwardMessage> | undefined,
  id: string,
  parsed: ParsedDelivery,
  now = Date.now(),
): Promise<void> {
  try {
    const todo: BatchFollowUp = { outboxIds: [], mergeIds: [] };
    const { chunks, erasedSenders } = await deliveryStatements(db, id, parsed, now);
    if (erasedSenders.length) await redactStoredRow(db, id, erasedSenders);
    for (const chunk of chunks) {
      const done = await runBatch(db, chunk);
      todo.outboxIds.push(...done.outboxIds);
      todo.mergeIds.push(...done.mergeIds);
    }
    await followUp(db, queue, todo);
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
