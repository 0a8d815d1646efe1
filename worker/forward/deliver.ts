/**
 * One delivery attempt of one outbox row, as the queue consumer runs it:
 *
 * 1. Claim the row with a conditional UPDATE (still pending or retrying, due, no live lease), so
 *    duplicate queue messages and the sweep never make two senders of one row.
 * 2. Load the lead (the API's lead query) and the destination; skip with a reason when the
 *    destination is disabled or the format says the lead cannot go there (windows, missing ids).
 *    A lead of an erased contact is skipped ("contact erased") and never sent; at an ad platform,
 *    so is one whose `ad_user_data` is denied (formats.ts consentSkipReason).
 * 3. Send the body kept from the first attempt (or build it) through send.ts: URL policy checked
 *    again, no redirects, a bounded answer, a time limit. The erasure check runs again just
 *    before, after the credential's token exchange (a round trip an erasure may finish in).
 * 4. Record the outcome with an UPDATE conditional on the lease, on the row still being pending
 *    or retrying, and on the contact not being erased (erased.ts): sent, retrying (with the next
 *    attempt's time), or dead (a final answer, or MAX_ATTEMPTS failures). An erasure during the
 *    request wins: its `skipped` and cleared payload stay.
 *
 * Error texts keep the status and the start of the answer, never the credential or the URL
 * (which may carry it).
 */
import { and, eq, getTableColumns, inArray, isNull, lt, lte, or } from "drizzle-orm";
import { getDb } from "../db/client";
import { destinations, leads, type OutboxStatus, outbox, sites } from "../db/schema";
import { leadAdConsent, selectLeadRows } from "../read-model/lead-json";
import { metaAppUserOf } from "./app-user";
import { ERASED_REASON } from "./backfill";
import { backoffSeconds } from "./backoff";
import { forwardTimeoutMs } from "./env";
import { type Finish, isLeadErased, outcomeUpdate } from "./erased";
import { failureOf } from "./failure";
import { CredentialError, type Format, type ForwardEvent, type ForwardLead } from "./format";
import { consentSkipReason, withFormat } from "./formats";
import { resealPlainSecrets } from "./reseal";
import { saleEventOf } from "./sale-outbox";
import { openSecret, redact } from "./secrets";
import { sendToDestination } from "./send";

/** How long a claim holds a row: above the attempt time limit plus the D1 work around it. */
export const LEASE_MS = 2 * 60_000;
/** A queue message may arrive this much before the row's next_attempt_at and still run. */
const EARLY_MS = 2_000;

/** What an attempt did; `busy` means another consumer holds the row, or it is done or not due. */
export type DeliveryOutcome =
  | { outcome: Exclude<OutboxStatus, "pending" | "retrying"> | "busy" }
  | { outcome: "retrying"; delaySeconds: number };

type OutboxRow = typeof outbox.$inferSelect;
/** Records `set` and answers `outcome`, or `busy` when the row was no longer ours to record. */
type Recorder = (set: Finish, outcome: DeliveryOutcome) => Promise<DeliveryOutcome>;
const BUSY: DeliveryOutcome = { outcome: "busy" };
/** A row of an erased contact: skipped, its payload gone (as consent/erase.ts leaves it). */
const ERASED_SKIP: Finish = {
  status: "skipped",
  nextAttemptAt: null,
  payload: null,
  lastError: ERASED_REASON,
};

/** Runs one attempt of outbox row `id`. */
export async function deliverOutbox(env: Env, id: string): Promise<DeliveryOutcome> {
  const db = getDb(env.DB);
  const now = Date.now();
  const lease = now + LEASE_MS;
  const row = await db
    .update(outbox)
    .set({ leaseUntil: lease })
    .where(
      and(
        eq(outbox.id, id),
        inArray(outbox.status, ["pending", "retrying"]),
        lte(outbox.nextAttemptAt, now + EARLY_MS),
        or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, now)),
      ),
    )
    .returning()
    .get();
  if (!row) return { outcome: "busy" };

  const finish: Recorder = async (set, outcome) => {
    const res = await outcomeUpdate(db, id, lease, set).run();
    return res.meta.changes > 0 ? outcome : BUSY;
  };

  try {
    return await attemptRow(env, row, now, finish);
  } catch (err) {
    // A stored config this code cannot read, D1 trouble, or a bug: recorded (which also frees
    // the row) and retried like a failed request.
    return fail(row, finish, now, `internal error: ${describe(err)}`, null, true, null);
  }
}

/** Loads what the attempt needs, then skips, or sends with the destination kind's format. */
async function attemptRow(
  env: Env,
  row: OutboxRow,
  now: number,
  finish: Recorder,
): Promise<DeliveryOutcome> {
  const db = getDb(env.DB);
  // Separate queries, not db.batch(): a batch returns rows keyed by column name, which breaks the
  // lead query's joined columns (leads.id vs clicks.id).
  const [leadRow, found, erased] = await Promise.all([
    selectLeadRows(db).where(eq(leads.id, row.leadId)).get(),
    db
      .select({ destination: getTableColumns(destinations), wabaId: sites.wabaId })
      .from(destinations)
      .innerJoin(sites, eq(sites.id, destinations.siteId))
      .where(eq(destinations.id, row.destinationId))
      .get(),
    isLeadErased(db, row.leadId),
  ]);
  if (erased) return finish(ERASED_SKIP, { outcome: "skipped" });
  if (!leadRow || !found)
    return finish(
      { status: "dead", nextAttemptAt: null, lastError: "the lead or destination is gone" },
      { outcome: "dead" },
    );
  const { destination } = found;
  if (destination.disabledAt !== null)
    return finish(
      { status: "skipped", nextAttemptAt: null, lastError: "the destination is disabled" },
      { outcome: "skipped" },
    );
  // Metrica is a bulk API: the cron uploads these rows per counter (yandex-upload.ts); a queue
  // message only frees the claim and leaves the row as it was.
  if (destination.kind === "yandex_metrica")
    return finish({ status: row.status, nextAttemptAt: row.nextAttemptAt }, BUSY);
  const lead: ForwardLead = {
    row: leadRow,
    consent: leadAdConsent(leadRow, destination.consentDefault),
    siteWabaId: found.wabaId,
    // Only Meta's Conversions API reads it, and only for Messenger / Instagram leads.
    metaAppUser: destination.kind === "meta_capi" ? await metaAppUserOf(db, leadRow.lead) : null,
  };
  return withFormat(destination.kind, destination.config, (format, config) =>
    runAttempt({ env, row, destination, lead, format, config, now, finish }),
  );
}

interface AttemptInput<C> {
  env: Env;
  row: OutboxRow;
  destination: typeof destinations.$inferSelect;
  lead: ForwardLead;
  format: Format<C>;
  config: C;
  now: number;
  finish: Recorder;
}

/** One request: skip with a reason, or send the kept (or newly built) body and record the answer. */
async function runAttempt<C>(input: AttemptInput<C>): Promise<DeliveryOutcome> {
  const { env, row, destination, lead, format, config, now, finish } = input;
  // lead.created happened when the lead was created: the row's own time for rows written with the
  // lead (the same instant), not the time a backfill (backfill.ts) wrote it.
  // A sale event happened when its sender says (sale-outbox.ts; no query for the lead's own).
  const sale = await saleEventOf(getDb(env.DB), row);
  const occurredAt =
    sale?.occurredAt ?? (row.event === "lead.created" ? lead.row.lead.createdAt : row.createdAt);
  const event: ForwardEvent = { event: row.event, eventId: row.eventId, occurredAt, sale };
  // Consent first: an ad platform never gets a lead whose ad_user_data is denied (formats.ts).
  const skip =
    consentSkipReason(destination.kind, lead.consent) ??
    format.skipReason(lead, config, now, event);
  if (skip)
    return finish(
      { status: "skipped", nextAttemptAt: null, lastError: skip },
      { outcome: "skipped" },
    );
  const body = row.payload ?? JSON.stringify(await format.payload(lead, config, event));
  let credential: string;
  let previous: string | undefined;
  try {
    credential = await openSecret(destination.secret, destination.id, env.CHATREF_SECRET_KEY);
    // A rotated webhook secret is still honoured for a while (webhook.ts ROTATION_OVERLAP_MS).
    if (destination.previousSecret && (destination.previousSecretUntil ?? 0) > now)
      previous = await openSecret(
        destination.previousSecret,
        destination.id,
        env.CHATREF_SECRET_KEY,
      );
  } catch (err) {
    return fail(row, finish, now, describe(err), null, true, null, body);
  }
  await resealPlainSecrets(getDb(env.DB), env, destination).catch((err: unknown) =>
    console.warn(`forward: re-sealing ${destination.id} failed: ${describe(err)}`),
  );
  let auth = credential;
  try {
    const input = { env, destinationId: destination.id, config, credential, now };
    if (format.authorize) auth = await format.authorize(input);
  } catch (err) {
    // A token endpoint's refusal is final with its reason; its 5xx or silence is retried.
    if (!(err instanceof CredentialError)) throw err;
    const why = redact(err.message, [credential]);
    console.warn(`forward: ${row.id} (${destination.kind}) credential: ${why}`);
    return fail(row, finish, now, why, err.status, err.retryable, null, body);
  }
  // Checked again right before the person's data leaves: the steps since the claim (a token
  // exchange is a round trip of up to the time limit) leave room for an erasure to finish.
  if (await isLeadErased(getDb(env.DB), row.leadId))
    return finish(ERASED_SKIP, { outcome: "skipped" });
  const request = await format.request(config, auth, body, event, now, previous);
  const timeoutMs = forwardTimeoutMs(env);
  const sent = await sendToDestination({
    env,
    destinationKind: destination.kind,
    url: request.url,
    headers: request.headers,
    body,
    timeoutMs,
    readOk: format.answerError !== undefined,
  });
  // A 2xx that states a failure (TikTok's non-zero code) is recorded as one, never as sent.
  const stated = sent.kind === "answer" && sent.ok ? format.answerError?.(sent.text) : null;
  if (sent.kind === "answer" && sent.ok && !stated)
    return finish(
      {
        status: "sent",
        attempts: row.attempts + 1,
        nextAttemptAt: null,
        lastError: null,
        responseStatus: sent.status,
        payload: body,
        lastAttemptAt: now,
        sentAt: Date.now(),
      },
      { outcome: "sent" },
    );
  const { status, error, retryable, retryAfter } = failureOf(sent, now, format.retryable, stated);
  const safe = redact(error, [credential, request.url, auth]);
  console.warn(`forward: ${row.id} (${destination.kind}) attempt ${row.attempts + 1}: ${safe}`);
  return fail(row, finish, now, safe, status, retryable, retryAfter, body);
}

/** Records a failed attempt: retrying with backoff, or dead when final or out of attempts. */
async function fail(
  row: OutboxRow,
  finish: Recorder,
  now: number,
  error: string,
  status: number | null,
  retryable: boolean,
  retryAfter: number | null,
  payload?: string,
): Promise<DeliveryOutcome> {
  const attempts = row.attempts + 1;
  const common = {
    attempts,
    responseStatus: status,
    lastAttemptAt: now,
    ...(payload !== undefined ? { payload } : {}),
  };
  if (!retryable || attempts >= row.maxAttempts) {
    const why = retryable ? `gave up after ${attempts} attempts; last: ${error}` : error;
    return finish(
      { status: "dead", nextAttemptAt: null, lastError: why.slice(0, 1000), ...common },
      { outcome: "dead" },
    );
  }
  const delaySeconds = Math.max(backoffSeconds(attempts), retryAfter ?? 0);
  return finish(
    {
      status: "retrying",
      nextAttemptAt: now + delaySeconds * 1000,
      lastError: error.slice(0, 1000),
      ...common,
    },
    { outcome: "retrying", delaySeconds },
  );
}

function describe(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 300) || "unknown error";
}
