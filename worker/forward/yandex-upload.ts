/**
 * Yandex Metrica offline conversions, uploaded in bulk by the cron (protocols.md §6.2). Metrica
 * is a bulk API (one CSV per request, processed within hours), so a `yandex_metrica` outbox row
 * is not sent by the queue consumer (deliver.ts only frees its claim); every cron run:
 *
 * 1. claims the due rows of every Metrica destination (the same lease as deliver.ts, at most
 *    YANDEX_BATCH, oldest due first);
 * 2. per destination: a row whose contact was erased is skipped ("contact erased") and never
 *    uploaded (checked when the rows are read and again right before the upload, after the
 *    status requests of step 4); a lead whose `ad_user_data` consent is denied (formats.ts
 *    consentSkipReason), past the 21-day window, or one the upload type cannot take, is skipped
 *    with the reason (yandex-csv.ts); a sale event (`lead.qualified`, `lead.purchase`) is a
 *    BASIC line of its goal whatever the upload type; the rest go in ONE CSV upload per type
 *    (`POST {endpoint}/counter/{id}/offline_conversions/upload?type=CHATS|BASIC`, multipart field
 *    `file`, `Authorization: OAuth <token>`; yandex-send.ts) through send.ts (URL policy, no
 *    redirects, bounded answer, time limit);
 * 3. an accepted upload: each row keeps its line and Metrica's upload id in `payload`, stays
 *    pending and is held (its lease) until the upload's status is due (the sweep, run after this
 *    step in the cron, and the queue leave it alone); a refused connection, a
 *    timeout or a 5xx / 408 / 425 / 429: every row of the upload retrying with backoff (the same
 *    line next time), dead after its attempts; another 4xx (a bad CSV, a bad token) is final:
 *    dead with Metrica's message;
 * 4. rows whose upload's status is due: one `GET …/offline_conversions/uploadings/{id}` per
 *    upload (yandex-poll.ts) records the outcome on each of its rows.
 *
 * Each lead, and each sale event, is uploaded once (its outbox row is unique per destination and
 * event id, sale-outbox.ts): a row leaves the upload step only with an upload id, final, or due
 * again later. (An upload whose answer was lost is retried and may reach Metrica twice; the
 * BASIC and CHATS types have no de-duplication key that chatref could send.)
 */
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { type Db, getDb } from "../db/client";
import { contacts, destinations, leadEvents, leads } from "../db/schema";
import { type LeadRow, leadAdConsent, selectLeadRows } from "../read-model/lead-json";
import { ERASED_REASON } from "./backfill";
import { parseConfig, type YandexConfig } from "./destination-config";
import type { SaleEvent } from "./format";
import { consentSkipReason } from "./formats";
import { updateUnheld } from "./outbox-claim";
import { isSaleRow } from "./sale-outbox";
import { openSecret } from "./secrets";
import { YANDEX_METRICA_BASE, YANDEX_UPLOAD_TYPES } from "./yandex-config";
import { yandexCells, yandexLineType, yandexSkipReason } from "./yandex-csv";
import { pollUploads } from "./yandex-poll";
import {
  type Finish,
  failedSet,
  keptOf,
  type OutboxRow,
  recordRows,
  type YandexKept,
} from "./yandex-record";
import { uploadLines } from "./yandex-send";

/** Rows claimed per cron run. */
export const YANDEX_BATCH = 500;
/** How long the claim of a run holds its rows: above the requests of one run. */
const LEASE_MS = 4 * 60_000;
/** Ids per IN (…) list: D1 binds at most 100 parameters per statement. */
const CHUNK = 90;

/** What one run did: rows per outcome. */
export interface YandexRun {
  uploads: number;
  uploaded: number;
  polled: number;
  skipped: number;
  failed: number;
}

/** The Management API base of a destination. */
export const yandexEndpoint = (config: YandexConfig) =>
  (config.endpoint ?? YANDEX_METRICA_BASE).replace(/\/+$/, "");

/** The cron step: claims, uploads and polls the due rows of every Metrica destination. */
export async function uploadYandexConversions(env: Env, now = Date.now()): Promise<YandexRun> {
  const db = getDb(env.DB);
  const lease = now + LEASE_MS;
  const rows = await updateUnheld(db, {
    now,
    dueBy: now,
    kind: "yandex_metrica",
    limit: YANDEX_BATCH,
    set: { leaseUntil: lease },
  })
    .returning()
    .all();
  const run: YandexRun = { uploads: 0, uploaded: 0, polled: 0, skipped: 0, failed: 0 };
  const byDestination = new Map<string, OutboxRow[]>();
  for (const r of rows)
    byDestination.set(r.destinationId, [...(byDestination.get(r.destinationId) ?? []), r]);
  for (const [destinationId, own] of byDestination) {
    try {
      await runDestination({ env, db, destinationId, rows: own, lease, now, run });
    } catch (err) {
      // D1 trouble, a stored config this code cannot read, or a bug: every row retried.
      const why = `internal error: ${(err instanceof Error ? err.message : String(err)).slice(0, 300)}`;
      console.warn(`forward: yandex_metrica ${destinationId}: ${why}`);
      await recordRows(
        db,
        lease,
        own.map((r) => ({
          id: r.id,
          set: failedSet(r, now, why, null, true, null, r.payload),
        })),
      ).catch(() => {});
    }
  }
  return run;
}

interface DestinationRun {
  env: Env;
  db: Db;
  destinationId: string;
  rows: OutboxRow[];
  lease: number;
  now: number;
  run: YandexRun;
}

/** Which of the leads `chunk` (at most CHUNK ids) belong to erased contacts. */
function erasedOf(db: Db, chunk: string[]) {
  if (!chunk.length) return Promise.resolve([]);
  return db
    .select({ id: leads.id })
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .where(and(inArray(leads.id, chunk), isNotNull(contacts.erasedAt)))
    .all();
}

/** The rows' leads, which of them belong to erased contacts, and the sale events they deliver. */
async function loadLeads(db: Db, rows: OutboxRow[]) {
  const found = new Map<string, LeadRow>();
  const erased = new Set<string>();
  const sales = new Map<string, SaleEvent>();
  const ids = [...new Set(rows.map((r) => r.leadId))];
  const saleIds = rows.filter(isSaleRow).map((r) => r.eventId);
  for (let i = 0; i < Math.max(ids.length, saleIds.length); i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const saleChunk = saleIds.slice(i, i + CHUNK);
    const [leadRows, gone, events] = await Promise.all([
      chunk.length ? selectLeadRows(db).where(inArray(leads.id, chunk)).all() : [],
      erasedOf(db, chunk),
      saleChunk.length
        ? db.select().from(leadEvents).where(inArray(leadEvents.id, saleChunk)).all()
        : [],
    ]);
    for (const r of leadRows) found.set(r.lead.id, r);
    for (const r of gone) erased.add(r.id);
    for (const e of events) sales.set(e.id, e);
  }
  return { found, erased, sales };
}

const final = (status: "skipped" | "dead", lastError: string): Finish => ({
  status,
  nextAttemptAt: null,
  lastError,
});

async function runDestination(input: DestinationRun): Promise<void> {
  const { env, db, destinationId, rows, lease, now, run } = input;
  const destination = await db
    .select()
    .from(destinations)
    .where(eq(destinations.id, destinationId))
    .get();
  const outcomes: { id: string; set: Finish }[] = [];
  const settle = async () => {
    await recordRows(db, lease, outcomes);
    for (const o of outcomes)
      if (o.set.status === "skipped") run.skipped++;
      else if (o.set.status === "dead" || o.set.status === "retrying") run.failed++;
  };
  if (!destination || destination.disabledAt !== null) {
    const why = destination ? "the destination is disabled" : "the lead or destination is gone";
    for (const r of rows)
      outcomes.push({ id: r.id, set: final(destination ? "skipped" : "dead", why) });
    return settle();
  }
  const config = parseConfig("yandex_metrica", destination.config);
  const { found, erased, sales } = await loadLeads(db, rows);
  const polls = new Map<string, { row: OutboxRow; kept: YandexKept }[]>();
  const lines: { row: OutboxRow; kept: YandexKept }[] = [];
  for (const row of rows) {
    const lead = found.get(row.leadId);
    const kept = keptOf(row);
    const sale = isSaleRow(row) ? (sales.get(row.eventId) ?? null) : null;
    if (erased.has(row.leadId))
      outcomes.push({ id: row.id, set: { ...final("skipped", ERASED_REASON), payload: null } });
    else if (!lead || (isSaleRow(row) && !sale))
      outcomes.push({ id: row.id, set: final("dead", "the lead or destination is gone") });
    else if (kept?.uploading)
      polls.set(kept.uploading, [...(polls.get(kept.uploading) ?? []), { row, kept }]);
    else {
      // The same consent check as deliver.ts: a denied ad_user_data is never uploaded.
      const skip =
        consentSkipReason(destination.kind, leadAdConsent(lead, destination.consentDefault)) ??
        yandexSkipReason(lead, config, now, sale);
      const type = yandexLineType(config, sale);
      if (skip) outcomes.push({ id: row.id, set: final("skipped", skip) });
      else
        lines.push({
          row,
          // The line of the first attempt is sent again, unless the upload type changed since.
          kept:
            kept && kept.type === type
              ? kept
              : { type, cells: yandexCells(lead, config, now, sale) },
        });
    }
  }
  if (polls.size || lines.length) {
    let token: string;
    try {
      token = await openSecret(destination.secret, destination.id, env.CHATREF_SECRET_KEY);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      for (const { row, kept } of [...lines, ...[...polls.values()].flat()])
        outcomes.push({
          id: row.id,
          set: failedSet(row, now, why, null, true, null, JSON.stringify(kept)),
        });
      return settle();
    }
    const target = {
      env,
      endpoint: yandexEndpoint(config),
      counter: config.counter_id,
      token,
      now,
    };
    for (const [id, group] of polls) {
      outcomes.push(...(await pollUploads({ ...target, id, group })));
      run.polled += group.length;
    }
    // Erasure wins a race with the status requests above (each a round trip): checked again
    // right before the lines leave.
    const ids = [...new Set(lines.map((l) => l.row.leadId))];
    const gone = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK)
      for (const r of await erasedOf(db, ids.slice(i, i + CHUNK))) gone.add(r.id);
    for (const { row } of lines)
      if (gone.has(row.leadId))
        outcomes.push({ id: row.id, set: { ...final("skipped", ERASED_REASON), payload: null } });
    // One upload per type: a CHATS destination's sale events go as BASIC lines (yandex-csv.ts).
    for (const type of YANDEX_UPLOAD_TYPES) {
      const own = lines.filter((l) => l.kept.type === type && !gone.has(l.row.leadId));
      if (!own.length) continue;
      run.uploads++;
      const done = await uploadLines({ ...target, type, lines: own });
      run.uploaded += done.filter(
        (o) => o.set.status === "pending" || o.set.status === "sent",
      ).length;
      outcomes.push(...done);
    }
  }
  return settle();
}
